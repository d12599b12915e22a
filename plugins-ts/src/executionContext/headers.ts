import type { RemoteExecutionContext, WebhookHeaders } from "./types";

/** Headers Dataverse adds to every webhook request (lower case, as Node exposes them). */
export const WebhookHeaderNames = {
  organization: "x-ms-dynamics-organization",
  entityName: "x-ms-dynamics-entity-name",
  requestName: "x-ms-dynamics-request-name",
  correlationRequestId: "x-ms-correlation-request-id",
  messageSizeExceeded: "x-ms-dynamics-msg-size-exceeded",
} as const;

/** Reads the Dataverse headers through a case-insensitive getter (Node's, Fetch's or Azure Functions'). */
export function readWebhookHeaders(get: (name: string) => string | null | undefined): WebhookHeaders {
  const value = (name: string): string | null => {
    const v = get(name);
    return v === undefined || v === null ? null : v;
  };
  return {
    organization: value(WebhookHeaderNames.organization),
    entityName: value(WebhookHeaderNames.entityName),
    requestName: value(WebhookHeaderNames.requestName),
    correlationRequestId: value(WebhookHeaderNames.correlationRequestId),
    // The platform documents the header's presence, not a value.
    messageSizeExceeded: get(WebhookHeaderNames.messageSizeExceeded) != null,
  };
}

/**
 * The headers Dataverse sends with the body serializeRemoteExecutionContext produces, for a stand-in
 * platform that wants to post exactly what Dataverse posts. Authentication headers are the endpoint's
 * business and are not included.
 */
export function webhookHeadersFor(
  ctx: RemoteExecutionContext,
  options: { organization: string; trimmed?: boolean },
): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    [WebhookHeaderNames.organization]: options.organization,
    [WebhookHeaderNames.entityName]: ctx.primaryEntityName,
    [WebhookHeaderNames.requestName]: ctx.messageName,
    [WebhookHeaderNames.correlationRequestId]: ctx.correlationId,
  };
  if (options.trimmed) headers[WebhookHeaderNames.messageSizeExceeded] = "true";
  return headers;
}
