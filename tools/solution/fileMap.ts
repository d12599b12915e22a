/**
 * An in-memory set of files keyed by forward-slash relative path: the entries of a solution zip or the
 * files of an unpacked folder. Component handlers `take` what they understand; whatever is left over is
 * passed through unchanged.
 */
import { SolutionPackagerError } from "./errors";

/** Orders names the way the packer lays components out by default: case-insensitive, then ordinal. */
export function compareNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rejects absolute paths, `..` segments and empty segments (zip-slip and friends). */
export function checkRelativePath(path: string, origin: string): string {
  const normalized = path.replace(/\\/g, "/");
  const segments = normalized.split("/");
  if (normalized.startsWith("/") || /^[A-Za-z]:/.test(normalized) || segments.some((s) => s === ".." || s === "" || s === ".")) {
    throw new SolutionPackagerError(`unsafe path "${path}"`, origin);
  }
  return normalized;
}

export class FileMap {
  private readonly files = new Map<string, Buffer>();
  private readonly lowerCase = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(
    entries: Iterable<readonly [string, Buffer]>,
    /** The zip or folder these files came from, for error messages. */
    readonly origin: string,
  ) {
    for (const [path, data] of entries) {
      this.files.set(path, data);
      this.lowerCase.set(path.toLowerCase(), path);
    }
  }

  /** The stored spelling of `path`, matched exactly or else case-insensitively (Windows-built zips). */
  resolve(path: string): string | undefined {
    if (this.files.has(path)) return path;
    return this.lowerCase.get(path.toLowerCase());
  }

  has(path: string): boolean {
    return this.resolve(path) !== undefined;
  }

  /** Claims a file so it is not passed through; throws naming `referencedBy` when it is missing. */
  take(path: string, referencedBy: string, what = "file"): Buffer {
    const actual = this.resolve(path);
    if (actual === undefined) {
      throw new SolutionPackagerError(`${what} "${path}" is missing from ${this.origin}`, referencedBy);
    }
    this.taken.add(actual);
    return this.files.get(actual)!;
  }

  /** Claims a file when present (optional inputs such as `.exportorder`). */
  takeOptional(path: string): Buffer | undefined {
    const actual = this.resolve(path);
    if (actual === undefined) return undefined;
    this.taken.add(actual);
    return this.files.get(actual);
  }

  /** Unclaimed paths under `folder` (a path prefix without trailing slash), sorted. */
  under(folder: string): string[] {
    const prefix = `${folder}/`.toLowerCase();
    return [...this.files.keys()]
      .filter((path) => !this.taken.has(path) && path.toLowerCase().startsWith(prefix))
      .sort(compareNames);
  }

  /** Everything no handler claimed, sorted. */
  remaining(): string[] {
    return [...this.files.keys()].filter((path) => !this.taken.has(path)).sort(compareNames);
  }

  get(path: string): Buffer | undefined {
    const actual = this.resolve(path);
    return actual === undefined ? undefined : this.files.get(actual);
  }
}
