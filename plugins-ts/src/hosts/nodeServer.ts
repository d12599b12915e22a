import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { handleDelivery, handleHealth, MaxBodyBytes, preflight, type WebhookDependencies } from "../webhook/handleWebhook";
import { silentLogger } from "../webhook/logger";

/** The webhook's route, the same on both hosts (Azure Functions serves functions under /api). */
export const WebhookPath = "/api/dataverse";
export const HealthPath = "/api/health";

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
  // A declared length over the limit is refused before a byte is read.
  if (Number(request.headers["content-length"]) > MaxBodyBytes) {
    request.resume();
    return Promise.reject(new BodyTooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MaxBodyBytes) {
        chunks.push(chunk);
        return;
      }
      // Stop keeping the body but let the client finish sending, so that it can read the 413.
      request.off("data", onData);
      request.resume();
      reject(new BodyTooLarge());
    };
    request.on("data", onData);
    // A context usually arrives in one chunk: decoded as it is, without copying it into a new buffer first.
    request.on("end", () => resolve((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  response.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body) });
  response.end(body);
}

const jsonHeaders = { "content-type": "application/json; charset=utf-8" };

const webhookUrl: Readonly<URL> = new URL(`http://localhost${WebhookPath}`);

/**
 * The request target as a URL: an origin-form target (`/path?query`) is a path, so `//:99999` is the
 * path `//:99999` and not a scheme-relative URL whose port `new URL` rejects; an absolute-form target
 * keeps its path and query. Null when the target is neither.
 */
export function requestTarget(target: string | undefined): URL | null {
  const raw = target ?? "/";
  // What Dataverse posts to, exactly: already what the URL would be, without building one per delivery.
  if (raw === WebhookPath) return webhookUrl;
  try {
    if (raw.startsWith("/")) return new URL(`http://localhost${raw}`);
    if (/^https?:\/\//i.test(raw)) {
      const absolute = new URL(raw);
      return new URL(`http://localhost${absolute.pathname}${absolute.search}`);
    }
  } catch {
    // Not a URL: null below.
  }
  return null;
}

/** A plain Node HTTP server for the webhook: POST /api/dataverse, GET /api/health. */
export function createWebhookServer(deps: WebhookDependencies): Server {
  return createServer((request, response) => {
    // Every request fails inside this boundary: nothing a client sends can throw out of the listener.
    try {
      serve(request, response, deps);
    } catch (error) {
      (deps.log ?? silentLogger)({ event: "webhook.error", error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      if (!response.headersSent) send(response, 500, jsonHeaders, JSON.stringify({ outcome: "failed", message: "The webhook failed unexpectedly." }));
      else response.end();
    }
  });
}

function serve(request: IncomingMessage, response: ServerResponse, deps: WebhookDependencies): void {
  const url = requestTarget(request.url);
  if (!url) {
    send(response, 400, jsonHeaders, JSON.stringify({ outcome: "badRequest", message: "The request target is neither a path nor an http(s) URL." }));
    return;
  }
  const head = {
    method: request.method ?? "GET",
    header: (name: string) => {
      const value = request.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(",") : value;
    },
    query: url.searchParams,
  };
  if (url.pathname === HealthPath) {
    const health = handleHealth(head, deps);
    send(response, health.status, health.headers, health.body);
    return;
  }
  if (url.pathname !== WebhookPath) {
    send(response, 404, jsonHeaders, JSON.stringify({ outcome: "badRequest", message: `No such route: ${url.pathname}` }));
    return;
  }
  // Wrong method or key: answer before reading the body, and read none of it.
  const refused = preflight(head, deps);
  if (refused) {
    response.on("finish", () => request.destroy());
    send(response, refused.status, { ...refused.headers, connection: "close" }, refused.body);
    return;
  }
  readBody(request)
    .then((body) => handleDelivery({ ...head, body }, deps))
    .then((result) => send(response, result.status, result.headers, result.body))
    .catch((error: unknown) => {
      if (error instanceof BodyTooLarge) {
        response.on("finish", () => request.destroy());
        send(response, 413, { ...jsonHeaders, connection: "close" }, JSON.stringify({ outcome: "badRequest", message: `The body exceeds ${MaxBodyBytes} bytes.` }));
        return;
      }
      (deps.log ?? silentLogger)({ event: "webhook.error", error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      if (!response.headersSent) send(response, 500, jsonHeaders, JSON.stringify({ outcome: "failed", message: "The webhook failed unexpectedly." }));
    });
}
