/**
 * ImportSolution against hostile zips generated here (never committed), each sent to a stand-in running
 * in a child process so its peak memory can be measured: every one is refused with a 400 naming the
 * limit (the same limits as the packer's unpack, tools/solution/limits.ts), nothing is written, and the
 * child stays under a stated bound. Before the limits a 1.5 MB zip took the process to 3.3 GB and a
 * 7.8 KB one wrote 5.6 GB.
 */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  declaredSizeLie,
  hugeDeclaredEntry,
  manyComponents,
  manyEntries,
  nestedBomb,
  sharedPartAmplification,
  zipSlip,
} from "../../../../tools/solution/hostile/hostileZips";
import { SolutionLimits, type LimitName } from "../../../../tools/solution/limits";
import { makeTempDir, removeTempDirs } from "../../../../tools/solution/testFixtures";

const repoRoot = resolve(__dirname, "../../../..");
const tsxLoader = pathToFileURL(join(repoRoot, "node_modules", "tsx", "dist", "loader.mjs")).href;
const reportMaxRss = pathToFileURL(join(repoRoot, "tools", "solution", "hostile", "reportMaxRss.ts")).href;
const child = join(__dirname, "..", "test", "importInChild.ts");

/** Peak memory of the whole stand-in process (server, SQLite, the base64 request) while it refuses one. */
const MAX_RSS_MB = 512;
const MB = 1024 * 1024;

let zips: string;
const zip = (name: string) => join(zips, `${name}.zip`);

beforeAll(async () => {
  zips = await makeTempDir("hostile-imports");
  const write = async (name: string, data: Buffer | Promise<Buffer>) => fs.writeFile(zip(name), await data);
  await write("nested-bomb", nestedBomb(2_100));
  await write("nested-small", nestedBomb(3));
  await write("shared-part", sharedPartAmplification(500, 11 * MB));
  await write("100k-entries", manyEntries(100_000));
  await write("100k-entries-listed-as-3", manyEntries(100_000, 3));
  await write("size-lie", declaredSizeLie(1_000, 256 * MB));
  await write("5gb-entry", hugeDeclaredEntry(5 * 1024 * MB));
  await write("zip-slip", zipSlip("../outside.txt"));
  await write("6000-components", manyComponents(6_000));
  await write("200k-elements", manyComponents(200_000));
  // Over the zip-size limit; a sparse file, its bytes are never looked at.
  await fs.writeFile(zip("too-big"), "");
  await fs.truncate(zip("too-big"), SolutionLimits.zipBytes + 1);
}, 120_000);
afterAll(removeTempDirs);

interface Outcome {
  status: number;
  error?: { code: string; message: string };
  solutions: number;
  webresources: number;
  maxRssMb: number;
}

function importInChild(zipFile: string): Outcome {
  const result = spawnSync(process.execPath, ["--import", tsxLoader, "--import", reportMaxRss, child, zipFile], { cwd: repoRoot, encoding: "utf8" });
  const rss = /\nMAXRSS_KB=(\d+)\n$/.exec(result.stderr);
  if (result.status !== 0 || !rss) throw new Error(`the child failed: ${result.stderr}`);
  return { ...(JSON.parse(result.stdout) as Omit<Outcome, "maxRssMb">), maxRssMb: Number(rss[1]) / 1024 };
}

const limitText = (limit: LimitName) => `(${limit} = ${SolutionLimits[limit]})`;

test.each([
  ["nested-bomb", limitText("totalBytes")],
  ["shared-part", limitText("expandedBytes")],
  ["100k-entries", limitText("entries")],
  ["100k-entries-listed-as-3", limitText("entries")],
  ["size-lie", 'entry "WebResources/small.js" declares 1000 bytes uncompressed but inflates to more: inflating stopped at the declared size'],
  ["5gb-entry", limitText("entryBytes")],
  ["zip-slip", 'unsafe path "../outside.txt"'],
  ["6000-components", limitText("components")],
  ["200k-elements", limitText("xmlElements")],
  ["too-big", limitText("zipBytes")],
])("%s is refused with a 400 naming %s, nothing written", (name, expected) => {
  const outcome = importInChild(zip(name));
  expect(outcome.status).toBe(400);
  expect(outcome.error?.code).toBe("0x80048033");
  expect(outcome.error?.message).toContain(expected);
  expect(outcome.solutions).toBe(0);
  expect(outcome.webresources).toBe(0);
  expect(outcome.maxRssMb).toBeLessThan(MAX_RSS_MB);
});

test("zips inside a zip are only bytes: within the limits the package imports and the inner zips are never opened", () => {
  const outcome = importInChild(zip("nested-small"));
  expect(outcome.status).toBe(204);
  expect(outcome.solutions).toBe(1);
  expect(outcome.maxRssMb).toBeLessThan(MAX_RSS_MB);
});
