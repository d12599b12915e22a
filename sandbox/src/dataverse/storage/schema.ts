/**
 * One SQLite table per entity (`dv_<logicalname>`), one column per attribute; a lookup is two columns,
 * the id and `<name>__type` (the target's logical name). String columns compare case-insensitively, as
 * Dataverse's SQL collation does. Tables and columns are added on open, so a DB from an older build
 * keeps its data.
 */
import type { Database } from "better-sqlite3";
import { allEntities, type AttributeMetadata, type EntityMetadata } from "../metadata";

export const tableName = (entity: EntityMetadata): string => `dv_${entity.logicalName}`;
export const typeColumn = (attribute: AttributeMetadata): string => `${attribute.logicalName}__type`;
export const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

function columnType(attribute: AttributeMetadata): string {
  switch (attribute.type) {
    case "integer":
    case "bigint":
    case "picklist":
    case "state":
    case "status":
    case "boolean":
      return "INTEGER";
    case "decimal":
    case "money":
      return "REAL";
    case "datetime":
      return "TEXT";
    default:
      return "TEXT COLLATE NOCASE";
  }
}

function columnsOf(entity: EntityMetadata): [string, string][] {
  const columns: [string, string][] = [];
  for (const attribute of entity.attributes) {
    if (attribute.logicalName === entity.primaryIdAttribute) continue;
    columns.push([attribute.logicalName, columnType(attribute)]);
    if (attribute.type === "lookup") columns.push([typeColumn(attribute), "TEXT"]);
  }
  return columns;
}

/** Columns worth an index: lookups (joins, `_x_value` filters), state, the change-tracking dates, an intersect table's keys. */
function indexedColumns(entity: EntityMetadata): string[] {
  return entity.attributes
    .filter(
      (a) =>
        a.type === "lookup" ||
        a.type === "state" ||
        a.logicalName === "modifiedon" ||
        a.logicalName === "createdon" ||
        (entity.intersect === true && a.type === "uniqueidentifier" && a.logicalName !== entity.primaryIdAttribute),
    )
    .map((a) => a.logicalName);
}

export function ensureSchema(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS dv_sequence (name TEXT PRIMARY KEY, value INTEGER NOT NULL)`);
  db.prepare(`INSERT OR IGNORE INTO dv_sequence (name, value) VALUES ('versionnumber', 1000)`).run();
  for (const entity of allEntities) ensureEntityTable(db, entity);
}

/** Creates the entity's table, or adds the columns it lacks (also for tables and columns a solution import creates). */
export function ensureEntityTable(db: Database, entity: EntityMetadata): void {
  const table = tableName(entity);
  const pk = quote(entity.primaryIdAttribute);
  db.exec(`CREATE TABLE IF NOT EXISTS ${quote(table)} (${pk} TEXT COLLATE NOCASE PRIMARY KEY NOT NULL)`);
  const existing = new Set((db.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map((c) => c.name));
  for (const [name, type] of columnsOf(entity)) {
    if (!existing.has(name)) db.exec(`ALTER TABLE ${quote(table)} ADD COLUMN ${quote(name)} ${type}`);
  }
  for (const column of indexedColumns(entity)) {
    db.exec(`CREATE INDEX IF NOT EXISTS ${quote(`ix_${table}_${column}`)} ON ${quote(table)} (${quote(column)})`);
  }
}
