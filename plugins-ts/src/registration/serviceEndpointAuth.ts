import { WebhookEndpoint } from "./steps";

/** `serviceendpoint.authtype` values a webhook can use. */
export const WebhookAuthType = { WebhookKey: 4, HttpHeader: 5, HttpQueryString: 6 } as const;

const escapeAttribute = (text: string): string => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * The `authvalue` Dataverse stores for each webhook authentication type: the bare key for WebhookKey
 * (sent as `?code=`), a `<settings>` list for HttpHeader (our `x-cb2b-webhook-key` header) and
 * HttpQueryString (`code`). The host accepts the key either way.
 */
export function authValueFor(authType: number, key: string): string {
  const escaped = escapeAttribute(key);
  if (authType === WebhookAuthType.HttpHeader) return `<settings><setting name="${WebhookEndpoint.keyHeader}" value="${escaped}" /></settings>`;
  if (authType === WebhookAuthType.HttpQueryString) return `<settings><setting name="code" value="${escaped}" /></settings>`;
  return key;
}
