/**
 * Folder side of pack and unpack: reading an unpacked solution folder into memory, and writing an
 * unpack result into the target folder through a staging folder inside it (writeIntoFolder).
 */
import { promises as fs } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { SolutionPackagerError } from "./errors";
import { LimitExceeded, SolutionLimits, type Limits } from "./limits";

/**
 * Every file under `folder`, keyed by forward-slash relative path; `skip` holds absolute paths to ignore.
 * Pack reads within the same limits unpack does (limits.ts): the number of files, each file's size and
 * the total are checked from the directory listing before a file is read.
 */
export async function readFolder(folder: string, skip: ReadonlySet<string> = new Set(), limits: Limits = SolutionLimits): Promise<Map<string, Buffer>> {
  const stat = await fs.stat(folder).catch(() => undefined);
  if (!stat?.isDirectory()) throw new SolutionPackagerError("the solution folder does not exist or is not a folder", folder);
  const files = new Map<string, Buffer>();
  let total = 0;
  const check = (full: string, size: number) => {
    total += size;
    const limit =
      files.size >= limits.entries
        ? new LimitExceeded("entries", limits.entries, `The folder has more than ${limits.entries} files, which`)
        : size > limits.entryBytes
          ? new LimitExceeded("entryBytes", limits.entryBytes, `The file has ${size} bytes, which`)
          : total > limits.totalBytes
            ? new LimitExceeded("totalBytes", limits.totalBytes, `The folder's files add up to more than ${limits.totalBytes} bytes, which`)
            : undefined;
    if (limit) throw new SolutionPackagerError(limit.message, full);
  };
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (skip.has(full)) continue;
      // Follow symbolic links (a staged build may link its outputs instead of copying them).
      const kind = entry.isSymbolicLink()
        ? await fs.stat(full).catch(() => {
            throw new SolutionPackagerError("broken symbolic link", full);
          })
        : entry;
      if (kind.isDirectory()) await walk(full);
      else if (kind.isFile()) {
        check(full, (await fs.stat(full)).size);
        files.set(relative(folder, full).split(sep).join("/"), await fs.readFile(full));
      }
    }
  };
  await walk(folder);
  return files;
}

export interface WriteIntoFolderResult {
  /** Files that were in the folder, not in the unpack, and were deleted (only with allowDelete). */
  deleted: string[];
}

const STAGING_PREFIX = ".solution-unpack-";

/** Refuses a path that is (or passes through) a symbolic link or a non-folder inside the target. */
async function checkInside(root: string, path: string): Promise<void> {
  const segments = path.split("/");
  let current = root;
  for (const [index, segment] of segments.entries()) {
    current = join(current, segment);
    const stat = await fs.lstat(current).catch(() => undefined);
    if (!stat) return;
    if (stat.isSymbolicLink()) {
      throw new SolutionPackagerError(`"${relative(root, current).split(sep).join("/")}" is a symbolic link; unpack writes only inside --folder and does not follow links`, root);
    }
    const last = index === segments.length - 1;
    if (!last && !stat.isDirectory()) throw new SolutionPackagerError(`"${relative(root, current).split(sep).join("/")}" is a file where the unpack needs a folder`, root);
    if (last && !stat.isFile()) throw new SolutionPackagerError(`"${path}" exists and is not a file`, root);
  }
}

/** Every file (and link) below `root`, relative with forward slashes; links are listed, never followed. */
async function listTree(root: string, skip: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (full === skip) continue;
      if (entry.isDirectory()) await walk(full);
      else found.push(relative(root, full).split(sep).join("/"));
    }
  };
  await walk(root);
  return found;
}

/**
 * Writes `files` into `target` the way SolutionPackager extracts: files the unpack produces are written
 * (replacing what is there), and nothing else in the folder is touched unless `allowDelete` is set, in
 * which case files the unpack does not produce are deleted (pac's `--allowDelete`). Everything happens
 * inside `target`: the files are first written to a hidden staging folder in it, then moved into place;
 * a file they replace or a file deleted is moved aside first, so any failure puts the folder back as it
 * was. A symbolic link on the way to a file is refused, never followed.
 */
export async function writeIntoFolder(
  target: string,
  files: ReadonlyArray<readonly [string, Buffer | string]>,
  options: { allowDelete: boolean },
): Promise<WriteIntoFolderResult> {
  const given = resolve(target);
  const existing = await fs.stat(given).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new SolutionPackagerError("the target exists and is not a folder", target);
  for (const [path] of files) await checkInside(given, path);
  await fs.mkdir(given, { recursive: true });
  const root = await fs.realpath(given);
  const staging = join(root, `${STAGING_PREFIX}${process.pid}-${Date.now()}`);
  const aside = join(staging, ".previous");
  const moves: { from: string; to: string }[] = [];
  const placed: string[] = [];
  const createdFolders: string[] = [];
  const move = async (from: string, to: string) => {
    await fs.mkdir(dirname(to), { recursive: true });
    await fs.rename(from, to);
  };
  const ensureFolder = async (folder: string) => {
    const missing: string[] = [];
    for (let dir = folder; dir !== root && !(await fs.stat(dir).catch(() => undefined)); dir = dirname(dir)) missing.unshift(dir);
    for (const dir of missing) {
      await fs.mkdir(dir);
      createdFolders.push(dir);
    }
  };
  const deleted: string[] = [];
  try {
    for (const [path, content] of files) {
      const full = join(staging, "new", ...path.split("/"));
      await fs.mkdir(dirname(full), { recursive: true });
      await fs.writeFile(full, content);
    }
    for (const [path] of files) {
      const final = join(root, ...path.split("/"));
      if (await fs.lstat(final).catch(() => undefined)) {
        const to = join(aside, ...path.split("/"));
        await move(final, to);
        moves.push({ from: to, to: final });
      }
      await ensureFolder(dirname(final));
      await fs.rename(join(staging, "new", ...path.split("/")), final);
      placed.push(final);
    }
    if (options.allowDelete) {
      const expected = new Set(files.map(([path]) => path));
      for (const path of await listTree(root, staging)) {
        if (expected.has(path)) continue;
        const to = join(aside, ...path.split("/"));
        await move(join(root, ...path.split("/")), to);
        moves.push({ from: to, to: join(root, ...path.split("/")) });
        deleted.push(path);
      }
    }
  } catch (error) {
    for (const file of placed.reverse()) await fs.rm(file, { force: true });
    for (const { from, to } of moves.reverse()) await move(from, to).catch(() => undefined);
    for (const folder of createdFolders.reverse()) await fs.rmdir(folder).catch(() => undefined);
    await fs.rm(staging, { recursive: true, force: true });
    if (!existing) await fs.rmdir(given).catch(() => undefined);
    if (error instanceof SolutionPackagerError) throw error;
    throw new SolutionPackagerError(`cannot write the unpacked folder (${(error as NodeJS.ErrnoException).code ?? error})`, target);
  }
  await fs.rm(staging, { recursive: true, force: true });
  // Folders emptied by the deletions go too (never the target itself).
  if (deleted.length > 0) {
    const folders = [...new Set(deleted.map((path) => dirname(join(root, ...path.split("/")))))].sort((a, b) => b.length - a.length);
    for (const folder of folders) {
      for (let dir = folder; dir !== root && dir.startsWith(root); dir = dirname(dir)) {
        if ((await fs.readdir(dir).catch(() => ["?"])).length > 0) break;
        await fs.rmdir(dir).catch(() => undefined);
      }
    }
  }
  return { deleted: deleted.sort() };
}
