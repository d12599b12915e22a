/**
 * `npm run bench`: runs every `**\/bench/*.bench.ts` in its own process (so one benchmark's warm-up or
 * memory does not skew the next), collects the lines they print as `BENCH {json}` and writes the
 * results to out/bench/results.json. Benchmarks measure; they never pass or fail on a number.
 *
 * A figure that has a goal (issue 14) is reported beside it — `<figure>`, `<figure>Goal`,
 * `<figure>WithinGoal`, or for a size `bytes`, `goalBytes`, `withinGoal` — and listed again at the end, so
 * one look says which goals a run met.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { BenchLinePrefix, type BenchResult } from "./benchReport";

const root = resolve(__dirname, "..");
const skip = new Set(["node_modules", "out", ".git", ".sandbox", "generated"]);

function findBenchFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (skip.has(entry)) continue;
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...findBenchFiles(full));
    else if (entry.endsWith(".bench.ts") && dir.endsWith(`${"/"}bench`)) found.push(full);
  }
  return found.sort();
}

const filter = process.argv[2];
const files = findBenchFiles(root).filter((f) => !filter || f.includes(filter));
const results: BenchResult[] = [];
for (const file of files) {
  const rel = relative(root, file);
  console.log(`\n== ${rel}`);
  const output = execFileSync(process.execPath, [require.resolve("tsx/cli"), file], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const line of output.split("\n")) {
    if (line.startsWith(BenchLinePrefix)) {
      const result = JSON.parse(line.slice(BenchLinePrefix.length)) as BenchResult;
      results.push(result);
      console.log(`${result.name}`);
      for (const [key, value] of Object.entries(result.metrics)) console.log(`  ${key.padEnd(32)} ${value}`);
      if (result.notes) console.log(`  (${result.notes})`);
    } else if (line.trim()) {
      console.log(`  ${line}`);
    }
  }
}
/** Each figure reported with a goal: name, figure, value, goal, met. */
function goals(result: BenchResult): string[][] {
  const m = result.metrics;
  const rows: string[][] = [];
  if (m.goalBytes !== undefined) rows.push([result.name, "bytes", String(m.bytes), `≤ ${m.goalBytes}`, String(m.withinGoal)]);
  for (const key of Object.keys(m)) {
    const figure = key.endsWith("WithinGoal") ? key.slice(0, -"WithinGoal".length) : null;
    if (figure && m[`${figure}Goal`] !== undefined) rows.push([result.name, figure, String(m[figure]), String(m[`${figure}Goal`]), String(m[key])]);
  }
  return rows;
}

const goalRows = results.flatMap(goals);
if (goalRows.length > 0) {
  console.log("\nGoals (issue 14): figure, measured, goal, met");
  for (const [name, figure, value, goal, met] of goalRows) console.log(`  ${met === "yes" ? "met " : "MISS"}  ${figure.padEnd(18)} ${value.padEnd(10)} ${goal.padEnd(8)} ${name}`);
}
mkdirSync(join(root, "out", "bench"), { recursive: true });
writeFileSync(join(root, "out", "bench", "results.json"), JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
console.log(`\n${results.length} benchmark result(s) in out/bench/results.json`);
