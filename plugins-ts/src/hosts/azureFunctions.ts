/**
 * The production host: an Azure Functions v4 (Node) HTTP function at POST /api/dataverse. authLevel is
 * anonymous because the handler checks the key itself, in constant time, whether it comes as the
 * `x-cb2b-webhook-key` header (auth type HttpHeader) or as `?code=` (auth type WebhookKey).
 * Configuration comes from the function app's application settings (same variables as the Node host).
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { createDependencies, readConfig } from "../webhook/config";
import { handleHealth, handleWebhook, MaxBodyBytes, type WebhookDependencies } from "../webhook/handleWebhook";

let dependencies: WebhookDependencies | undefined;

/** The function body, exported for tests; the dependencies are built on the first call. */
export async function dataverseWebhook(request: HttpRequest, _context: InvocationContext, deps?: WebhookDependencies): Promise<HttpResponseInit> {
  const used = deps ?? (dependencies ??= createDependencies(readConfig()));
  const body = await request.text();
  if (Buffer.byteLength(body) > MaxBodyBytes) {
    return { status: 413, jsonBody: { outcome: "badRequest", message: `The body exceeds ${MaxBodyBytes} bytes.` } };
  }
  const url = new URL(request.url);
  const result = await handleWebhook(
    { method: request.method, header: (name) => request.headers.get(name), query: url.searchParams, body },
    used,
  );
  return { status: result.status, headers: result.headers, body: result.body };
}

/** GET /api/health with the key: what `npm run deploy` checks before it turns the webhook steps on. */
export async function webhookHealth(request: HttpRequest, _context: InvocationContext, deps?: WebhookDependencies): Promise<HttpResponseInit> {
  const used = deps ?? (dependencies ??= createDependencies(readConfig()));
  const url = new URL(request.url);
  const result = handleHealth({ method: request.method, header: (name) => request.headers.get(name), query: url.searchParams }, used);
  return { status: result.status, headers: result.headers, body: result.body };
}

app.http("health", {
  methods: ["GET"],
  authLevel: "anonymous",
  route: "health",
  handler: (request, context) => webhookHealth(request, context),
});

app.http("dataverse", {
  methods: ["POST"],
  authLevel: "anonymous",
  route: "dataverse",
  handler: (request, context) => dataverseWebhook(request, context),
});
