/**
 * `npm run solution -- unpack` against hostile zips generated here (never committed): each is refused
 * with one error line naming the limit, the run stays under a stated peak memory (measured in the child
 * process that runs the CLI), and nothing outside --folder, nor inside it, is touched.
 */
import { promises as fs } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { limitText, repoRoot, runMeasured, writeHostileZips } from "./hostile/hostileRuns";
import { zipSlip } from "./hostile/hostileZips";
import { countStartTags, SolutionLimits } from "./limits";
import { packSolution } from "./pack";
import { readZipSafely } from "./safeZip";
import { listFiles, makeTempDir, removeTempDirs, writeFixture } from "./testFixtures";

/** Peak memory of one `unpack` run on a hostile zip. Before the limits, these zips took 2 GB of disk and gigabytes of memory. */
const MAX_RSS_MB = 256;
const MB = 1024 * 1024;

let zips: string;
const zip = (name: string) => join(zips, `${name}.zip`);

beforeAll(async () => {
  zips = await makeTempDir("hostile-zips");
  await writeHostileZips(zips);
  const write = async (name: string, data: Buffer) => fs.writeFile(zip(name), data);
  await write("zip-slip-absolute", zipSlip("/tmp/outside.txt"));
  await write("zip-slip-nested", zipSlip("Other/../../outside.txt"));
}, 120_000);
afterAll(removeTempDirs);

function unpackInChild(zipFile: string, folder: string, ...flags: string[]) {
  return runMeasured("tools/solution/cli.ts", ["unpack", "--zipfile", zipFile, "--folder", folder, ...flags]);
}

/** A folder with a file of the user's in it, beside a file outside it, and a snapshot of both. */
async function workspace() {
  const root = await makeTempDir("unpack-limits");
  const folder = join(root, "solution");
  await fs.mkdir(join(folder, "Other"), { recursive: true });
  await fs.writeFile(join(folder, "Other", "Solution.xml"), "the user's file");
  await fs.writeFile(join(folder, "notes.md"), "keep");
  await fs.writeFile(join(root, "outside.txt"), "outside");
  const snapshot = async () => ({
    root: (await fs.readdir(root)).sort(),
    folder: await listFiles(folder),
    solutionXml: await fs.readFile(join(folder, "Other", "Solution.xml"), "utf8"),
    outside: await fs.readFile(join(root, "outside.txt"), "utf8"),
  });
  return { root, folder, before: await snapshot(), snapshot };
}

describe("unpack refuses hostile zips within its limits, touching nothing", () => {
  it.each([
    ["nested-bomb", limitText("totalBytes")],
    ["shared-part", limitText("expandedBytes")],
    ["100k-entries", limitText("entries")],
    ["100k-entries-listed-as-3", limitText("entries")],
    ["size-lie", 'entry "WebResources/small.js" declares 1000 bytes uncompressed but inflates to more: inflating stopped at the declared size'],
    ["5gb-entry", limitText("entryBytes")],
    ["zip-slip", 'unsafe path "../outside.txt"'],
    ["zip-slip-absolute", 'unsafe path "/tmp/outside.txt"'],
    ["zip-slip-nested", 'unsafe path "Other/../../outside.txt"'],
    ["6000-components", limitText("components")],
    ["200k-elements", limitText("xmlElements")],
  ])("%s: %s", async (name, expected) => {
    const { folder, before, snapshot } = await workspace();
    const run = unpackInChild(zip(name), folder);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr).toContain(expected);
    expect(run.maxRssMb).toBeLessThan(MAX_RSS_MB);
    expect(await snapshot()).toEqual(before);
  });

  it("a zip file over the size limit is refused before it is read", async () => {
    const { root, folder, before, snapshot } = await workspace();
    const big = join(root, "big.zip");
    // A sparse file: the size is what is checked, so its content never needs to exist.
    await fs.writeFile(big, "");
    await fs.truncate(big, SolutionLimits.zipBytes + 1);
    const run = unpackInChild(big, folder);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(limitText("zipBytes"));
    expect(run.maxRssMb).toBeLessThan(MAX_RSS_MB);
    expect({ ...(await snapshot()), root: before.root }).toEqual(before);
  });

  it("zips inside a zip are never opened: within the limits they are written as they are", async () => {
    const { folder } = await workspace();
    const run = unpackInChild(zip("nested-small"), folder);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.maxRssMb).toBeLessThan(MAX_RSS_MB);
    const inner = await fs.readFile(join(folder, "PluginAssemblies", "bomb0", "bomb0.zip"));
    // The 64 MB inner entry is still compressed: the file is the inner zip's bytes.
    expect(inner.length).toBeLessThan(MB);
    expect((await JSZip.loadAsync(inner)).file("zeros.bin")).not.toBeNull();
  });

  it("a symbolic link in the folder is not followed: the unpack is refused and the link's target is untouched", async () => {
    const { root, folder } = await workspace();
    const elsewhere = join(root, "elsewhere");
    await fs.mkdir(elsewhere);
    await fs.rm(join(folder, "Other"), { recursive: true });
    await fs.symlink(elsewhere, join(folder, "Other"));
    const run = unpackInChild(zip("nested-small"), folder);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/"Other" is a symbolic link; unpack writes only inside --folder/);
    expect(await fs.readdir(elsewhere)).toEqual([]);
    expect(await fs.readlink(join(folder, "Other"))).toBe(elsewhere);
    expect(await listFiles(folder)).toEqual(["Other", "notes.md"]);
  });

  it("--folder . deletes nothing it does not write; --allowDelete deletes, but only inside the folder", async () => {
    const { root, folder } = await workspace();
    // Run from inside the folder, as `--folder .`.
    const inFolder = (...flags: string[]) =>
      runMeasured(join(repoRoot, "tools/solution/cli.ts"), ["unpack", "--zipfile", zip("nested-small"), "--folder", ".", ...flags], folder);
    const kept = inFolder();
    expect(kept.stderr).toBe("");
    expect(kept.stdout).toMatch(/: 5 files\n$/);
    expect(await listFiles(folder)).toEqual(expect.arrayContaining(["notes.md", "Other/Solution.xml", "PluginAssemblies/bomb0/bomb0.zip"]));
    const deleting = inFolder("--allowDelete");
    expect(deleting.stderr).toBe("");
    expect(deleting.stdout).toMatch(/: 5 files, 1 deleted\n$/);
    expect(await listFiles(folder)).not.toContain("notes.md");
    expect(await fs.readFile(join(root, "outside.txt"), "utf8")).toBe("outside");
  });
});

describe("pack reads a folder within the same limits", () => {
  it("a file over the entry limit is refused from its size, before it is read, and no zip is written", async () => {
    const root = await makeTempDir("pack-limits");
    const folder = await writeFixture(root);
    const big = join(folder, "PluginAssemblies", "big.dll");
    await fs.mkdir(join(folder, "PluginAssemblies"), { recursive: true });
    await fs.writeFile(big, "");
    await fs.truncate(big, SolutionLimits.entryBytes + 1);
    const zipFile = join(root, "out.zip");
    await expect(packSolution({ folder, zipFile, packageType: "Unmanaged" })).rejects.toThrow(limitText("entryBytes"));
    await expect(fs.stat(zipFile)).rejects.toThrow();
  });
});

describe("the limits leave real solutions alone", () => {
  it("counts start tags, not end tags, comments or declarations", () => {
    expect(countStartTags('<?xml version="1.0"?><!-- <a> --><a><b/><c>x</c></a>')).toBe(4);
  });

  it("an ordinary zip reads the same as jszip reads it", async () => {
    const jszip = new JSZip();
    jszip.file("solution.xml", "<ImportExportXml/>");
    jszip.file("WebResources/a.js", "x".repeat(100_000));
    jszip.file("empty.txt", "");
    jszip.folder("Folder");
    const entries = await readZipSafely(await jszip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    expect(entries.map((e) => [e.name, e.data.toString("utf8").length])).toEqual([
      ["solution.xml", 18],
      ["WebResources/a.js", 100_000],
      ["empty.txt", 0],
    ]);
  });
});
