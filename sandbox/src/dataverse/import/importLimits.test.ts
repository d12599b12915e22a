/**
 * ImportSolution against hostile zips generated here (never committed), each sent to a stand-in running
 * in a child process so its peak memory can be measured: every one is refused with a 400 naming the
 * limit (the same limits as the packer's unpack, tools/solution/limits.ts), nothing is written, and the
 * child stays under a stated bound. Before the limits a 1.5 MB zip took the process to 3.3 GB and a
 * 7.8 KB one wrote 5.6 GB.
 */
import { promises as fs } from "node:fs";
import { join } from "node:path";
import { limitText, runMeasured, writeHostileZips } from "../../../../tools/solution/hostile/hostileRuns";
import { SolutionLimits } from "../../../../tools/solution/limits";
import { makeTempDir, removeTempDirs } from "../../../../tools/solution/testFixtures";

const child = join(__dirname, "..", "test", "importInChild.ts");

/** Peak memory of the whole stand-in process (server, SQLite, the base64 request) while it refuses one. */
const MAX_RSS_MB = 512;

let zips: string;
const zip = (name: string) => join(zips, `${name}.zip`);

beforeAll(async () => {
  zips = await makeTempDir("hostile-imports");
  await writeHostileZips(zips);
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
  const run = runMeasured(child, [zipFile]);
  if (run.status !== 0) throw new Error(`the child failed: ${run.stderr}`);
  return { ...(JSON.parse(run.stdout) as Omit<Outcome, "maxRssMb">), maxRssMb: run.maxRssMb };
}

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
