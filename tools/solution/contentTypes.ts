/**
 * `[Content_Types].xml`, the Open Packaging part list Dataverse requires in every solution zip. Written
 * as Dataverse exports it: one Default per file extension present (the first one `xml`), and an
 * Override for each part whose name has no extension (exported web resource files) or that is a PCF
 * control manifest, all typed application/octet-stream; UTF-8 with BOM on a single line.
 */
const PART_TYPE = "application/octet-stream";

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}

function extensionOf(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : undefined;
}

/** @param parts zip entry paths in zip order; @param manifests control manifest paths (get an Override). */
export function contentTypesXml(parts: readonly string[], manifests: readonly string[]): Buffer {
  const extensions = ["xml"];
  const overrides: string[] = [];
  const manifestSet = new Set(manifests.map((path) => path.replace(/^\//, "")));
  for (const part of parts) {
    const extension = extensionOf(part);
    if (extension === undefined || manifestSet.has(part)) overrides.push(part);
    if (extension !== undefined && !extensions.includes(extension)) extensions.push(extension);
  }
  const defaults = extensions.map((ext) => `<Default Extension="${escapeAttribute(ext)}" ContentType="${PART_TYPE}" />`);
  const overrideXml = overrides.map((part) => `<Override PartName="/${escapeAttribute(part)}" ContentType="${PART_TYPE}" />`);
  const xml =
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    defaults.join("") +
    overrideXml.join("") +
    "</Types>";
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, "utf8")]);
}

export const CONTENT_TYPES_PART = "[Content_Types].xml";
