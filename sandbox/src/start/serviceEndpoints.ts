import { authValueFor, WebhookAuthType } from "../../../plugins-ts/src/registration/serviceEndpointAuth";
import type { WebApiClient } from "../dualwrite/webApiClient";

/** `serviceendpoint.contract` 8 = Webhook. */
const WebhookContract = 8;

/**
 * Points the imported webhook service endpoints at the local host, as an admin does after import
 * (the solution ships a placeholder URL and key). Returns the names of the endpoints changed.
 */
export async function pointWebhooksAt(client: WebApiClient, hostUrl: string, key: string): Promise<string[]> {
  const endpoints = await client.list(`serviceendpoints?$select=serviceendpointid,name,url,authtype&$filter=contract eq ${WebhookContract}`);
  const changed: string[] = [];
  for (const endpoint of endpoints) {
    const authType = typeof endpoint.authtype === "number" ? endpoint.authtype : WebhookAuthType.HttpHeader;
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
