/** Runs the component builds other parts of the repository register as npm scripts. */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BuildError } from "./errors";

/** The names from package.json "scripts" that exist, in the order asked for. */
export function presentScripts(root: string, wanted: readonly string[]): string[] {
  const file = join(root, "package.json");
  const pkg = JSON.parse(readFileSync(file, "utf8")) as { scripts?: Record<string, string> };
  const scripts = pkg.scripts ?? {};
  return wanted.filter((name) => typeof scripts[name] === "string");
}

/** `npm run <name>` with the output streamed through; rejects when the script fails. */
export function runNpmScript(root: string, name: string): Promise<void> {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  return new Promise((resolvePromise, reject) => {
    const child = spawn(npm, ["run", name], { cwd: root, stdio: "inherit" });
    child.on("error", (error) => reject(new BuildError(`could not start "npm run ${name}": ${error.message}`)));
    child.on("exit", (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new BuildError(`"npm run ${name}" failed (${signal ? `signal ${signal}` : `exit code ${code}`})`));
    });
  });
}
