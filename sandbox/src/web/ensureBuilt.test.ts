import { existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sandboxWebEntries } from "../../web/build";
import { ensureSandboxWebBuilt } from "../start/buildSolution";

jest.setTimeout(120_000);

it("npm start builds the browser bundles when one is missing, and leaves a complete set alone", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sandbox-web-ensure-"));
  try {
    const lines: string[] = [];
    await ensureSandboxWebBuilt((line) => lines.push(line), dir);
    const apps = sandboxWebEntries().map((e) => `${e.app}.js`);
    expect(readdirSync(dir).sort()).toEqual([...apps].sort());
    expect(lines).toHaveLength(1);

    await ensureSandboxWebBuilt((line) => lines.push(line), dir);
    expect(lines).toHaveLength(1);

    unlinkSync(join(dir, "sales.js"));
    await ensureSandboxWebBuilt((line) => lines.push(line), dir);
    expect(lines[1]).toContain("sales.js");
    expect(existsSync(join(dir, "sales.js"))).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
