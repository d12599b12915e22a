/**
 * Posting one execution context to a webhook service endpoint, authenticated as the endpoint says:
 * WebhookKey as `?code=`, HttpHeader and HttpQueryString from the `<settings><setting name value/>`
 * list Dataverse stores in `authvalue`.
 *
 * What Dataverse does with the answer ("Use Webhooks to create external handlers for server events",
 * Troubleshoot WebHook registrations,
 * https://learn.microsoft.com/power-apps/developer/data-platform/use-webhooks#troubleshoot-webhook-registrations):
 * "The system can't parse any data returned with the body of the response. It only looks at the
 * response StatusCode value." A 2xx succeeds; anything else, or no answer within the 60-second timeout,
 * fails; 502, 503 and 504 get "one more attempt". So the body of an answer is read and dropped here,
 * never passed on.
 */
import { STATUS_CODES } from "node:http";
import { attribute, childElements, parseXml, XmlError } from "../xml";
import type { RegisteredStep } from "./registry";

export const AuthType = { WebhookKey: 4, HttpHeader: 5, HttpQueryString: 6 } as const;

/** Dataverse waits 60 seconds for a webhook (use-webhooks, Troubleshoot WebHook registrations). */
export const WEBHOOK_TIMEOUT_MS = 60_000;

/** The statuses after which Dataverse makes exactly one more attempt (same section). */
const RETRIED_STATUSES = new Set([502, 503, 504]);

/** How one delivery ended: the endpoint's status code, or no answer (unreachable, or the timeout). */
export type DeliveryOutcome = { kind: "answered"; status: number } | { kind: "timeout"; timeoutMs: number } | { kind: "unreachable"; reason: string };

export const succeeded = (outcome: DeliveryOutcome): boolean => outcome.kind === "answered" && outcome.status >= 200 && outcome.status <= 299;

/** Whether Dataverse tries once more after this outcome: only after an answered 502, 503 or 504. */
export const retried = (outcome: DeliveryOutcome): boolean => outcome.kind === "answered" && RETRIED_STATUSES.has(outcome.status);

function settings(authValue: string): [string, string][] {
  try {
    const root = parseXml(authValue, "The service endpoint's authvalue").documentElement;
    if (!root) return [];
    return childElements(root, "setting").map((s) => [attribute(s, "name") ?? "", attribute(s, "value") ?? ""] as [string, string]);
  } catch (error) {
    if (error instanceof XmlError) throw new Error(`${error.message}; HttpHeader and HttpQueryString endpoints keep <settings><setting name="…" value="…" /></settings> there.`);
    throw error;
  }
}

/** One POST of the body; the answer's status only. Throws for an endpoint that cannot be posted to at all. */
export async function deliver(step: RegisteredStep, body: string, headers: Record<string, string>, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<DeliveryOutcome> {
  const { url: endpointUrl, authType, authValue } = step.endpoint;
  if (!endpointUrl) throw new Error(`The service endpoint ${step.endpoint.id} has no URL.`);
  const url = new URL(endpointUrl);
  const allHeaders = { ...headers };
  if (authValue) {
    if (authType === AuthType.WebhookKey) url.searchParams.set("code", authValue);
    if (authType === AuthType.HttpHeader) for (const [name, value] of settings(authValue)) allHeaders[name] = value;
    if (authType === AuthType.HttpQueryString) for (const [name, value] of settings(authValue)) url.searchParams.set(name, value);
  }
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { method: "POST", headers: allHeaders, body, signal });
    // Read to the end so the connection is released; what it says is not looked at.
    await response.arrayBuffer();
    return { kind: "answered", status: response.status };
  } catch (error) {
    if (signal.aborted) return { kind: "timeout", timeoutMs };
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    return { kind: "unreachable", reason: cause ?? (error as Error).message };
  }
}

/**
 * Posts, and once more after a 502, 503 or 504, as Dataverse does; the outcome of the last attempt and
 * how many attempts were made.
 */
export async function deliverWithRetry(send: () => Promise<DeliveryOutcome>): Promise<{ outcome: DeliveryOutcome; attempts: number }> {
  const first = await send();
  if (!retried(first)) return { outcome: first, attempts: 1 };
  return { outcome: await send(), attempts: 2 };
}

/**
 * What went wrong, in the sandbox's words (Dataverse publishes no text for it): the status code and its
 * reason phrase, the timeout, or why the endpoint could not be reached. Never the answer's body.
 */
export function describeOutcome(outcome: DeliveryOutcome): string {
  switch (outcome.kind) {
    case "answered":
      return `The webhook answered HTTP ${outcome.status}${STATUS_CODES[outcome.status] ? ` (${STATUS_CODES[outcome.status]})` : ""}.`;
    case "timeout":
      return `The webhook did not answer within ${outcome.timeoutMs / 1000} seconds.`;
    case "unreachable":
      return `The webhook could not be reached: ${outcome.reason}.`;
  }
}
