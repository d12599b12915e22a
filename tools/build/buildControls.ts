/**
 * `npm run build:controls`: pcf-scripts' production build of every control under controls/, then the
 * css minifier (minifyControlCss.ts).
 *
 * pcf-scripts exits 0 when its build fails: its task runner logs "[build] Failed" with the TypeScript
 * or webpack errors and returns (node_modules/pcf-scripts/taskRunner.js), and webpack emits nothing on
 * error, so the previous bundle.js stays in out/controls. Packing that would ship stale code. So this
 * build checks what it made: every control's bundle.js must have been written by this run.
 */
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { BuildError } from "./errors";
import { listFolders } from "./fileTree";
import { minifyControlCss } from "./minifyControlCss";

/** The control folders under `controls` (each has a ControlManifest.Input.xml). */
export function controlFolders(controls: string): string[] {
  return listFolders(controls).filter((name) => existsSync(join(controls, name, "ControlManifest.Input.xml")));
}

/** The controls whose out/controls/<name>/bundle.js is missing or older than `since` (ms since the epoch). */
export function staleBundles(controls: string, builtControls: string, since: number): string[] {
  return controlFolders(controls).filter((name) => {
    const bundle = join(builtControls, name, "bundle.js");
    return !existsSync(bundle) || statSync(bundle).mtimeMs < since;
  });
}

/**
 * Builds the controls; throws a BuildError naming the controls pcf-scripts did not build. `quiet`
 * keeps pcf-scripts' output unless it fails (tests); otherwise it streams through.
 */
export function buildControls(root: string, quiet = false): ReturnType<typeof minifyControlCss> {
  const builtControls = join(root, "out", "controls");
  // Whole seconds: some file systems keep coarse modification times.
  const since = Math.floor(Date.now() / 1000) * 1000;
  let output = "";
  try {
    output = execFileSync(process.execPath, [join(root, "node_modules", "pcf-scripts", "bin", "pcf-scripts.js"), "build", "--buildMode", "production"], {
      cwd: root,
      encoding: "utf8",
      stdio: quiet ? "pipe" : "inherit",
      timeout: 300_000,
    });
  } catch (error) {
    throw new BuildError(`pcf-scripts build failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const stale = staleBundles(join(root, "controls"), builtControls, since);
  if (stale.length > 0) {
    const shown = quiet && output ? `\n${output}` : " (its errors are above)";
    throw new BuildError(`pcf-scripts did not build ${stale.join(", ")}: bundle.js is missing or from an earlier build${shown}`);
  }
  return minifyControlCss(builtControls);
}

if (require.main === module) {
  const root = resolve(__dirname, "..", "..");
  try {
    for (const { file, before, after } of buildControls(root)) console.log(`minified ${relative(root, file)}: ${before} → ${after} bytes`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
