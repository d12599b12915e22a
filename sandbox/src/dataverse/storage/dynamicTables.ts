/**
 * Where the tables and columns a solution import creates live: their definitions in `dvmeta_*` tables of
 * the same SQLite database (so they survive a restart, and are written in the import's transaction: a
 * refused import leaves neither a table nor a definition), their rows in `dv_<logicalname>` like any
 * other table. `withDynamicTables` is the one entry point the server uses: it runs a request against the
 * definitions of its database (../metadata/dynamic.ts).
 */
import { runWithDynamicMetadata } from "../metadata/dynamicScope";
import type { Database } from "better-sqlite3";
import { staticEntity, type EntityMetadata } from "../metadata";
import {
  DynamicMetadata,
  type AddedColumnDefinition,
  type CustomTableDefinition,
  type DynamicMetadataHolder,
  type DynamicMetadataSnapshot,
  type GlobalOptionSetDefinition,
  type RelationshipDefinition,
} from "../metadata/dynamic";
import { ensureEntityTable } from "./schema";

/** `dvmeta_`, not `dv_`: no table a solution can name collides with them. */
export function ensureDynamicSchema(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS dvmeta_tables (logicalname TEXT PRIMARY KEY NOT NULL, solutionid TEXT NOT NULL, definition TEXT NOT NULL)`);
  db.exec(
    `CREATE TABLE IF NOT EXISTS dvmeta_columns (entity TEXT NOT NULL, logicalname TEXT NOT NULL, solutionid TEXT NOT NULL, definition TEXT NOT NULL, PRIMARY KEY (entity, logicalname))`,
  );
  db.exec(`CREATE TABLE IF NOT EXISTS dvmeta_relationships (schemaname TEXT PRIMARY KEY NOT NULL, solutionid TEXT NOT NULL, definition TEXT NOT NULL)`);
  db.exec(`CREATE TABLE IF NOT EXISTS dvmeta_optionsets (name TEXT PRIMARY KEY NOT NULL, solutionid TEXT NOT NULL, definition TEXT NOT NULL)`);
}

function readSnapshot(db: Database): DynamicMetadataSnapshot {
  ensureDynamicSchema(db);
  const definitions = <T>(table: string): T[] =>
    (db.prepare(`SELECT definition FROM ${table} ORDER BY rowid`).all() as { definition: string }[]).map((row) => JSON.parse(row.definition) as T);
  return {
    tables: definitions<CustomTableDefinition>("dvmeta_tables"),
    addedColumns: definitions<AddedColumnDefinition>("dvmeta_columns"),
    relationships: definitions<RelationshipDefinition>("dvmeta_relationships"),
    optionSets: definitions<GlobalOptionSetDefinition>("dvmeta_optionsets"),
  };
}

const holders = new WeakMap<Database, DynamicMetadataHolder>();

function holderOf(db: Database): DynamicMetadataHolder {
  let holder = holders.get(db);
  if (!holder) {
    holder = { current: new DynamicMetadata(readSnapshot(db), staticEntity) };
    holders.set(db, holder);
  }
  return holder;
}

/** Runs `work` (a request, an import, a resumed system job) with the imported tables of `db` in scope. */
export function withDynamicTables<T>(db: Database, work: () => T): T {
  return runWithDynamicMetadata(holderOf(db), work);
}

/**
 * Rebuilds the in-memory definitions from the database as the connection now sees it: inside an import's
 * transaction (its tables become usable by the rest of the import), and after a commit or a rollback.
 */
export function reloadDynamicTables(db: Database): DynamicMetadata {
  const holder = holderOf(db);
  holder.current = new DynamicMetadata(readSnapshot(db), staticEntity);
  return holder.current;
}

export function dynamicTablesOf(db: Database): DynamicMetadata {
  return holderOf(db).current;
}

/** Creates (or extends) a custom table's SQLite table and keeps its definition. */
export function saveCustomTable(db: Database, table: CustomTableDefinition): void {
  ensureEntityTable(db, table.entity);
  db.prepare(`INSERT INTO dvmeta_tables (logicalname, solutionid, definition) VALUES (?, ?, ?) ON CONFLICT (logicalname) DO UPDATE SET definition = excluded.definition`).run(
    table.entity.logicalName,
    table.solutionId,
    JSON.stringify(table),
  );
}

/** Adds a column to a table the solution did not create, and keeps its definition. */
export function saveAddedColumn(db: Database, column: AddedColumnDefinition, entity: EntityMetadata): void {
  ensureEntityTable(db, { ...entity, attributes: [...entity.attributes.filter((a) => a.logicalName !== column.attribute.logicalName), column.attribute] });
  db.prepare(
    `INSERT INTO dvmeta_columns (entity, logicalname, solutionid, definition) VALUES (?, ?, ?, ?) ON CONFLICT (entity, logicalname) DO UPDATE SET definition = excluded.definition`,
  ).run(column.entity, column.attribute.logicalName, column.solutionId, JSON.stringify(column));
}

export function saveRelationship(db: Database, relationship: RelationshipDefinition): void {
  db.prepare(`INSERT INTO dvmeta_relationships (schemaname, solutionid, definition) VALUES (?, ?, ?) ON CONFLICT (schemaname) DO UPDATE SET definition = excluded.definition`).run(
    relationship.schemaName,
    relationship.solutionId,
    JSON.stringify(relationship),
  );
}

export function saveGlobalOptionSet(db: Database, optionSet: GlobalOptionSetDefinition): void {
  db.prepare(`INSERT INTO dvmeta_optionsets (name, solutionid, definition) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET definition = excluded.definition`).run(
    optionSet.name,
    optionSet.solutionId,
    JSON.stringify(optionSet),
  );
}
