/**
 * Files under /sandbox-web/: the built app bundles, the PCF platform libraries and Fluent's icon
 * fonts. Names are matched against a strict pattern and looked up in one folder each, so no request
 * can climb out of those folders.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { vendorSources } from "./paths";
import { VendorFiles } from "./vendorFiles";

export interface StaticFile {
  contentType: string;
  body: Buffer;
  /** Immutable vendor files may be cached; bundles change with every build. */
  cacheable: boolean;
}

const JS = "text/javascript; charset=utf-8";

/**
 * The platform libraries as a model-driven app provides them to a virtual control: React 16.14 as
 * `Reactv16`, ReactDOM as `ReactDOMv16` (names from pcf-start's platform-library table) and Fluent UI
 * 8.121.1 as `FluentUIReactv81211`, whose UMD wrapper needs the plain `React`/`ReactDOM` globals.
 */
const PLATFORM_ALIASES = "window.Reactv16 = window.React;\nwindow.ReactDOMv16 = window.ReactDOM;\n";

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function fileIfPresent(path: string): Buffer | null {
  return existsSync(path) && statSync(path).isFile() ? readFileSync(path) : null;
}

function vendorFile(name: string): StaticFile | null {
  const sources: Record<string, string> = {
    [VendorFiles.react]: vendorSources.react,
    [VendorFiles.reactDom]: vendorSources.reactDom,
    [VendorFiles.fluent]: vendorSources.fluent,
  };
  if (name === VendorFiles.aliases) return { contentType: JS, body: Buffer.from(PLATFORM_ALIASES), cacheable: true };
  const source = sources[name];
  const body = source ? fileIfPresent(source) : null;
  return body ? { contentType: JS, body, cacheable: true } : null;
}

function fontFile(name: string): StaticFile | null {
  if (!SAFE_NAME.test(name) || !/\.woff2?$/.test(name)) return null;
  const body = fileIfPresent(join(vendorSources.iconFonts, name));
  return body ? { contentType: name.endsWith(".woff2") ? "font/woff2" : "font/woff", body, cacheable: true } : null;
}

/** A built bundle (`sales.js`, `site.js`, …) from the bundle folder. */
export function bundleFile(bundleDir: string, name: string): StaticFile | null {
  if (!SAFE_NAME.test(name) || !/\.(js|css)$/.test(name)) return null;
  const body = fileIfPresent(join(bundleDir, name));
  if (!body) return null;
  return { contentType: name.endsWith(".css") ? "text/css; charset=utf-8" : JS, body, cacheable: false };
}

/** `rest` is the path after /sandbox-web/, already percent-decoded. */
export function sandboxWebFile(bundleDir: string, rest: string): StaticFile | null {
  const parts = rest.split("/");
  if (parts.length === 2 && parts[0] === "vendor") return vendorFile(parts[1]);
  if (parts.length === 2 && parts[0] === "fonts") return fontFile(parts[1]);
  if (parts.length === 1) return bundleFile(bundleDir, parts[0]);
  return null;
}
