import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
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
