/**
 * What every benchmark prints and `npm run bench` (tools/bench.ts) collects: one `BENCH {json}` line per
 * result, and for a shipped file's size the figures the runner lists as a size goal (`bytes`,
 * `goalBytes`, `withinGoal`).
 */
import { gzipSync } from "node:zlib";

export interface BenchResult {
  name: string;
  metrics: Record<string, number | string>;
  notes?: string;
}

/** The start of a result line. */
export const BenchLinePrefix = "BENCH ";

/** Prints one result as the line tools/bench.ts collects. */
export function report(name: string, metrics: Record<string, number | string>, notes: string): void {
  console.log(`${BenchLinePrefix}${JSON.stringify({ name, metrics, notes } satisfies BenchResult)}`);
}

/** A shipped file's size, raw and gzip (zlib's default level), beside its goal. */
export function sizeAgainstGoal(file: Buffer, goalBytes: number): Record<string, number | string> {
  return {
    bytes: file.length,
    gzipBytes: gzipSync(file).length,
    goalBytes,
    withinGoal: file.length <= goalBytes ? "yes" : `no, ${file.length - goalBytes} bytes over`,
  };
}
