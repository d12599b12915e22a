import { WebApiClient } from "../dataverse/webApiClient";
import { clientCredentialsToken, staticToken, type TokenProvider } from "../dataverse/tokens";
import { DeliveryLedger } from "./deliveryLedger";
import type { Delivered, WebhookDependencies } from "./handleWebhook";
import { batchedJsonLineLogger } from "./logger";

/**
 * Configuration from environment variables (both hosts):
 *
 * | variable | meaning |
 * | --- | --- |
 * | `DATAVERSE_URL` | environment URL, e.g. `https://contoso.crm4.dynamics.com` (required) |
 * | `CB2B_WEBHOOK_KEY` | the key the service endpoint sends (required, at least 16 characters) |
 * | `DATAVERSE_TENANT_ID`, `DATAVERSE_CLIENT_ID`, `DATAVERSE_CLIENT_SECRET` | the app user (client credentials) |
 * | `DATAVERSE_ACCESS_TOKEN` | a fixed bearer token instead, for local use and the offline sandbox |
 * | `DATAVERSE_API_VERSION` | Web API version, default `9.2` |
 * | `PORT` | Node host only: listening port, default 7071 |
 */
export interface WebhookConfig {
  dataverseUrl: string;
  webhookKey: string;
  apiVersion: string;
  token: TokenProvider;
  /** "client credentials" or "static token": for the start-up line, never the secret itself. */
  authentication: string;
}

export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigurationError";
  }
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): WebhookConfig {
  const problems: string[] = [];
  const value = (name: string): string => env[name]?.trim() ?? "";
  const dataverseUrl = value("DATAVERSE_URL").replace(/\/+$/, "");
  if (!dataverseUrl) problems.push("DATAVERSE_URL is not set.");
  else if (!/^https?:\/\//.test(dataverseUrl)) problems.push("DATAVERSE_URL must start with https:// (or http:// for a local stand-in).");
  const webhookKey = value("CB2B_WEBHOOK_KEY");
  if (webhookKey.length < 16) problems.push("CB2B_WEBHOOK_KEY must be set to a key of at least 16 characters.");
  const staticBearer = value("DATAVERSE_ACCESS_TOKEN");
  const credentials = { tenantId: value("DATAVERSE_TENANT_ID"), clientId: value("DATAVERSE_CLIENT_ID"), clientSecret: value("DATAVERSE_CLIENT_SECRET") };
  const hasCredentials = credentials.tenantId !== "" && credentials.clientId !== "" && credentials.clientSecret !== "";
  if (!staticBearer && !hasCredentials) {
    problems.push("Set DATAVERSE_TENANT_ID, DATAVERSE_CLIENT_ID and DATAVERSE_CLIENT_SECRET (app user), or DATAVERSE_ACCESS_TOKEN.");
  }
  if (problems.length > 0) throw new ConfigurationError(`The webhook cannot start:\n- ${problems.join("\n- ")}`);
  return {
    dataverseUrl,
    webhookKey,
    apiVersion: value("DATAVERSE_API_VERSION") || "9.2",
    token: staticBearer ? staticToken(staticBearer) : clientCredentialsToken({ ...credentials, dataverseUrl }),
    authentication: staticBearer ? "static token (DATAVERSE_ACCESS_TOKEN)" : "client credentials",
  };
}

/** What handleWebhook needs, wired from the configuration: dataverse-ify client, ledger, JSON-line log. */
export function createDependencies(config: WebhookConfig): WebhookDependencies {
  return {
    webhookKey: config.webhookKey,
    dataverse: new WebApiClient({ url: config.dataverseUrl, token: config.token, apiVersion: config.apiVersion }),
    ledger: new DeliveryLedger<Delivered>(),
    log: batchedJsonLineLogger(),
  };
}
