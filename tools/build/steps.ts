/** Runs the build one named step at a time and prints how long each took. */
import { performance } from "node:perf_hooks";

export interface StepTiming {
  name: string;
  ms: number;
}

export type Log = (line: string) => void;

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export async function runStep<T>(name: string, timings: StepTiming[], log: Log, work: () => Promise<T> | T): Promise<T> {
  log(`> ${name}`);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  timings.push({ name, ms });
  log(`  ${name}: done in ${formatMs(ms)}`);
  return result;
}
