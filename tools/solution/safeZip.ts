/**
 * Reads a zip without trusting it. The central directory is read first, and every limit that can be
 * checked from it is checked before a single byte is inflated: the number of entries, each entry's
 * declared size and the declared total. Each entry is then inflated with its declared size as the hard
 * output cap, so an entry that lies about its size is stopped while inflating, one zlib chunk past the
 * size it declared, and refused; an entry that inflates to less than it declared, or whose CRC-32 does
 * not match, is refused too. Unsafe names (absolute, `..`, drive letters, empty segments) are refused
 * for every entry, as are encrypted entries and compression methods other than stored and deflate.
 * ZIP64 sizes and offsets are read, so a 5 GB entry is refused by its declared size, not by running.
 */
import { crc32, inflateRaw } from "node:zlib";
import { promisify } from "node:util";
import { LimitExceeded, SolutionLimits, type Limits } from "./limits";

const inflate = promisify(inflateRaw) as (buffer: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>;

/** The zip is not one we read: corrupt, encrypted, split, or using a method we do not inflate. */
export class BadZip extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BadZip";
  }
}

export interface ZipEntry {
  /** The name as stored (forward slashes). */
  name: string;
  data: Buffer;
}

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32 = 0xffffffff;
const U16 = 0xffff;

/** Reads a little-endian 64-bit size as a number; sizes beyond 2^53 are refused as corrupt. */
function u64(buffer: Buffer, offset: number): number {
  const value = buffer.readBigUInt64LE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new BadZip("a ZIP64 size or offset is out of range");
  return Number(value);
}

function findEndOfCentralDirectory(data: Buffer): number {
  const last = data.length - 22;
  for (let at = last; at >= 0 && at >= last - U16; at--) {
    if (data.readUInt32LE(at) === EOCD && at + 22 + data.readUInt16LE(at + 20) === data.length) return at;
  }
  throw new BadZip("not a zip file (no end of central directory record: not a zip, or a truncated one)");
}

/** Entry names that could land outside the folder they are unpacked into. */
export function unsafeEntryName(name: string): boolean {
  const normalized = name.replace(/\\/g, "/");
  const segments = normalized.replace(/\/$/, "").split("/");
  return (
    normalized === "" ||
    normalized.startsWith("/") ||
    /^[A-Za-z]:/.test(normalized) ||
    normalized.includes("\0") ||
    segments.some((segment) => segment === ".." || segment === "." || segment === "")
  );
}

function directory(data: Buffer, limits: Limits): { entries: number; offset: number; size: number } {
  const eocd = findEndOfCentralDirectory(data);
  if (data.readUInt16LE(eocd + 4) !== 0 || data.readUInt16LE(eocd + 6) !== 0) throw new BadZip("split (multi-disk) zips are not supported");
  let entries = data.readUInt16LE(eocd + 10);
  let size = data.readUInt32LE(eocd + 12);
  let offset = data.readUInt32LE(eocd + 16);
  if (entries === U16 || size === U32 || offset === U32) {
    const locator = eocd - 20;
    if (locator < 0 || data.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new BadZip("the ZIP64 end of central directory locator is missing");
    const record = u64(data, locator + 8);
    if (record + 56 > data.length || data.readUInt32LE(record) !== ZIP64_EOCD) throw new BadZip("the ZIP64 end of central directory record is missing");
    entries = u64(data, record + 32);
    size = u64(data, record + 40);
    offset = u64(data, record + 48);
  }
  // The count is checked before the directory is walked: 100,000 entries cost nothing to refuse.
  if (entries > limits.entries) throw new LimitExceeded("entries", limits.entries, `The zip lists ${entries} entries, which`);
  if (offset + size > data.length) throw new BadZip("the central directory lies outside the file");
  return { entries, offset, size };
}

function readCentralDirectory(data: Buffer, limits: Limits): CentralEntry[] {
  const { offset, size } = directory(data, limits);
  const entries: CentralEntry[] = [];
  let declaredTotal = 0;
  for (let at = offset; at < offset + size; ) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL) throw new BadZip("a central directory entry is corrupt");
    // The end record may understate the count: the directory itself is counted too.
    if (entries.length >= limits.entries) throw new LimitExceeded("entries", limits.entries, `The zip has more than ${limits.entries} entries, which`);
    const flags = data.readUInt16LE(at + 8);
    const method = data.readUInt16LE(at + 10);
    const crc = data.readUInt32LE(at + 16);
    let compressedSize = data.readUInt32LE(at + 20);
    let entrySize = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    let localOffset = data.readUInt32LE(at + 42);
    const nameBytes = data.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise it is code page 437, of which solution zips use the ASCII part.
    const name = nameBytes.toString(flags & 0x800 ? "utf8" : "latin1");
    const extra = data.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    for (let e = 0; e + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(e);
      const length = extra.readUInt16LE(e + 2);
      if (id === 0x0001) {
        // ZIP64 extended information: the 64-bit values, in this order, of the fields set to 0xFFFFFFFF.
        let field = e + 4;
        if (entrySize === U32) {
          entrySize = u64(extra, field);
          field += 8;
        }
        if (compressedSize === U32) {
          compressedSize = u64(extra, field);
          field += 8;
        }
        if (localOffset === U32) localOffset = u64(extra, field);
      }
      e += 4 + length;
    }
    at += 46 + nameLength + extraLength + commentLength;

    if (unsafeEntryName(name)) throw new BadZip(`unsafe path "${name}" in the zip (absolute, or with an empty, "." or ".." segment): refused, as it could land outside the folder`);
    if (flags & 0x1) throw new BadZip(`entry "${name}" is encrypted`);
    if (method !== 0 && method !== 8) throw new BadZip(`entry "${name}" uses compression method ${method} (only stored and deflate are supported)`);
    if (entrySize > limits.entryBytes) throw new LimitExceeded("entryBytes", limits.entryBytes, `Entry "${name}" declares ${entrySize} bytes uncompressed, which`);
    declaredTotal += entrySize;
    if (declaredTotal > limits.totalBytes) {
      throw new LimitExceeded("totalBytes", limits.totalBytes, `The zip's entries declare more than ${limits.totalBytes} bytes uncompressed (reached at "${name}"), which`);
    }
    entries.push({ name, method, flags, crc, compressedSize, size: entrySize, localOffset });
  }
  return entries;
}

function compressedData(data: Buffer, entry: CentralEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== LOCAL) throw new BadZip(`entry "${entry.name}" has no local header where the directory says`);
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > data.length) throw new BadZip(`entry "${entry.name}" runs past the end of the file`);
  return data.subarray(start, end);
}

async function inflateEntry(data: Buffer, entry: CentralEntry): Promise<Buffer> {
  const compressed = compressedData(data, entry);
  const lie = () =>
    new BadZip(`entry "${entry.name}" declares ${entry.size} bytes uncompressed but inflates to more: inflating stopped at the declared size, the cap every entry is inflated to`);
  if (entry.method === 0) {
    if (compressed.length !== entry.size) throw new BadZip(`entry "${entry.name}" is stored with ${compressed.length} bytes but declares ${entry.size}`);
    return compressed;
  }
  let inflated: Buffer;
  try {
    // The declared size is the cap: zlib stops and fails as soon as the output passes it.
    inflated = await inflate(compressed, { maxOutputLength: Math.max(entry.size, 1) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw lie();
    throw new BadZip(`entry "${entry.name}" does not inflate (${(error as Error).message})`);
  }
  if (inflated.length !== entry.size) {
    if (inflated.length > entry.size) throw lie();
    throw new BadZip(`entry "${entry.name}" declares ${entry.size} bytes uncompressed but inflates to ${inflated.length}`);
  }
  return inflated;
}

/**
 * The files of a zip (folders left out), in directory order. `data` must already be within the zip-size
 * limit; callers check it before reading the file or decoding the request.
 */
export async function readZipSafely(data: Buffer, limits: Limits = SolutionLimits): Promise<ZipEntry[]> {
  if (data.length > limits.zipBytes) throw new LimitExceeded("zipBytes", limits.zipBytes, `The zip file has ${data.length} bytes, which`);
  let central: CentralEntry[];
  try {
    central = readCentralDirectory(data, limits);
  } catch (error) {
    // A field pointing past the end of a record (a RangeError from the reads) is a corrupt zip, not a crash.
    if (error instanceof LimitExceeded || error instanceof BadZip) throw error;
    throw new BadZip(`the central directory is corrupt (${(error as Error).message})`);
  }
  const seen = new Set<string>();
  const files: ZipEntry[] = [];
  for (const entry of central) {
    if (seen.has(entry.name)) throw new BadZip(`entry "${entry.name}" appears twice`);
    seen.add(entry.name);
    if (entry.name.endsWith("/")) {
      if (entry.size !== 0) throw new BadZip(`folder entry "${entry.name}" has content`);
      continue;
    }
    const content = await inflateEntry(data, entry);
    if (crc32(content) >>> 0 !== entry.crc >>> 0) throw new BadZip(`entry "${entry.name}" fails its CRC-32 check (the zip is corrupt)`);
    files.push({ name: entry.name, data: content });
  }
  return files;
}

export { SolutionLimits };
