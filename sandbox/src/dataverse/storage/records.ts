/**
 * Row-level access to the entity tables. Values are kept in one internal shape (`RecordData`): lookups
 * as `{ logicalName, id }`, booleans as booleans, dates as ISO strings in UTC without milliseconds
 * (Dataverse stores seconds). Callers above this layer never see SQLite column details.
 */
import type { Database, Statement } from "better-sqlite3";
import { attributeOf, type AttributeMetadata, type EntityMetadata } from "../metadata";
import { quote, tableName, typeColumn } from "./schema";

export interface EntityRef {
  logicalName: string;
  id: string;
}

export type Value = string | number | boolean | null | EntityRef;
export type RecordData = Record<string, Value>;

export const isEntityRef = (value: unknown): value is EntityRef =>
  typeof value === "object" && value !== null && "logicalName" in value && "id" in value;

/** Dataverse keeps datetimes to the second. */
export const toDataverseDate = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z");

export function fromRow(entity: EntityMetadata, row: Record<string, unknown>): RecordData {
  const record: RecordData = {};
  for (const attribute of entity.attributes) {
    const raw = row[attribute.logicalName] as string | number | null | undefined;
    if (raw === undefined || raw === null) {
      record[attribute.logicalName] = null;
    } else if (attribute.type === "lookup") {
      record[attribute.logicalName] = {
        logicalName: String(row[typeColumn(attribute)] ?? attribute.targets?.[0].entity),
        id: String(raw),
      };
    } else if (attribute.type === "boolean") {
      record[attribute.logicalName] = raw === 1;
    } else {
      record[attribute.logicalName] = raw;
    }
  }
  return record;
}

function toColumns(attribute: AttributeMetadata, value: Value): [string, unknown][] {
  if (attribute.type === "lookup") {
    const ref = value as EntityRef | null;
    return [
      [attribute.logicalName, ref ? ref.id.toLowerCase() : null],
      [typeColumn(attribute), ref ? ref.logicalName : null],
    ];
  }
  if (attribute.type === "boolean") return [[attribute.logicalName, value === null ? null : value ? 1 : 0]];
  if (attribute.type === "uniqueidentifier" && typeof value === "string") return [[attribute.logicalName, value.toLowerCase()]];
  return [[attribute.logicalName, value]];
}

/** Enough for every CRUD shape and the views in use; ad-hoc queries beyond it start a fresh cache. */
const STATEMENT_CACHE_SIZE = 500;

/** Prepared statements are cached per SQL text: the same few shapes recur on every request. */
export class RecordStore {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Database) {}

  prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  get(entity: EntityMetadata, id: string): RecordData | undefined {
    const sql = `SELECT * FROM ${quote(tableName(entity))} WHERE ${quote(entity.primaryIdAttribute)} = ?`;
    const row = this.prepare(sql).get(id.toLowerCase()) as Record<string, unknown> | undefined;
    return row ? fromRow(entity, row) : undefined;
  }

  exists(entity: EntityMetadata, id: string): boolean {
    const sql = `SELECT 1 FROM ${quote(tableName(entity))} WHERE ${quote(entity.primaryIdAttribute)} = ?`;
    return this.prepare(sql).get(id.toLowerCase()) !== undefined;
  }

  /** The next row version: one counter for the whole database, as SQL Server's rowversion. */
  nextVersion(): number {
    const row = this.prepare(
      `UPDATE dv_sequence SET value = value + 1 WHERE name = 'versionnumber' RETURNING value`,
    ).get() as { value: number };
    return row.value;
  }

  insert(entity: EntityMetadata, record: RecordData): void {
    const columns: [string, unknown][] = [];
    for (const [name, value] of Object.entries(record)) {
      const attribute = attributeOf(entity, name);
      if (!attribute) throw new Error(`insert: ${entity.logicalName}.${name} is not in the metadata`);
      columns.push(...toColumns(attribute, value));
    }
    const sql = `INSERT INTO ${quote(tableName(entity))} (${columns.map(([c]) => quote(c)).join(", ")}) VALUES (${columns
      .map(() => "?")
      .join(", ")})`;
    this.prepare(sql).run(...columns.map(([, v]) => v));
  }

  update(entity: EntityMetadata, id: string, changes: RecordData): void {
    const columns: [string, unknown][] = [];
    for (const [name, value] of Object.entries(changes)) {
      const attribute = attributeOf(entity, name);
      if (!attribute) throw new Error(`update: ${entity.logicalName}.${name} is not in the metadata`);
      if (name === entity.primaryIdAttribute) continue;
      columns.push(...toColumns(attribute, value));
    }
    if (columns.length === 0) return;
    const sql = `UPDATE ${quote(tableName(entity))} SET ${columns.map(([c]) => `${quote(c)} = ?`).join(", ")} WHERE ${quote(
      entity.primaryIdAttribute,
    )} = ?`;
    this.prepare(sql).run(...columns.map(([, v]) => v), id.toLowerCase());
  }

  delete(entity: EntityMetadata, id: string): void {
    const sql = `DELETE FROM ${quote(tableName(entity))} WHERE ${quote(entity.primaryIdAttribute)} = ?`;
    this.prepare(sql).run(id.toLowerCase());
  }

  /** The primary name of a record, for lookup FormattedValue annotations. */
  primaryName(entity: EntityMetadata, id: string): string | null {
    const sql = `SELECT ${quote(entity.primaryNameAttribute)} AS name FROM ${quote(tableName(entity))} WHERE ${quote(
      entity.primaryIdAttribute,
    )} = ?`;
    const row = this.prepare(sql).get(id.toLowerCase()) as { name: unknown } | undefined;
    return row && row.name !== null ? String(row.name) : null;
  }

  /**
   * What deleting a record does to the rows that point at it: notes (`annotation.objectid`) are deleted
   * with their record, as the parental relationship cascades; every other lookup to it is cleared.
   */
  releaseReferences(entity: EntityMetadata, id: string, all: readonly EntityMetadata[]): void {
    const key = id.toLowerCase();
    for (const other of all) {
      for (const attribute of other.attributes) {
        if (attribute.type !== "lookup" || !attribute.targets?.some((t) => t.entity === entity.logicalName)) continue;
        const table = quote(tableName(other));
        const where = `${quote(attribute.logicalName)} = ? AND ${quote(typeColumn(attribute))} = ?`;
        if (other.logicalName === "annotation" && attribute.logicalName === "objectid") {
          this.prepare(`DELETE FROM ${table} WHERE ${where}`).run(key, entity.logicalName);
        } else {
          this.prepare(`UPDATE ${table} SET ${quote(attribute.logicalName)} = NULL, ${quote(typeColumn(attribute))} = NULL WHERE ${where}`).run(
            key,
            entity.logicalName,
          );
        }
      }
    }
  }
}
