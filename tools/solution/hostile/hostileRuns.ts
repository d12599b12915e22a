/**
 * What the two limit tests (ImportSolution in the sandbox, `unpack` in the CLI) share: the same hostile
 * zips written to a folder, the text a refusal names a limit by, and a child process whose peak memory
 * is measured (reportMaxRss.ts preloaded).
 */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { SolutionLimits, type LimitName } from "../limits";
import { declaredSizeLie, hugeDeclaredEntry, manyComponents, manyEntries, nestedBomb, sharedPartAmplification, zipSlip } from "./hostileZips";

const MB = 1024 * 1024;
export const repoRoot = resolve(__dirname, "../../..");
/** tsx's loader by path, so a child started in another folder (`--folder .`) finds it. */
const tsxLoader = pathToFileURL(join(repoRoot, "node_modules", "tsx", "dist", "loader.mjs")).href;
const reportMaxRss = pathToFileURL(join(__dirname, "reportMaxRss.ts")).href;

/** Writes `<name>.zip` for every attack both tests try; the file of one is `join(folder, `${name}.zip`)`. */
export async function writeHostileZips(folder: string): Promise<void> {
  const write = async (name: string, data: Buffer | Promise<Buffer>) => fs.writeFile(join(folder, `${name}.zip`), await data);
  await write("nested-bomb", nestedBomb(2_100));
  await write("nested-small", nestedBomb(3));
  // The reported attack: 500 web resources naming one 11 MB part (5.6 GB written).
  await write("shared-part", sharedPartAmplification(500, 11 * MB));
  await write("100k-entries", manyEntries(100_000));
  await write("100k-entries-listed-as-3", manyEntries(100_000, 3));
  await write("size-lie", declaredSizeLie(1_000, 256 * MB));
  await write("5gb-entry", hugeDeclaredEntry(5 * 1024 * MB));
  await write("zip-slip", zipSlip("../outside.txt"));
  await write("6000-components", manyComponents(6_000));
  await write("200k-elements", manyComponents(200_000));
}

/** How a refusal names a limit: `(entries = 5000)`. */
export const limitText = (limit: LimitName): string => `(${limit} = ${SolutionLimits[limit]})`;

export interface MeasuredRun {
  status: number | null;
  stdout: string;
  /** stderr without the peak-memory line. */
  stderr: string;
  maxRssMb: number;
}

/** Runs `node <script> …args` (TypeScript through tsx), from the repository root unless told, and reads its peak memory. */
export function runMeasured(script: string, args: readonly string[], cwd = repoRoot): MeasuredRun {
  const result = spawnSync(process.execPath, ["--import", tsxLoader, "--import", reportMaxRss, script, ...args], { cwd, encoding: "utf8" });
  const rss = /\nMAXRSS_KB=(\d+)\n$/.exec(result.stderr);
  if (!rss) throw new Error(`the child reported no peak memory: ${result.stderr}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.slice(0, rss.index).trimEnd(), maxRssMb: Number(rss[1]) / 1024 };
}
