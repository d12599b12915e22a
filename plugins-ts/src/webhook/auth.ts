import * as crypto from "node:crypto";
import { WebhookEndpoint } from "../registration/steps";

/**
 * The webhook key arrives as the `x-cb2b-webhook-key` header (service endpoint auth type HttpHeader) or
 * as `?code=` (auth type WebhookKey, the Azure Functions convention). Compared in constant time: both
 * sides are hashed first, so neither the content nor the length of the key leaks through timing.
 */
export function presentedKeys(header: (name: string) => string | null | undefined, query: URLSearchParams): string[] {
  const keys: string[] = [];
  const fromHeader = header(WebhookEndpoint.keyHeader);
  if (fromHeader) keys.push(fromHeader);
  const fromQuery = query.get("code");
  if (fromQuery) keys.push(fromQuery);
  return keys;
}

/** Node's one-shot `crypto.hash` (20.12 and later) where there is one: it skips the Hash object `createHash` builds per call. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "buffer") => Buffer }).hash;

function digest(value: string): Buffer {
  return oneShot ? oneShot("sha256", value, "buffer") : crypto.createHash("sha256").update(value, "utf8").digest();
}

/** The expected key's digest, kept: the key is the same for every request a host serves. */
let expectedDigest: { key: string; digest: Buffer } | null = null;

export function isAuthorized(expectedKey: string, presented: readonly string[]): boolean {
  if (expectedDigest === null || expectedDigest.key !== expectedKey) expectedDigest = { key: expectedKey, digest: digest(expectedKey) };
  const expected = expectedDigest.digest;
  // Every presented key is compared (no early exit), so the answer time does not say which one matched.
  let match = false;
  for (const key of presented) match = crypto.timingSafeEqual(expected, digest(key)) || match;
  return match;
}
