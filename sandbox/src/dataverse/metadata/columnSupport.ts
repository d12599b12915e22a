/**
 * The one question every front-end (OData query options, request bodies, FetchXML) asks before it
 * refuses a name: does the column exist in the sandbox, only in Dataverse, or nowhere? A column the
 * sandbox stores is served; one Dataverse publishes for the table but the sandbox does not store is a
 * 501 naming it (errors.ts `unmodelledColumn`); anything else gets Dataverse's own "not found" answer.
 * "Stored" is whatever the metadata registry holds for the table, so tables and columns added at run
 * time (solution import) count as stored without a change here.
 */
import { unmodelledColumn, unmodelledTable } from "../errors";
import { unstoredImportedColumn } from "./dynamic";
import { attributeOf, entityByLogicalName, type EntityMetadata } from "./index";
import { publishedColumn, publishedTable, unmodelledTableByLogicalName } from "./published";

export type ColumnSupport = "stored" | "unmodelled" | "unknown";

/** By logical names, as FetchXML and the metadata use them (`account`, `creditlimit`). */
export function columnSupport(table: EntityMetadata | string, column: string): ColumnSupport {
  const entity = typeof table === "string" ? entityByLogicalName(table) : table;
  const tableName = typeof table === "string" ? table : table.logicalName;
  if (entity && attributeOf(entity, column)) return "stored";
  // A platform column of an imported table the sandbox does not keep (owninguser …) exists too (./dynamic.ts).
  return publishedColumn(tableName, column) || unstoredImportedColumn(tableName, column) ? "unmodelled" : "unknown";
}

const LOOKUP_TYPES = new Set(["Lookup", "Customer", "Owner"]);
/** The same kinds as customizations.xml names them. */
const IMPORTED_LOOKUP_TYPES = new Set(["lookup", "customer", "owner"]);

/**
 * The published column behind a Web API property name the sandbox does not serve: the column itself
 * (`creditlimit`) or a lookup's value property (`_campaignid_value`). Undefined when the name is not a
 * published column of the table (or the sandbox stores it).
 */
export function unmodelledColumnOf(entity: EntityMetadata, property: string): string | undefined {
  if (columnSupport(entity, property) === "unmodelled") return property;
  const lookupValue = /^_(.+)_value$/.exec(property)?.[1];
  if (lookupValue && columnSupport(entity, lookupValue) === "unmodelled") {
    const column = publishedColumn(entity.logicalName, lookupValue);
    if (column && LOOKUP_TYPES.has(column.type)) return lookupValue;
    if (IMPORTED_LOOKUP_TYPES.has(unstoredImportedColumn(entity.logicalName, lookupValue)?.xmlType ?? "")) return lookupValue;
  }
  return undefined;
}

/**
 * The published lookup behind a single-valued navigation property the sandbox does not have
 * (`campaignid@odata.bind`, `$expand=campaignid`). A lookup's navigation property is the column's name,
 * or `<column>_<table>` for a customer, owner or multi-table lookup ("Web API Navigation Properties",
 * multi-table lookups); the reference pages do not list every navigation property name, so any
 * `<column>_…` of an unstored published lookup counts.
 */
export function unmodelledLookupOf(entity: EntityMetadata, navigationProperty: string): string | undefined {
  const table = publishedTable(entity.logicalName);
  if (!table) return undefined;
  for (const column of table.columns.values()) {
    if (!LOOKUP_TYPES.has(column.type) || attributeOf(entity, column.logicalName)) continue;
    if (navigationProperty === column.logicalName || navigationProperty.startsWith(`${column.logicalName}_`)) return column.logicalName;
  }
  return undefined;
}

/** For a front-end about to answer "no such column" (FetchXML): the 501 instead, when Dataverse has the column. */
export function refuseUnmodelledColumn(table: EntityMetadata, column: string): void {
  if (columnSupport(table, column) === "unmodelled") throw unmodelledColumn(table.logicalName, column);
}

/** For a front-end about to answer "no such table" (FetchXML): the 501 instead, when it is a standard Dataverse table. */
export function refuseUnmodelledTable(logicalName: string): void {
  const standard = unmodelledTableByLogicalName(logicalName);
  if (standard) throw unmodelledTable(standard.logicalName, standard.entitySetName);
}
