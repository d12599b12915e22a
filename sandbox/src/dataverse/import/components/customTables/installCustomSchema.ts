/**
 * Writes what readCustomSchema read, inside the import's transaction: the tables (SQLite table and
 * definition), added columns (ALTER TABLE), global choices, relationships, the SDK message filters a
 * webhook step on a new table registers against, and the new tables' privileges on the System
 * Administrator role. A re-import or a newer version of the same solution adds what is new and keeps the
 * rest (tables, columns and their data are never dropped); changing a column's type, or taking over a
 * table or choice another solution created, is refused by name.
 */
import { runWithDynamicMetadata } from "../../../metadata/dynamicScope";
import type { Database } from "better-sqlite3";
import type { Engine } from "../../../engine/engine";
import { staticEntity, entityByLogicalName, type EntityMetadata } from "../../../metadata";
import {
  DynamicMetadata,
  type CustomTableDefinition,
  type DynamicMetadataSnapshot,
} from "../../../metadata/dynamic";
import type { AttributeMetadata } from "../../../metadata/types";
import { tablePrivilegesOf } from "../../../security/privileges";
import { SystemAdministratorRoleId } from "../../../security/roles";
import {
  dynamicTablesOf,
  ensureDynamicSchema,
  reloadDynamicTables,
  saveAddedColumn,
  saveCustomTable,
  saveGlobalOptionSet,
  saveRelationship,
} from "../../../storage/dynamicTables";
import { sdkMessageFilterId, SdkMessageIds } from "../../../storage/seed";
import { importRefused } from "../../solutionPackage";
import type { CustomSchema } from "./readCustomSchema";

export interface InstallingSolution {
  id: string;
  uniqueName: string;
  managed: boolean;
}

/** Messages every table has a filter for, so a webhook step can be registered on a new table. */
const TABLE_MESSAGES = ["Create", "Update", "Delete", "SetState"];

function snapshotWith(installed: DynamicMetadataSnapshot, schema: CustomSchema, solution: InstallingSolution): DynamicMetadataSnapshot {
  const own = { solutionId: solution.id };
  const names = new Set(schema.tables.map((t) => t.entity.logicalName));
  return {
    tables: [...installed.tables.filter((t) => !names.has(t.entity.logicalName)), ...schema.tables.map((t) => ({ ...t, ...own, isManaged: solution.managed }))],
    addedColumns: [
      ...installed.addedColumns.filter((c) => !schema.addedColumns.some((a) => a.entity === c.entity && a.attribute.logicalName === c.attribute.logicalName)),
      ...schema.addedColumns.map((c) => ({ ...c, ...own })),
    ],
    relationships: [...installed.relationships.filter((r) => !schema.relationships.some((s) => s.schemaName === r.schemaName)), ...schema.relationships.map((r) => ({ ...r, ...own }))],
    optionSets: [...installed.optionSets.filter((o) => !schema.optionSets.some((s) => s.name === o.name)), ...schema.optionSets.map((o) => ({ ...o, ...own }))],
  };
}

/**
 * Runs `work` (reading the package's other components) as if the package's tables existed, so forms,
 * views, apps and webhook steps on them are read like those of any table. Nothing is written.
 */
export function withSchemaPreview<T>(db: Database, schema: CustomSchema, work: () => T): T {
  const preview = new DynamicMetadata(snapshotWith(dynamicTablesOf(db).snapshot, schema, { id: "", uniqueName: "", managed: false }), staticEntity);
  return runWithDynamicMetadata({ current: preview }, work);
}

function refuseTypeChanges(table: string, before: readonly AttributeMetadata[], after: readonly AttributeMetadata[]): void {
  for (const attribute of after) {
    const previous = before.find((a) => a.logicalName === attribute.logicalName);
    if (previous && previous.type !== attribute.type) {
      throw importRefused(`The column '${table}.${attribute.logicalName}' is a ${previous.type} column; the solution makes it ${attribute.type}, and a column's type cannot be changed.`);
    }
  }
}

/** The new version's table, keeping the columns (and their data) an earlier version created. */
function merged(table: CustomTableDefinition, previous: CustomTableDefinition | undefined): CustomTableDefinition {
  if (!previous) return table;
  refuseTypeChanges(table.entity.logicalName, previous.entity.attributes, table.entity.attributes);
  const names = new Set(table.entity.attributes.map((a) => a.logicalName));
  const columnNames = new Set(table.columns.map((c) => c.logicalName));
  return {
    ...table,
    entity: { ...table.entity, attributes: [...table.entity.attributes, ...previous.entity.attributes.filter((a) => !names.has(a.logicalName))] },
    columns: [...table.columns, ...previous.columns.filter((c) => !columnNames.has(c.logicalName))],
  };
}

function addMessageFilters(engine: Engine, userId: string, table: string): void {
  const filters = entityByLogicalName("sdkmessagefilter") as EntityMetadata;
  const now = engine.now();
  const user = { logicalName: "systemuser", id: userId };
  for (const message of TABLE_MESSAGES) {
    const id = sdkMessageFilterId(message, table);
    if (engine.store.exists(filters, id)) continue;
    engine.store.insert(filters, {
      sdkmessagefilterid: id,
      sdkmessageid: { logicalName: "sdkmessage", id: SdkMessageIds[message] },
      primaryobjecttypecode: table,
      secondaryobjecttypecode: "none",
      createdon: now,
      modifiedon: now,
      createdby: user,
      modifiedby: user,
      versionnumber: engine.store.nextVersion(),
    });
  }
}

/** Dataverse adds a new table's privileges to the System Administrator role; the sandbox writes them into its privilegesxml. */
function grantToSystemAdministrator(engine: Engine, tables: readonly string[]): void {
  const roles = entityByLogicalName("role") as EntityMetadata;
  const role = engine.store.get(roles, SystemAdministratorRoleId);
  if (!role) return;
  let xml = String(role.privilegesxml ?? "<RolePrivileges></RolePrivileges>");
  for (const table of tables) {
    const privileges = tablePrivilegesOf(table);
    for (const access of privileges?.accesses ?? []) {
      const name = `prv${access}${privileges?.name ?? ""}`;
      if (!xml.includes(`name="${name}"`)) xml = xml.replace("</RolePrivileges>", `<RolePrivilege name="${name}" level="Global"/></RolePrivileges>`);
    }
  }
  if (xml !== role.privilegesxml) engine.store.update(roles, SystemAdministratorRoleId, { privilegesxml: xml, modifiedon: engine.now(), versionnumber: engine.store.nextVersion() });
}

export function installCustomSchema(engine: Engine, userId: string, schema: CustomSchema, solution: InstallingSolution): void {
  const db = engine.store.db;
  ensureDynamicSchema(db);
  const installed = dynamicTablesOf(db);
  for (const optionSet of schema.optionSets) {
    const owner = installed.optionSets.get(optionSet.name)?.solutionId;
    if (owner && owner !== solution.id) throw importRefused(`The global choice '${optionSet.name}' was created by another solution; the sandbox does not layer solutions over one another's components.`);
    saveGlobalOptionSet(db, { ...optionSet, solutionId: solution.id });
  }
  for (const table of schema.tables) {
    const previous = installed.tables.get(table.entity.logicalName);
    if (previous && previous.solutionId !== solution.id) {
      throw importRefused(`The table '${table.entity.logicalName}' was created by another solution; the sandbox does not layer solutions over one another's tables.`);
    }
    saveCustomTable(db, merged({ ...table, solutionId: solution.id, isManaged: solution.managed }, previous));
  }
  for (const column of schema.addedColumns) {
    const previous = installed.addedColumnsOf(column.entity).find((c) => c.attribute.logicalName === column.attribute.logicalName);
    if (previous && previous.solutionId !== solution.id) {
      throw importRefused(`The column '${column.entity}.${column.attribute.logicalName}' was created by another solution; the sandbox does not layer solutions over one another's columns.`);
    }
    if (previous) refuseTypeChanges(column.entity, [previous.attribute], [column.attribute]);
    const base = installed.tables.get(column.entity)?.entity ?? staticEntity(column.entity);
    if (!base) throw importRefused(`The table '${column.entity}' does not exist in this environment.`);
    saveAddedColumn(db, { ...column, solutionId: solution.id }, base);
  }
  for (const relationship of schema.relationships) saveRelationship(db, { ...relationship, solutionId: solution.id });
  const current = reloadDynamicTables(db);
  // The new tables' privileges and message filters are looked up in the definitions just written.
  runWithDynamicMetadata({ current }, () => {
    const created = schema.tables.map((t) => t.entity.logicalName);
    for (const table of created) addMessageFilters(engine, userId, table);
    grantToSystemAdministrator(engine, created);
  });
}
