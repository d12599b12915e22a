import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildControls } from "../../../tools/build/buildControls";

/** Starting the built control in Microsoft's pcf-start harness, for the browser test. */

export const repoRoot = resolve(__dirname, "../../..");
export const builtControl = join(repoRoot, "out", "controls", "DualWriteProvenance");

const controlDir = resolve(__dirname, "..");
/** What bundle.js is built from: the control (not its tests and benchmarks), the core modules it imports, and the build configuration. */
const buildInputs = [
  controlDir,
  // All of core: the control imports more than the provenance folder (columns, the review deadline, texts).
  join(repoRoot, "core", "src"),
  join(repoRoot, "pcfconfig.json"),
  join(repoRoot, "featureconfig.json"),
  join(repoRoot, "controls", "webpack.config.js"),
  join(repoRoot, "controls", "tsconfig.json"),
  join(repoRoot, "tsconfig.json"),
];
const notInputs = new Set(["test", "bench", "generated", "node_modules"]);

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).filter((entry) => !notInputs.has(entry)).map((entry) => newestChange(join(path, entry))));
}

/** Why out/controls/DualWriteProvenance cannot stand for the sources (not built, or older than a source), or null when it can. */
export function builtControlProblem(): string | null {
  const bundle = join(builtControl, "bundle.js");
  if (!existsSync(bundle) || !existsSync(join(builtControl, "ControlManifest.xml"))) return "out/controls/DualWriteProvenance is not built (npm run build:controls)";
  const built = statSync(bundle).mtimeMs;
  const newer = buildInputs.filter((input) => existsSync(input) && newestChange(input) > built);
  return newer.length === 0 ? null : `out/controls/DualWriteProvenance/bundle.js is older than ${newer.map((p) => p.slice(repoRoot.length + 1)).join(", ")} (npm run build:controls)`;
}

/** Builds the control (production) when out/controls holds no build yet, or one older than its sources. */
export function ensureBuilt(): void {
  if (builtControlProblem() === null) return;
  // npm run build:controls: pcf-scripts, a check that it really built, the css minifier.
  buildControls(repoRoot, true);
}

export interface Harness {
  url: string;
  stop(): void;
}

/**
 * Starts pcf-start on the build. Its server (browser-sync) takes port 8181 or, when that is taken,
 * the next free one, and prints the address it chose; we read it from there.
 */
export function startHarness(): Promise<Harness> {
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, "node_modules", "pcf-start", "bin", "pcf-start.js"), "--codePath", builtControl], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const stop = () => {
    // The harness runs in its own process group: end it and anything it started, and nothing else.
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  };
  return new Promise((resolvePromise, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`pcf-start did not report its address within 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Local:\s+http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ url: `http://127.0.0.1:${match[1]}/`, stop });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`pcf-start exited with ${code}:\n${output}`));
    });
  });
}
