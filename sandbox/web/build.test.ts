import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { buildSandboxWeb, sandboxWebEntries } from "./build";

jest.setTimeout(120_000);

let outDir: string;
beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), "sandbox-web-build-"));
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

it("finds one entry per app folder with a main.ts(x), and none in shared code", () => {
  const apps = sandboxWebEntries().map((e) => e.app);
  expect(apps).toContain("sales");
  expect(apps).not.toContain("shared");
  for (const { app, entry } of sandboxWebEntries()) {
    expect(basename(entry)).toMatch(/^main\.tsx?$/);
    expect(basename(join(entry, ".."))).toBe(app);
  }
});

it("bundles every app into <outDir>/<app>.js as a self-contained production IIFE and reports the sizes", async () => {
  const bundles = await buildSandboxWeb({ outDir });
  expect(bundles.map((b) => b.app)).toEqual(sandboxWebEntries().map((e) => e.app));
  for (const bundle of bundles) {
    expect(bundle.file).toBe(join(outDir, `${bundle.app}.js`));
    const code = readFileSync(bundle.file, "utf8");
    expect(bundle.bytes).toBe(Buffer.byteLength(code));
    // Browser code: no CommonJS left, no Node process lookups, React's production build.
    expect(/\brequire\(["']/.test(code)).toBe(false);
    expect(code.includes("process.env.NODE_ENV")).toBe(false);
  }
  const sales = readFileSync(join(outDir, "sales.js"), "utf8");
  expect(/^("use strict";)?\(\(\)=>\{/.test(sales)).toBe(true);
  // React 16.14's production build is bundled in (its minified-error helper), not expected as a page global.
  expect(sales.includes('version="16.14.0"')).toBe(true);
  expect(sales.includes("Minified React error")).toBe(true);
  expect(sales.includes("Warning: Each child in a list should have a unique")).toBe(false);
});
