/**
 * `Content-ID` references in a `$batch` change set ("Execute batch operations using the Web API",
 * Reference URIs in an operation,
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api#reference-uris-in-an-operation):
 * `$1` stands for the URL of the record the change set's part with `Content-ID: 1` created (its
 * `OData-EntityId`), as the first segment of a later part's URL (`PATCH $1`, `DELETE $1`) or as the value of
 * `@odata.bind` / `@odata.id` in its body. A reference to a Content-ID not declared earlier in the same change
 * set is "HTTP 400 Bad request … Content-ID Reference: '$1' does not exist in the batch context.", the
 * batch refused as a whole (the article's note). OData 4.0 part 1, 11.7.3.1 limits references to their
 * change set, so a reference outside one is refused the same way.
 */
import { jsonNestingExceeds } from "../../shared/requestGuards";
import { badRequest } from "../errors";
import type { BatchItem, BatchRequest } from "./batch";
import { MAX_JSON_NESTING } from "./context";

/** `$`-names that are OData system resources, never references (OData 4.01 JSON format, Batch Request). */
const SYSTEM_RESOURCES = new Set(["$batch", "$crossjoin", "$all", "$entity", "$root", "$id", "$metadata", "$count", "$ref", "$value"]);

/** The Content-ID a value names (`$1` → `1`), when it is a reference. */
function referenceName(value: string): string | undefined {
  const name = /^\$([^/?#]+)/.exec(value)?.[0];
  return name && !SYSTEM_RESOURCES.has(name) ? name.slice(1) : undefined;
}

/** The text is the article's; the code is the sandbox's (the article shows none), the one it gives a request URL it cannot read. */
export const undeclaredReference = (name: string) => badRequest(`Content-ID Reference: '$${name}' does not exist in the batch context.`);

const isReferenceKey = (key: string) => key.endsWith("@odata.bind") || key === "@odata.id";

/** Every `@odata.bind` / `@odata.id` string in a JSON body, however deeply nested (action parameters hold records). */
function walkReferences(value: unknown, visit: (holder: Record<string, unknown>, key: string, text: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item) => walkReferences(item, visit));
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const holder = value as Record<string, unknown>;
  for (const [key, inner] of Object.entries(holder)) {
    if (isReferenceKey(key) && typeof inner === "string") visit(holder, key, inner);
    else walkReferences(inner, visit);
  }
}

/**
 * The body as JSON when it may hold a reference; undefined when it cannot (no `"$`), is not JSON or nests
 * deeper than the handlers accept — the handler then refuses it as it would outside a batch.
 */
function jsonBody(body: string): unknown {
  // A reference is a JSON string starting with `$` (also inside a body encoded twice, where the quote is escaped).
  if (!body.includes('"$')) return undefined;
  if (jsonNestingExceeds(body, MAX_JSON_NESTING)) return undefined;
  try {
    const parsed = JSON.parse(body) as unknown;
    // dataverse-ify's Node client sends bodies JSON-encoded twice (see parseJsonBody).
    if (typeof parsed === "string" && /^\s*[{[]/.test(parsed)) {
      return jsonNestingExceeds(parsed, MAX_JSON_NESTING) ? undefined : (JSON.parse(parsed) as unknown);
    }
    return parsed;
  } catch {
    return undefined;
  }
}

/** The Content-IDs a request refers to, in its URL and its body. */
function referencesOf(request: BatchRequest): string[] {
  const names: string[] = [];
  const inUrl = referenceName(request.url);
  if (inUrl !== undefined) names.push(inUrl);
  const body = jsonBody(request.body);
  if (body !== undefined) {
    walkReferences(body, (_holder, _key, text) => {
      const name = referenceName(text);
      if (name !== undefined) names.push(name);
    });
  }
  return names;
}

/** Refuses the batch before anything runs when a part refers to a Content-ID its change set has not declared before it. */
export function checkReferences(items: BatchItem[]): void {
  for (const item of items) {
    const requests = item.kind === "request" ? [item.request] : item.requests;
    const declared = new Set<string>();
    for (const request of requests) {
      const undeclared = referencesOf(request).find((name) => item.kind === "request" || !declared.has(name));
      if (undeclared !== undefined) throw undeclaredReference(undeclared);
      if (request.contentId !== undefined) declared.add(request.contentId);
    }
  }
}

/**
 * The request with its references replaced by the URLs of what the earlier parts created. A reference to a
 * part that created nothing (a DELETE, say) has no URL: that part's answer is the same 400.
 */
export function resolveReferences(request: BatchRequest, created: ReadonlyMap<string, string>): BatchRequest {
  const urlFor = (text: string): string => {
    const name = referenceName(text);
    if (name === undefined) return text;
    const url = created.get(name);
    if (url === undefined) throw undeclaredReference(name);
    return url + text.slice(name.length + 1);
  };
  const resolved: BatchRequest = { ...request, url: urlFor(request.url) };
  const body = jsonBody(request.body);
  if (body === undefined) return resolved;
  walkReferences(body, (holder, key, text) => {
    holder[key] = urlFor(text);
  });
  // Sent once-encoded from here: parseJsonBody reads both.
  return { ...resolved, body: JSON.stringify(body) };
}
