import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { startDataverse, type DataverseServer } from "../dataverse/server";
import { SandboxUsers } from "../dataverse/users";
import { WebApiClient } from "../dualwrite/webApiClient";
import { importSolution } from "../start/importSolution";
import { managedSolutionZip } from "../start/paths";
import { createWebHandler } from "./handler";
import type { WebLinks } from "./pages";
import { vendorSources } from "./paths";

const hasZip = existsSync(managedSolutionZip);
if (!hasZip) console.warn(`Skipping the web resource tests: ${managedSolutionZip} is missing (npm run build).`);
const withZip = hasZip ? it : it.skip;

let server: DataverseServer;
let bundleDir: string;
const links: WebLinks = { commerceOrigin: "http://127.0.0.1:6001" };

beforeAll(async () => {
  bundleDir = mkdtempSync(join(tmpdir(), "sandbox-web-"));
  writeFileSync(join(bundleDir, "sales.js"), "console.log('sales');");
  server = await startDataverse({ dbFile: ":memory:", port: 0, web: createWebHandler({ links: () => links, bundleDir }) });
  if (hasZip) await importSolution(new WebApiClient({ apiUrl: server.apiUrl, accessToken: SandboxUsers.admin.token }), managedSolutionZip);
});

afterAll(async () => {
  await server?.close();
  rmSync(bundleDir, { recursive: true, force: true });
});

/** Raw paths: fetch() would normalise `..` away before the server could refuse it. */
async function get(path: string, method = "GET"): Promise<{ status: number; type: string | null; headers: Headers; body: Buffer }> {
  const response = await fetch(`${server.url}${path}`, { method });
  return { status: response.status, type: response.headers.get("content-type"), headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

describe("pages", () => {
  it("serves the landing page linking the B2B site, Commerce headquarters and Sales, with CSP and nosniff", async () => {
    const page = await get("/");
    expect(page.status).toBe(200);
    expect(page.type).toBe("text/html; charset=utf-8");
    const html = page.body.toString("utf8");
    expect(html).toContain('href="http://127.0.0.1:6001/"');
    expect(html).toContain('href="http://127.0.0.1:6001/hq"');
    expect(html).toContain('href="/main.aspx"');
    expect(html).not.toMatch(/<script/i);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self';");
  });

  it("speaks Finnish to a Finnish browser or on ?lang=fi, with a way back to English", async () => {
    const finnish = await fetch(`${server.url}/`, { headers: { "Accept-Language": "fi-FI,fi;q=0.9,en;q=0.8" } });
    const html = await finnish.text();
    expect(html).toContain('<html lang="fi">');
    expect(html).toContain("Minne haluat mennä?");
    expect(html).toContain('href="/?lang=en"');
    expect((await get("/?lang=fi")).body.toString("utf8")).toContain("Commercen pääkonttori");
    expect((await get("/")).body.toString("utf8")).toContain("Where do you want to go?");
  });

  it("says when Commerce is not running instead of linking nowhere", async () => {
    links.commerceOrigin = null;
    try {
      const html = (await get("/")).body.toString("utf8");
      expect(html).not.toContain("/hq");
      expect(html).toContain("Not running in this sandbox.");
    } finally {
      links.commerceOrigin = "http://127.0.0.1:6001";
    }
  });

  it.each(["/main.aspx", "/main.aspx?pagetype=entitylist&etn=lead", "/main.aspx?pagetype=entityrecord&etn=lead&id=6f0e2c4a-0000-4000-8000-000000000099"])(
    "serves the Sales shell at %s, loading only /sandbox-web/sales.js",
    async (path) => {
      const page = await get(path);
      expect(page.status).toBe(200);
      const html = page.body.toString("utf8");
      expect(html.match(/<script[^>]*>/g)).toEqual(['<script src="/sandbox-web/sales.js">']);
      expect(html).toMatch(/<script src="\/sandbox-web\/sales.js"><\/script>/);
      const csp = page.headers.get("content-security-policy") ?? "";
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toContain("object-src 'none'");
      expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    },
  );

  it("refuses other methods and answers unknown paths with a 404", async () => {
    expect((await get("/", "POST")).status).toBe(405);
    const missing = await get("/nothing/here");
    expect(missing.status).toBe(404);
    expect(missing.type).toBe("text/plain; charset=utf-8");
    expect(missing.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("leaves the Web API where it was", async () => {
    const response = await fetch(`${server.apiUrl}WhoAmI`, { headers: { Authorization: "Bearer salesrep" } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { UserId: string }).UserId).toBe(SandboxUsers.salesRep.id);
  });
});

describe("/sandbox-web/", () => {
  it("serves a built bundle as JavaScript", async () => {
    const file = await get("/sandbox-web/sales.js");
    expect(file.status).toBe(200);
    expect(file.type).toBe("text/javascript; charset=utf-8");
    expect(file.body.toString("utf8")).toBe("console.log('sales');");
  });

  it("serves React, ReactDOM, the platform aliases and Fluent UI 8.121.1 from node_modules", async () => {
    const react = await get("/sandbox-web/vendor/react-16.14.0.production.min.js");
    expect(react.status).toBe(200);
    expect(react.body.equals(readFileSync(vendorSources.react))).toBe(true);
    expect((await get("/sandbox-web/vendor/react-dom-16.14.0.production.min.js")).body.equals(readFileSync(vendorSources.reactDom))).toBe(true);
    expect((await get("/sandbox-web/vendor/fluent_8_121_1.js")).body.equals(readFileSync(vendorSources.fluent))).toBe(true);
    const aliases = (await get("/sandbox-web/vendor/platform-aliases.js")).body.toString("utf8");
    expect(aliases).toContain("window.Reactv16 = window.React;");
  });

  it("serves Fluent's icon font files", async () => {
    const font = await get("/sandbox-web/fonts/fabric-icons-a13498cf.woff");
    expect(font.status).toBe(200);
    expect(font.type).toBe("font/woff");
  });

  it.each([
    "/sandbox-web/missing.js",
    "/sandbox-web/..%2F..%2Fpackage.json",
    "/sandbox-web/%2e%2e/package.json",
    "/sandbox-web/vendor/..%2F..%2F..%2Fpackage.json",
    "/sandbox-web/fonts/..%2Fpackage.json",
    "/sandbox-web/vendor/react.js",
    "/sandbox-web/sub/dir/file.js",
    "/sandbox-web/sales.js%00.png",
  ])("refuses %s", async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.body.toString("utf8")).not.toContain('"name"');
  });
});

describe("/WebResources/", () => {
  withZip("serves the solution's form script by its unique name, with the cache prefix too", async () => {
    const plain = await get("/WebResources/cb2b_/scripts/LeadForm.js");
    expect(plain.status).toBe(200);
    expect(plain.type).toBe("text/javascript; charset=utf-8");
    expect(plain.body.toString("utf8")).toContain("Cb2b");
    const prefixed = await get("/%7B639000000000000000%7D/WebResources/cb2b_/scripts/LeadForm.js");
    expect(prefixed.body.equals(plain.body)).toBe(true);
  });

  withZip("serves the PCF control's bundle and resx files as the imported cc_ web resources", async () => {
    const zip = await JSZip.loadAsync(readFileSync(managedSolutionZip));
    const bundle = await get("/WebResources/cc_Cb2b.DualWriteProvenance/bundle.js");
    expect(bundle.status).toBe(200);
    expect(bundle.type).toBe("text/javascript; charset=utf-8");
    expect(bundle.body.equals(await zip.file("Controls/cb2b_Cb2b.DualWriteProvenance/bundle.js")!.async("nodebuffer"))).toBe(true);
    const resx = await get("/WebResources/cc_Cb2b.DualWriteProvenance/strings/DualWriteProvenance.1035.resx");
    expect(resx.status).toBe(200);
    expect(resx.type).toBe("text/xml; charset=utf-8");
    expect(resx.body.toString("utf8")).toContain("<root>");
  });

  it("serves imported web resources only: no library of the Sales app, no page bundle under /WebResources", async () => {
    // The sandbox never stands in for a library of Microsoft's under its name: Sales' commands are built into the page.
    expect((await get("/WebResources/Sales/Lead/Lead.js")).status).toBe(404);
    expect((await get("/WebResources/Sales/Opportunity/Opportunity_main_system_library.js")).status).toBe(404);
    expect((await get("/WebResources/sales.js")).status).toBe(404);
    expect((await get("/sandbox-web/sales.js")).status).toBe(200);
  });

  it("answers an unknown or climbing name with a 404", async () => {
    expect((await get("/WebResources/cb2b_/scripts/Nope.js")).status).toBe(404);
    expect((await get("/WebResources/..%2F..%2Fpackage.json")).status).toBe(404);
  });
});
