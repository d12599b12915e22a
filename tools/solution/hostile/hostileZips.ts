/**
 * Hostile solution zips for the limit tests, generated in the test run (never committed): a zip writer
 * that writes exactly what it is told (sizes that lie, names that escape, ZIP64 sizes, any entry count)
 * and the attacks the limits are for. Not a test itself; used by the packer's and the sandbox's tests.
 */
import { once } from "node:events";
import { createDeflateRaw, crc32, deflateRawSync } from "node:zlib";

export interface RawEntry {
  name: string;
  /** The bytes stored in the zip (already deflated when method is 8). */
  stored: Buffer;
  method: 0 | 8;
  crc: number;
  /** The uncompressed size the headers declare (may be a lie; above 4 GiB it is written as ZIP64). */
  declaredSize: number;
}

const U32 = 0xffffffff;

/** A deflated entry whose declared size and CRC are the truth. */
export function deflated(name: string, content: Buffer | string): RawEntry {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  return { name, stored: deflateRawSync(bytes), method: 8, crc: crc32(bytes), declaredSize: bytes.length };
}

/** A stored (uncompressed) entry. */
export function stored(name: string, content: Buffer | string): RawEntry {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  return { name, stored: bytes, method: 0, crc: crc32(bytes), declaredSize: bytes.length };
}

/** `size` zero bytes, deflated as one stream without ever holding them (about 1 KB per MB). */
export async function deflatedZeros(size: number): Promise<{ stored: Buffer; crc: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = once(deflate, "end");
  const block = Buffer.alloc(1024 * 1024);
  let crc = 0;
  for (let left = size; left > 0; left -= block.length) {
    const piece = left >= block.length ? block : block.subarray(0, left);
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await once(deflate, "drain");
  }
  deflate.end();
  await ended;
  return { stored: Buffer.concat(chunks), crc };
}

function zip64Extra(size: number): Buffer {
  const extra = Buffer.alloc(12);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(8, 2);
  extra.writeBigUInt64LE(BigInt(size), 4);
  return extra;
}

/**
 * Writes entries as a zip. `listedEntries` overrides the count the end record states (a lie); more than
 * 65,534 entries (or `zip64`) writes the ZIP64 end records, as real tools do.
 */
export function writeRawZip(entries: readonly RawEntry[], options: { listedEntries?: number; zip64?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const big = entry.declaredSize > U32 - 1;
    const extra = big ? zip64Extra(entry.declaredSize) : Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(big ? 45 : 20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.stored.length, 18);
    local.writeUInt32LE(big ? U32 : entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    locals.push(local, name, extra, entry.stored);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(big ? 45 : 20, 4);
    header.writeUInt16LE(big ? 45 : 20, 6);
    header.writeUInt16LE(0x800, 8);
    header.writeUInt16LE(entry.method, 10);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(entry.crc >>> 0, 16);
    header.writeUInt32LE(entry.stored.length, 20);
    header.writeUInt32LE(big ? U32 : entry.declaredSize, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt16LE(extra.length, 30);
    header.writeUInt32LE(offset, 42);
    central.push(header, name, extra);
    offset += 30 + name.length + extra.length + entry.stored.length;
  }
  const directory = Buffer.concat(central);
  const count = options.listedEntries ?? entries.length;
  const zip64 = options.zip64 === true || count > 0xfffe;
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(count), 24);
    record.writeBigUInt64LE(BigInt(count), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : count, 8);
  end.writeUInt16LE(zip64 ? 0xffff : count, 10);
  end.writeUInt32LE(zip64 ? U32 : directory.length, 12);
  end.writeUInt32LE(zip64 ? U32 : offset, 16);
  return Buffer.concat([...locals, directory, ...tail, end]);
}

export const SOLUTION_XML = `<?xml version="1.0" encoding="utf-8"?><ImportExportXml version="9.2" SolutionPackageVersion="9.2" languagecode="1033"><SolutionManifest><UniqueName>HostileSolution</UniqueName><LocalizedNames><LocalizedName description="Hostile" languagecode="1033" /></LocalizedNames><Version>1.0.0.0</Version><Managed>0</Managed><Publisher><UniqueName>hostile</UniqueName></Publisher><RootComponents /><MissingDependencies /></SolutionManifest></ImportExportXml>`;
const CONTENT_TYPES = `<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/octet-stream" /></Types>`;

/** The three root parts every solution zip has, with the customizations.xml given. */
export function rootParts(customizationsXml = '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" />'): RawEntry[] {
  return [deflated("solution.xml", SOLUTION_XML), deflated("customizations.xml", customizationsXml), deflated("[Content_Types].xml", CONTENT_TYPES)];
}

const MB = 1024 * 1024;

/**
 * Zips inside a zip (42.zip style): every inner zip holds one entry of 64 MB of zeros. Neither the
 * importer nor unpack ever opens an inner zip (a part is bytes), so what counts is the outer level:
 * `copies` inner zips of about 64 KB each, deflated again to a few hundred bytes.
 */
export async function nestedBomb(copies: number): Promise<Buffer> {
  const zeros = await deflatedZeros(64 * MB);
  const inner = writeRawZip([{ name: "zeros.bin", stored: zeros.stored, method: 8, crc: zeros.crc, declaredSize: 64 * MB }]);
  const entries = rootParts();
  for (let i = 0; i < copies; i++) entries.push(deflated(`PluginAssemblies/bomb${i}/bomb${i}.zip`, inner));
  return writeRawZip(entries);
}

/** `count` web resources whose FileName all name one part of `partBytes` zero bytes (7.8 KB zipped for 500 × 11 MB). */
export async function sharedPartAmplification(count: number, partBytes: number): Promise<Buffer> {
  const resources = Array.from(
    { length: count },
    (_, i) =>
      `<WebResource><WebResourceId>{00000000-0000-4000-8000-${String(i).padStart(12, "0")}}</WebResourceId><Name>hostile_/r${i}.js</Name><DisplayName>r${i}</DisplayName><WebResourceType>3</WebResourceType><FileName>/WebResources/shared</FileName></WebResource>`,
  ).join("");
  const zeros = await deflatedZeros(partBytes);
  return writeRawZip([
    ...rootParts(`<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><WebResources>${resources}</WebResources></ImportExportXml>`),
    { name: "WebResources/shared", stored: zeros.stored, method: 8, crc: zeros.crc, declaredSize: partBytes },
  ]);
}

/** `count` empty entries; `listedEntries` makes the end record state another count. */
export function manyEntries(count: number, listedEntries?: number): Buffer {
  const entries = rootParts();
  for (let i = 0; i < count; i++) entries.push(stored(`f/${i}`, ""));
  return writeRawZip(entries, { listedEntries });
}

/** A part that declares `declaredSize` bytes but inflates to `actualBytes` zero bytes. */
export async function declaredSizeLie(declaredSize: number, actualBytes: number): Promise<Buffer> {
  const zeros = await deflatedZeros(actualBytes);
  return writeRawZip([...rootParts(), { name: "WebResources/small.js", stored: zeros.stored, method: 8, crc: zeros.crc, declaredSize }]);
}

/** One entry that declares `declaredSize` bytes (ZIP64 above 4 GiB), with a few bytes of data. */
export function hugeDeclaredEntry(declaredSize: number): Buffer {
  return writeRawZip([...rootParts(), { name: "WebResources/huge.bin", stored: deflateRawSync(Buffer.alloc(1)), method: 8, crc: crc32(Buffer.alloc(1)), declaredSize }]);
}

/** A zip whose entry names escape the folder it is unpacked into. */
export function zipSlip(name: string): Buffer {
  return writeRawZip([...rootParts(), deflated(name, "written outside the folder")]);
}

/** customizations.xml with `count` roles: `count` components in one small, valid document. */
export function manyComponents(count: number): Buffer {
  const roles = Array.from({ length: count }, (_, i) => `<Role id="{00000000-0000-4000-8000-${String(i).padStart(12, "0")}}" name="r${i}"/>`).join("");
  return writeRawZip(rootParts(`<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Roles>${roles}</Roles></ImportExportXml>`));
}
