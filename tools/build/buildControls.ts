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
import { existsSync, readdirSync, statSync } from "node:fs";
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

/**
 * What the bundles are built from: the controls (not their tests, benchmarks or generated types; the
 * folder also holds the shared webpack and TypeScript configuration), all of core (the controls import
 * more than its provenance folder), and the project's build configuration. One pcf-scripts run builds
 * every control, so a change to any of these makes every bundle stale.
 */
const buildInputs = (root: string): string[] => [
  join(root, "controls"),
  join(root, "core", "src"),
  join(root, "pcfconfig.json"),
  join(root, "featureconfig.json"),
  join(root, "tsconfig.json"),
];
const notInputs = new Set(["test", "bench", "generated", "node_modules"]);

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).filter((entry) => !notInputs.has(entry)).map((entry) => newestChange(join(path, entry))));
}

/** Why out/controls cannot stand for the sources (a control not built, or a bundle older than a source), or null when it can. */
export function builtControlsProblem(root: string): string | null {
  const builtControls = join(root, "out", "controls");
  const names = controlFolders(join(root, "controls"));
  const missing = names.filter((name) => !existsSync(join(builtControls, name, "bundle.js")) || !existsSync(join(builtControls, name, "ControlManifest.xml")));
  if (missing.length > 0) return `out/controls has no build of ${missing.join(", ")} (npm run build:controls)`;
  const built = Math.min(...names.map((name) => statSync(join(builtControls, name, "bundle.js")).mtimeMs));
  const newer = buildInputs(root).filter((input) => existsSync(input) && newestChange(input) > built);
  return newer.length === 0 ? null : `out/controls is older than ${newer.map((p) => relative(root, p)).join(", ")} (npm run build:controls)`;
}

/** For tests and benchmarks: builds the controls when out/controls holds no build of one, or one older than the sources. */
export function ensureControlsBuilt(root: string): void {
  if (builtControlsProblem(root) !== null) buildControls(root, true);
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
