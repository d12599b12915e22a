/**
 * `GET /WebResources/<name>`: a web resource's content as Dataverse serves it, by unique name (case-
 * insensitive, as on the platform), with the Content-Type of its webresourcetype. PCF control files
 * are web resources named `cc_<namespace>.<constructor>/<path>`.
 */
import { entityByLogicalName, type EntityMetadata } from "../dataverse/metadata";
import type { RecordStore } from "../dataverse/storage/records";
import { tableName } from "../dataverse/storage/schema";
import type { StaticFile } from "./staticFiles";

const contentTypes: Record<number, string> = {
  1: "text/html; charset=utf-8",
  2: "text/css; charset=utf-8",
  3: "text/javascript; charset=utf-8",
  4: "text/xml; charset=utf-8",
  5: "image/png",
  6: "image/jpeg",
  7: "image/gif",
  9: "text/xsl; charset=utf-8",
  10: "image/x-icon",
  11: "image/svg+xml",
  12: "text/xml; charset=utf-8",
};

export function webResourceContentType(webresourcetype: number): string {
  return contentTypes[webresourcetype] ?? "application/octet-stream";
}

export function findWebResource(store: RecordStore, name: string): StaticFile | null {
  const entity = entityByLogicalName("webresource") as EntityMetadata;
  const row = store
    .prepare(`SELECT webresourcetype, content FROM "${tableName(entity)}" WHERE name = ? COLLATE NOCASE LIMIT 1`)
    .get(name) as { webresourcetype: number | null; content: string | null } | undefined;
  if (!row) return null;
  return {
    contentType: webResourceContentType(Number(row.webresourcetype ?? 0)),
    body: Buffer.from(row.content ?? "", "base64"),
    cacheable: false,
  };
}
