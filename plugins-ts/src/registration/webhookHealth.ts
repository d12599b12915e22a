/**
 * What must hold before any webhook step is turned on: Dataverse can call the URL, and the host
 * there accepts our key. Used by `npm run deploy` and by the sandbox's `npm start`.
 */
import { WebhookEndpoint } from "./steps";

export class WebhookHealthError extends Error {}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Why Dataverse could not call this webhook URL, or null when it can. "Registered WebHooks support
 * only port 80 for HTTP and port 443 for HTTPS" (Microsoft Learn, Register a WebHook); we also refuse
 * plain http, which would send the key in clear. Loopback URLs are the local sandbox, any port.
 */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `the webhook URL is not a URL: ${raw}`;
  }
  if (LOOPBACK.test(url.hostname)) {
    return url.protocol === "http:" || url.protocol === "https:" ? null : `the webhook URL must be http(s): ${raw}`;
  }
  if (url.protocol !== "https:") return `the webhook URL must be https (the key travels in a header): ${raw}`;
  // URL drops the default port, so an explicit :443 reads back as "".
  if (url.port !== "") {
    return `Dataverse calls webhooks only on port 443 for https (and 80 for http), not on port ${url.port}: ${raw}`;
  }
  return null;
}

/** The host's health route beside its delivery route: …/api/dataverse → …/api/health. */
export function healthUrlFor(webhookUrl: string): string {
  const url = new URL("health", webhookUrl);
  url.search = "";
  return url.toString();
}

/**
 * GETs the health route with the key as Dataverse will send it (HttpHeader). Resolves when the host
 * answers 200; otherwise throws with what the admin should fix.
 */
export async function checkWebhookHealth(
  webhookUrl: string,
  key: string,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<void> {
  const problem = webhookUrlProblem(webhookUrl);
  if (problem) throw new WebhookHealthError(problem);
  const url = healthUrlFor(webhookUrl);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: { [WebhookEndpoint.keyHeader]: key },
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    throw new WebhookHealthError(`the webhook health check ${url} did not answer (${(error as Error).message}): is the function app running?`);
  }
  if (response.status === 401) {
    throw new WebhookHealthError(`the webhook at ${url} refused the key (401): set the same CB2B_WEBHOOK_KEY as the function app's application setting`);
  }
  if (response.status !== 200) {
    throw new WebhookHealthError(`the webhook health check ${url} answered ${response.status}, not 200: is this the Commerce B2B webhook?`);
  }
}
