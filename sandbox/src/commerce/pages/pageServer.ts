import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join, resolve, sep } from "node:path";
import { requestUrl } from "../../shared/requestGuards";
import { defaultBundleDir, vendorSources } from "../../web/paths";
import { securityHeaders } from "./securityHeaders";
import { appShell, notBuiltPage, type CommerceApp } from "./shells";

/** Handles a request if it is one of the pages or bundles; false lets the JSON API answer it. */
export type CommercePageHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface CommercePagesOptions {
  /** Where `npm run build` writes the browser bundles (site.js, hq.js); default out/sandbox-web. */
  bundleDir?: string;
  /** The Fluent MDL2 icon font files (sandbox/web/shared/icons.ts loads them from /sandbox-web/fonts/). */
  fontsDir?: string;
}

// Only plain file names: no separators, no dots beyond the extension, nothing percent-encoded.
const bundleName = /^[A-Za-z0-9_-]+\.js$/;
const fontName = /^fabric-icons-[A-Za-z0-9-]+\.woff2?$/;

const contentTypes: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  woff: "font/woff",
  woff2: "font/woff2",
};

/** Which app shell a path shows: the B2B site at /, /signup and /signup/thanks; headquarters under /hq. */
export function appForPath(path: string): CommerceApp | null {
  if (path === "/" || path === "/signup" || path === "/signup/thanks") return "site";
  if (path === "/hq" || path.startsWith("/hq/")) return "hq";
  return null;
}

/**
 * The Commerce server's browser side: the B2B site's *Partner sign up* page, the Commerce
 * headquarters pages and their bundles under /sandbox-web/. Everything else falls through to the API.
 */
export function createCommercePages(options: CommercePagesOptions = {}): CommercePageHandler {
  const bundleDir = resolve(options.bundleDir ?? defaultBundleDir);
  const fontsDir = resolve(options.fontsDir ?? vendorSources.iconFonts);

  function respond(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
    res.writeHead(status, {
      ...securityHeaders(),
      "Content-Type": type,
      "Content-Length": String(Buffer.byteLength(body)),
      ...extra,
    });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  const notFound = (req: IncomingMessage, res: ServerResponse): void => respond(req, res, 404, "text/plain; charset=utf-8", "Not found.\n", { "Cache-Control": "no-store" });

  function serveFile(req: IncomingMessage, res: ServerResponse, dir: string, name: string): void {
    const file = resolve(dir, name);
    // The name pattern already rules out traversal; the prefix check keeps it that way if it changes.
    if (!file.startsWith(dir + sep)) return notFound(req, res);
    const extension = name.slice(name.lastIndexOf(".") + 1);
    readFile(file).then(
      (content) => respond(req, res, 200, contentTypes[extension] ?? "application/octet-stream", content, { "Cache-Control": "no-cache" }),
      () => notFound(req, res),
    );
  }

  return (req, res) => {
    // A target that is no URL is not a page: the API behind answers it (400).
    const path = requestUrl(req.url, "http://localhost")?.pathname;
    if (path === undefined) return false;
    const app = appForPath(path);
    const isAsset = path.startsWith("/sandbox-web/");
    if (!app && !isAsset) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      respond(req, res, 405, "text/plain; charset=utf-8", "Method not allowed.\n", { Allow: "GET, HEAD" });
      return true;
    }
    if (app) {
      const built = existsSync(join(bundleDir, `${app}.js`));
      respond(req, res, built ? 200 : 503, "text/html; charset=utf-8", built ? appShell(app) : notBuiltPage(app), { "Cache-Control": "no-cache" });
      return true;
    }
    const rest = path.slice("/sandbox-web/".length);
    if (bundleName.test(rest)) serveFile(req, res, bundleDir, rest);
    else if (rest.startsWith("fonts/") && fontName.test(rest.slice("fonts/".length))) serveFile(req, res, fontsDir, rest.slice("fonts/".length));
    else notFound(req, res);
    return true;
  };
}
