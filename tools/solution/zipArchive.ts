/**
 * Reading and writing solution zips with jszip. Writing is deterministic (fixed entry dates, the order
 * given, DEFLATE at a fixed level, no folder entries) and atomic: the zip is written to a temp file next
 * to the target and renamed into place, so a failure never leaves a half-written zip at the target path.
 */
import { promises as fs } from "node:fs";
import { basename, dirname, join } from "node:path";
import JSZip from "jszip";
import { SolutionPackagerError } from "./errors";
import { checkRelativePath } from "./fileMap";

/** 1980-01-01T00:00:00Z, the earliest DOS timestamp: the same bytes whatever the clock or time zone. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

export async function readZipEntries(zipFile: string): Promise<Map<string, Buffer>> {
  let data: Buffer;
  try {
    data = await fs.readFile(zipFile);
  } catch (error) {
    throw new SolutionPackagerError(`cannot read the zip file (${(error as NodeJS.ErrnoException).code ?? error})`, zipFile);
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch (error) {
    throw new SolutionPackagerError(`not a zip file (${error instanceof Error ? error.message : error})`, zipFile);
  }
  const entries = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    // jszip quietly strips "../" from names (keeping the original aside); such a zip is refused instead.
    const path = checkRelativePath(entry.unsafeOriginalName ?? entry.name, zipFile);
    entries.set(path, await entry.async("nodebuffer"));
  }
  return entries;
}

/** Writes `entries` in the given order to `zipFile` atomically; returns the zip size in bytes. */
export async function writeZipAtomically(zipFile: string, entries: ReadonlyArray<readonly [string, Buffer]>): Promise<number> {
  const zip = new JSZip();
  for (const [path, data] of entries) {
    zip.file(path, data, { date: FIXED_DATE, createFolders: false, binary: true });
  }
  const content = await zip.generateAsync({
    type: "nodebuffer",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
    platform: "DOS",
  });
  const folder = dirname(zipFile);
  await fs.mkdir(folder, { recursive: true });
  const temp = join(folder, `.${basename(zipFile)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temp, content);
    await fs.rename(temp, zipFile);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw new SolutionPackagerError(`cannot write the zip file (${(error as NodeJS.ErrnoException).code ?? error})`, zipFile);
  }
  return content.length;
}
