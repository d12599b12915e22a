import { spawn } from "node:child_process";
import { existsSync, renameSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { buildSandboxWeb, sandboxWebEntries } from "../../web/build";
import { defaultBundleDir } from "../web/paths";
import { repoRoot } from "./paths";

/** Runs `npm run build` when the managed zip is missing; the build's output goes to the console. */
export async function ensureSolutionBuilt(zipFile: string, log: (line: string) => void): Promise<void> {
  if (existsSync(zipFile)) return;
  log(`${zipFile} is missing: running npm run build`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(npm, ["run", "build"], { cwd: repoRoot, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`npm run build failed (exit code ${String(code)}).`);
  if (!existsSync(zipFile)) throw new Error(`npm run build finished but ${zipFile} was not written.`);
}

/**
 * Builds the browser bundles (out/sandbox-web) when one of the apps' is missing. Each file is built in
 * a private folder and renamed into place, so a concurrent start never serves a half-written bundle.
 */
export async function ensureSandboxWebBuilt(log: (line: string) => void, bundleDir: string = defaultBundleDir): Promise<void> {
  const missing = sandboxWebEntries().filter(({ app }) => !existsSync(join(bundleDir, `${app}.js`)));
  if (missing.length === 0) return;
  log(`${bundleDir} has no ${missing.map(({ app }) => `${app}.js`).join(", ")}: building the sandbox's browser pages`);
  const staging = join(bundleDir, `.build-${process.pid}`);
  try {
    for (const bundle of await buildSandboxWeb({ outDir: staging })) renameSync(bundle.file, join(bundleDir, basename(bundle.file)));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
