/** The CLI as a user runs it (`npx tsx tools/solution/cli.ts …` is what `npm run solution --` runs). */
import { spawnSync } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import { join, resolve } from "node:path";
import { makeTempDir, readZip, removeTempDirs, writeFixture } from "./testFixtures";

const repoRoot = resolve(__dirname, "../..");

function run(...args: string[]) {
  const result = spawnSync("npx", ["tsx", "tools/solution/cli.ts", ...args], { cwd: repoRoot, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(removeTempDirs);

describe("npm run solution", () => {
  it("packs a folder and exits 0", async () => {
    const root = await makeTempDir("cli");
    const folder = await writeFixture(root);
    const zipFile = join(root, "CommerceB2BOnboarding_managed.zip");
    const { code, stdout, stderr } = run("pack", "--zipfile", zipFile, "--folder", folder, "--packagetype", "Managed");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Packed Managed solution .*CommerceB2BOnboarding_managed\.zip: 8 files, \d+ bytes\n$/);
    expect((await readZip(zipFile)).get("solution.xml")!.toString("utf8")).toContain("<Managed>1</Managed>");
  });

  it("fails with one error line naming the file and exit code 1 on a bad zip", async () => {
    const root = await makeTempDir("cli-error");
    const zipFile = join(root, "broken.zip");
    await fs.writeFile(zipFile, "not a zip");
    const target = join(root, "out");
    const { code, stdout, stderr } = run("unpack", "--zipfile", zipFile, "--folder", target);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^error: .*broken\.zip: not a zip file/);
    expect(existsSync(target)).toBe(false);
  });

  it("rejects bad usage with one error line and exit code 1", () => {
    const { code, stdout, stderr } = run("pack", "--zipfile", "out.zip", "--folder", "solution/src", "--packagetype", "Both");
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe("error: --packagetype must be Unmanaged or Managed, not \"Both\" (run with --help for usage)\n");
  });
});
