/**
 * Everything the Dataverse stand-in's origin serves outside /api/data/: the landing page, the Sales
 * app shell (/main.aspx), the browser bundles and platform libraries (/sandbox-web/…) and web
 * resources (/WebResources/<name>, optionally behind the `/{<version>}/` cache prefix real orgs use).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RecordStore } from "../dataverse/storage/records";
import { landingPage, PAGE_CSP, pageLanguage, salesShellPage, type WebLinks } from "./pages";
import { defaultBundleDir } from "./paths";
import { sandboxWebFile, type StaticFile } from "./staticFiles";
import { findWebResource } from "./webResources";

export interface WebHandlerOptions {
  /** Read on every request: startSandbox learns the Commerce URL after Dataverse has started. */
  links: () => WebLinks;
  /** Folder of the built bundles; defaults to out/sandbox-web. */
  bundleDir?: string;
}

export type WebHandler = (request: IncomingMessage, response: ServerResponse, url: URL, store: RecordStore) => void;

const COMMON_HEADERS = { "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin" };

function send(response: ServerResponse, method: string, status: number, headers: Record<string, string>, body: Buffer | string): void {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  response.writeHead(status, { ...COMMON_HEADERS, ...headers, "Content-Length": String(bytes.length) });
  response.end(method === "HEAD" ? undefined : bytes);
}

function sendText(response: ServerResponse, method: string, status: number, text: string): void {
  send(response, method, status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }, text);
}

function sendHtml(response: ServerResponse, method: string, html: string): void {
  send(response, method, 200, { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-store" }, html);
}

function sendFile(response: ServerResponse, method: string, file: StaticFile): void {
  send(response, method, 200, { "Content-Type": file.contentType, "Cache-Control": file.cacheable ? "public, max-age=86400" : "no-cache" }, file.body);
}

function decodePath(raw: string): string | null {
  try {
    const decoded = decodeURIComponent(raw);
    // Refuse anything that could step out of a folder or smuggle a separator.
    if (decoded.split("/").some((part) => part === ".." || part === ".") || /[\\\0]/.test(decoded)) return null;
    return decoded;
  } catch {
    return null;
  }
}

const WEB_RESOURCE_PATH = /^(?:\/%7B\d+%7D|\/\{\d+\})?\/WebResources\/(.+)$/i;

export function createWebHandler(options: WebHandlerOptions): WebHandler {
  const bundleDir = options.bundleDir ?? defaultBundleDir;
  return (request, response, url, store) => {
    const method = request.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") {
      response.setHeader("Allow", "GET, HEAD");
      sendText(response, method, 405, `${method} is not allowed on ${url.pathname}.`);
      return;
    }
    const path = url.pathname;
    if (path === "/") {
      const language = pageLanguage(url.searchParams.get("lang"), request.headers["accept-language"]);
      return sendHtml(response, method, landingPage(options.links(), language));
    }
    if (path.toLowerCase() === "/main.aspx") return sendHtml(response, method, salesShellPage());

    if (path.startsWith("/sandbox-web/")) {
      const rest = decodePath(path.slice("/sandbox-web/".length));
      const file = rest === null ? null : sandboxWebFile(bundleDir, rest);
      if (file) return sendFile(response, method, file);
      return sendText(response, method, 404, `No file ${path}. Run npm run build:sandbox-web if a bundle is missing.`);
    }

    const webResource = WEB_RESOURCE_PATH.exec(path);
    if (webResource) {
      const name = decodePath(webResource[1]);
      const file = name === null ? null : findWebResource(store, name);
      if (file) return sendFile(response, method, file);
      return sendText(response, method, 404, `The web resource '${name ?? webResource[1]}' does not exist.`);
    }
    sendText(response, method, 404, `Nothing is served at ${path}.`);
  };
}
