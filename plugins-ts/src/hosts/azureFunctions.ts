/**
 * The production host: an Azure Functions v4 (Node) HTTP function at POST /api/dataverse. authLevel is
 * anonymous because the handler checks the key itself, in constant time, whether it comes as the
 * `x-cb2b-webhook-key` header (auth type HttpHeader) or as `?code=` (auth type WebhookKey).
 * Configuration comes from the function app's application settings (same variables as the Node host).
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { createDependencies, readConfig } from "../webhook/config";
import { handleDelivery, handleHealth, MaxBodyBytes, preflight, type WebhookDependencies } from "../webhook/handleWebhook";

let dependencies: WebhookDependencies | undefined;

/**
 * Reads at most `limit` bytes of the body stream; null as soon as it is longer (the rest is not read).
 * The whole body is never buffered before its size is known.
 */
async function readLimited(stream: HttpRequest["body"], limit: number): Promise<string | null> {
  if (!stream) return "";
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
    if (done || !value) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const tooLarge = (): HttpResponseInit => ({ status: 413, jsonBody: { outcome: "badRequest", message: `The body exceeds ${MaxBodyBytes} bytes.` } });

/** The function body, exported for tests; the dependencies are built on the first call. */
export async function dataverseWebhook(request: HttpRequest, _context: InvocationContext, deps?: WebhookDependencies): Promise<HttpResponseInit> {
  const used = deps ?? (dependencies ??= createDependencies(readConfig()));
  const url = new URL(request.url);
  const head = { method: request.method, header: (name: string) => request.headers.get(name), query: url.searchParams };
  // Method and key first, from what arrives before the body: an unauthenticated caller gets nothing read.
  const refused = preflight(head, used);
  if (refused) return { status: refused.status, headers: refused.headers, body: refused.body };
  // Then the size: a declared length over the limit is refused unread, a longer stream as soon as it is.
  if (Number(request.headers.get("content-length")) > MaxBodyBytes) return tooLarge();
  const body = await readLimited(request.body, MaxBodyBytes);
  if (body === null) return tooLarge();
  const result = await handleDelivery({ ...head, body }, used);
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
