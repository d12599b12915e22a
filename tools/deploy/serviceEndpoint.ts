/**
 * Points the shipped webhook service endpoint at the deployed receiver. The endpoint's id is the one in
 * solution/src/Other/Customizations.xml, so the import created exactly that row; it ships with
 * AuthType 5 (HttpHeader): the key is stored as a `<settings>` list naming our header, which Dataverse
 * sends with every delivery and never returns on read.
 */
import { readFile } from "node:fs/promises";
import { DOMParser } from "@xmldom/xmldom";
import { authValueFor, WebhookAuthType } from "../../plugins-ts/src/registration/serviceEndpointAuth";
import { DeployError, type WebApi } from "./webApi";


export function serviceEndpointIdFrom(customizationsXml: string): string {
  const doc = new DOMParser().parseFromString(customizationsXml, "text/xml");
  const endpoints = doc.getElementsByTagName("ServiceEndpoint");
  if (endpoints.length !== 1) throw new DeployError(`expected one ServiceEndpoint in Customizations.xml, found ${endpoints.length}`);
  const id = endpoints[0].getAttribute("ServiceEndpointId") ?? "";
  const m = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i.exec(id);
  if (!m) throw new DeployError(`ServiceEndpointId is not a GUID: ${id}`);
  return m[1].toLowerCase();
}

export async function readServiceEndpointId(customizationsFile: string): Promise<string> {
  return serviceEndpointIdFrom(await readFile(customizationsFile, "utf8"));
}

export interface WebhookChange {
  readonly serviceEndpointId: string;
  readonly urlFrom: string;
  readonly urlTo: string;
  readonly keySet: boolean;
}

export async function wireWebhook(
  api: WebApi,
  serviceEndpointId: string,
  webhookUrl: string,
  webhookKey: string | undefined,
  dryRun: boolean,
): Promise<WebhookChange> {
  const current = await api.request<{ url: string }>("GET", `serviceendpoints(${serviceEndpointId})?$select=url`);
  const change = { serviceEndpointId, urlFrom: current.url, urlTo: webhookUrl, keySet: webhookKey !== undefined };
  if (dryRun) return change;
  // Without a key only the URL changes; the key already stored stays in place.
  const body: Record<string, unknown> = { url: webhookUrl };
  if (webhookKey !== undefined) {
    Object.assign(body, { authtype: WebhookAuthType.HttpHeader, authvalue: authValueFor(WebhookAuthType.HttpHeader, webhookKey) });
  }
  await api.request("PATCH", `serviceendpoints(${serviceEndpointId})`, body, { "if-match": "*" });
  return change;
}
