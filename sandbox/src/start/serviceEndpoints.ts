import { WebhookEndpoint } from "../../../plugins-ts/src/registration/steps";
import type { WebApiClient } from "../dualwrite/webApiClient";

/** `serviceendpoint.contract` 8 = Webhook; `authtype` 4 WebhookKey, 5 HttpHeader, 6 HttpQueryString. */
const WebhookContract = 8;
const AuthType = { WebhookKey: 4, HttpHeader: 5, HttpQueryString: 6 } as const;


/** The `authvalue` Dataverse stores for each webhook authentication type. */
export function authValueFor(authType: number, key: string): string {
  const escaped = key.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  if (authType === AuthType.HttpHeader) return `<settings><setting name="${WebhookEndpoint.keyHeader}" value="${escaped}" /></settings>`;
  if (authType === AuthType.HttpQueryString) return `<settings><setting name="code" value="${escaped}" /></settings>`;
  return key;
}

/**
 * Points the imported webhook service endpoints at the local host, as an admin does after import
 * (the solution ships a placeholder URL and key). Returns the names of the endpoints changed.
 */
export async function pointWebhooksAt(client: WebApiClient, hostUrl: string, key: string): Promise<string[]> {
  const endpoints = await client.list(`serviceendpoints?$select=serviceendpointid,name,url,authtype&$filter=contract eq ${WebhookContract}`);
  const changed: string[] = [];
  for (const endpoint of endpoints) {
    const authType = typeof endpoint.authtype === "number" ? endpoint.authtype : AuthType.HttpHeader;
    const path = typeof endpoint.url === "string" ? new URL(endpoint.url).pathname : "/api/dataverse";
    await client.update("serviceendpoints", String(endpoint.serviceendpointid), {
      url: `${hostUrl}${path}`,
      authtype: authType,
      authvalue: authValueFor(authType, key),
    });
    changed.push(String(endpoint.name));
  }
  return changed;
}
