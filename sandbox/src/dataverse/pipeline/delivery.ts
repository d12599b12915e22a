/**
 * Posting one execution context to a webhook service endpoint, authenticated as the endpoint says:
 * WebhookKey as `?code=`, HttpHeader and HttpQueryString from the `<settings><setting name value/>`
 * list Dataverse stores in `authvalue`.
 */
import { attribute, childElements, parseXml, XmlError } from "../xml";
import type { RegisteredStep } from "./registry";

export const AuthType = { WebhookKey: 4, HttpHeader: 5, HttpQueryString: 6 } as const;

/** Dataverse waits 60 seconds for a webhook. */
export const WEBHOOK_TIMEOUT_MS = 60_000;

export interface DeliveryResult {
  status: number;
  body: string;
}

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

export async function deliver(step: RegisteredStep, body: string, headers: Record<string, string>, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<DeliveryResult> {
  const { url: endpointUrl, authType, authValue } = step.endpoint;
  if (!endpointUrl) throw new Error(`The service endpoint ${step.endpoint.id} has no URL.`);
  const url = new URL(endpointUrl);
  const allHeaders = { ...headers };
  if (authValue) {
    if (authType === AuthType.WebhookKey) url.searchParams.set("code", authValue);
    if (authType === AuthType.HttpHeader) for (const [name, value] of settings(authValue)) allHeaders[name] = value;
    if (authType === AuthType.HttpQueryString) for (const [name, value] of settings(authValue)) url.searchParams.set(name, value);
  }
  const response = await fetch(url, { method: "POST", headers: allHeaders, body, signal: AbortSignal.timeout(timeoutMs) });
  return { status: response.status, body: await response.text() };
}

/** The text Dataverse shows for a failed synchronous webhook: the handler's `message`, else the body, else the status. */
export function failureMessage(result: DeliveryResult): string {
  try {
    const parsed = JSON.parse(result.body) as { message?: unknown; error?: { message?: unknown } };
    if (typeof parsed.message === "string" && parsed.message) return parsed.message;
    if (typeof parsed.error?.message === "string" && parsed.error.message) return parsed.error.message;
  } catch {
    // Not JSON: the body as text.
  }
  return result.body.trim() || `The webhook answered HTTP ${result.status}.`;
}
