/**
 * Reading solution zips within the limits (safeZip.ts) and writing them with jszip. Writing is deterministic (fixed entry dates, the order
 * given, DEFLATE at a fixed level, no folder entries) and atomic: the zip is written to a temp file next
 * to the target and renamed into place, so a failure never leaves a half-written zip at the target path.
 */
import { promises as fs } from "node:fs";
import { basename, dirname, join } from "node:path";
import JSZip from "jszip";
import { SolutionPackagerError } from "./errors";
import { checkRelativePath } from "./fileMap";
import { LimitExceeded, SolutionLimits, type Limits } from "./limits";
import { BadZip, readZipSafely, type ZipEntry } from "./safeZip";

/** 1980-01-01T00:00:00Z, the earliest DOS timestamp: the same bytes whatever the clock or time zone. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/**
 * The files of a solution zip, read within the limits (limits.ts): the file size is checked before the
 * file is read, and the entries as safeZip.ts reads them (declared sizes before inflating, actual sizes
 * while inflating, names that stay inside the folder).
 */
export async function readZipEntries(zipFile: string, limits: Limits = SolutionLimits): Promise<Map<string, Buffer>> {
  let data: Buffer;
  try {
    const stat = await fs.stat(zipFile);
    if (stat.size > limits.zipBytes) throw new LimitExceeded("zipBytes", limits.zipBytes, `The zip file has ${stat.size} bytes, which`);
    data = await fs.readFile(zipFile);
  } catch (error) {
    if (error instanceof LimitExceeded) throw new SolutionPackagerError(error.message, zipFile);
    throw new SolutionPackagerError(`cannot read the zip file (${(error as NodeJS.ErrnoException).code ?? error})`, zipFile);
  }
  let files: ZipEntry[];
  try {
    files = await readZipSafely(data, limits);
  } catch (error) {
    if (error instanceof LimitExceeded) throw new SolutionPackagerError(error.message, zipFile);
    if (error instanceof BadZip) throw new SolutionPackagerError(error.message, zipFile);
    throw error;
  }
  const entries = new Map<string, Buffer>();
  for (const file of files) entries.set(checkRelativePath(file.name, zipFile), file.data);
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
