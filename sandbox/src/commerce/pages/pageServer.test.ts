import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCommerceServer, type CommerceServer } from "../api";
import { CommerceHq } from "../commerceHq";
import { createCommercePages } from "./pageServer";

/** A raw GET (or other method): fetch() would normalize `..` segments before they reach the server. */
function raw(url: string, path: string, method = "GET"): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("Commerce server pages (B2B site, headquarters, bundles)", () => {
  let dir: string;
  let hq: CommerceHq;
  let server: CommerceServer;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "cb2b-pages-"));
    mkdirSync(join(dir, "bundles"));
    mkdirSync(join(dir, "fonts"));
    writeFileSync(join(dir, "bundles", "site.js"), "console.log('site');");
    writeFileSync(join(dir, "fonts", "fabric-icons-0-467ee27f.woff"), Buffer.from([0x77, 0x4f, 0x46, 0x46]));
    writeFileSync(join(dir, "secret.txt"), "not for the web");
    hq = new CommerceHq({ dbFile: ":memory:" });
    server = await startCommerceServer({ commerce: hq, pages: createCommercePages({ bundleDir: join(dir, "bundles"), fontsDir: join(dir, "fonts") }) });
  });
  afterEach(async () => {
    await server.close();
    hq.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(["/", "/signup", "/signup/thanks"])("serves the Partner sign up shell at %s with the security headers", async (path) => {
    const res = await raw(server.url, path);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body).toContain('<script src="/sandbox-web/site.js"></script>');
    expect(res.body).not.toMatch(/<script>|<style|\son\w+=/);
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("default-src 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
  });

  it("answers headquarters paths with a 'not built' page while hq.js is missing, and the shell once it exists", async () => {
    const missing = await raw(server.url, "/hq/outbox");
    expect(missing.status).toBe(503);
    expect(missing.body).toContain("npm run build");
    writeFileSync(join(dir, "bundles", "hq.js"), "console.log('hq');");
    for (const path of ["/hq", "/hq/", "/hq/prospects", "/hq/customers?account=C-000001"]) {
      const res = await raw(server.url, path);
      expect(res.status).toBe(200);
      expect(res.body).toContain('<script src="/sandbox-web/hq.js"></script>');
    }
  });

  it("serves bundles and icon fonts with their types, HEAD without a body", async () => {
    const js = await raw(server.url, "/sandbox-web/site.js");
    expect(js.status).toBe(200);
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(js.headers["x-content-type-options"]).toBe("nosniff");
    expect(js.body).toBe("console.log('site');");
    const font = await raw(server.url, "/sandbox-web/fonts/fabric-icons-0-467ee27f.woff");
    expect(font.status).toBe(200);
    expect(font.headers["content-type"]).toBe("font/woff");
    const head = await raw(server.url, "/signup", "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });

  it.each([
    "/sandbox-web/missing.js",
    "/sandbox-web/../secret.txt",
    "/sandbox-web/..%2fsecret.txt",
    "/sandbox-web/%2e%2e%2fsecret.txt",
    "/sandbox-web/fonts/..%2f..%2fsecret.txt",
    "/sandbox-web/fonts/../../secret.txt",
    "/sandbox-web/sub/site.js",
    "/sandbox-web/site.js.map",
    "/sandbox-web/",
    "/sandbox-web/fonts/secret.woff",
  ])("refuses %s", async (path) => {
    const res = await raw(server.url, path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain("not for the web");
  });

  it("allows only GET and HEAD on pages, and leaves /commerce to the JSON API", async () => {
    const post = await raw(server.url, "/signup", "POST");
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
    const channels = await raw(server.url, "/commerce/channels");
    expect(channels.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(channels.body).value.map((c: { channelId: string }) => c.channelId)).toEqual(["B2B-FI", "B2B-US"]);
    expect((await raw(server.url, "/elsewhere")).headers["content-type"]).toBe("application/json; charset=utf-8");
  });

  it("serves no pages when the API is started with pages: false", async () => {
    const apiOnly = await startCommerceServer({ commerce: hq, pages: false });
    try {
      const res = await raw(apiOnly.url, "/signup");
      expect(res.status).toBe(404);
      expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    } finally {
      await apiOnly.close();
    }
  });
});
