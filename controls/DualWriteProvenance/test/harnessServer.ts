import { spawn, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";

/** Starting the built control in Microsoft's pcf-start harness, for the browser test. */

export const repoRoot = resolve(__dirname, "../../..");
export const builtControl = join(repoRoot, "out", "controls", "DualWriteProvenance");

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
