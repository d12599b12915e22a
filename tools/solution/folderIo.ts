/**
 * Folder side of pack and unpack: reading an unpacked solution folder into memory, and writing an
 * unpack result through a temp folder that replaces the target only once everything is written.
 */
import { promises as fs } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { SolutionPackagerError } from "./errors";

/** Every file under `folder`, keyed by forward-slash relative path; `skip` holds absolute paths to ignore. */
export async function readFolder(folder: string, skip: ReadonlySet<string> = new Set()): Promise<Map<string, Buffer>> {
  const stat = await fs.stat(folder).catch(() => undefined);
  if (!stat?.isDirectory()) throw new SolutionPackagerError("the solution folder does not exist or is not a folder", folder);
  const files = new Map<string, Buffer>();
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
      else if (kind.isFile()) files.set(relative(folder, full).split(sep).join("/"), await fs.readFile(full));
    }
  };
  await walk(folder);
  return files;
}

function siblingName(target: string, label: string): string {
  return join(dirname(target), `.${basename(target)}.${label}-${process.pid}-${Date.now()}`);
}

/**
 * Writes `files` into a temp folder beside `target`, then swaps it in: an existing target folder is
 * replaced as a whole (like a fresh SolutionPackager extract); on any failure the target is left as it was.
 */
export async function writeFolderAtomically(target: string, files: ReadonlyArray<readonly [string, Buffer | string]>): Promise<void> {
  const absolute = resolve(target);
  const existing = await fs.stat(absolute).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new SolutionPackagerError("the target exists and is not a folder", target);
  await fs.mkdir(dirname(absolute), { recursive: true });
  const temp = siblingName(absolute, "unpack");
  try {
    for (const [path, content] of files) {
      const full = join(temp, ...path.split("/"));
      await fs.mkdir(dirname(full), { recursive: true });
      await fs.writeFile(full, content);
    }
    await fs.mkdir(temp, { recursive: true });
    if (existing) {
      const backup = siblingName(absolute, "previous");
      await fs.rename(absolute, backup);
      try {
        await fs.rename(temp, absolute);
      } catch (error) {
        await fs.rename(backup, absolute);
        throw error;
      }
      await fs.rm(backup, { recursive: true, force: true });
    } else {
      await fs.rename(temp, absolute);
    }
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true });
    if (error instanceof SolutionPackagerError) throw error;
    throw new SolutionPackagerError(`cannot write the unpacked folder (${(error as NodeJS.ErrnoException).code ?? error})`, target);
  }
}
