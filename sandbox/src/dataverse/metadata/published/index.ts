/**
 * What Microsoft publishes about the standard tables the sandbox touches: their columns (from the
 * table reference pages, one transcribed file per table), the standard tables the sandbox does not
 * model and the messages it does not run. The sandbox's own metadata (../*.ts) says what it stores;
 * this says what exists in Dataverse, so the stand-in can tell "exists, not modelled" (501) from
 * "exists nowhere" (Dataverse's own 400 or 404).
 */
import { account } from "./account";
import { annotation } from "./annotation";
import { contact } from "./contact";
import { lead } from "./lead";
import { opportunity } from "./opportunity";
import { opportunityclose } from "./opportunityclose";
import { role } from "./role";
import { systemuser } from "./systemuser";
import { team } from "./team";
import { entityByLogicalName, entityBySetName } from "../index";
import { parsePublishedTable, type PublishedColumn, type PublishedTable } from "./format";
import { unmodelledMessages } from "./messages";
import { unmodelledStandardTables, type StandardTable } from "./standardTables";

export type { PublishedColumn, PublishedTable, PublishedType } from "./format";
export type { StandardTable } from "./standardTables";

export const publishedTables: readonly PublishedTable[] = [
  lead,
  opportunity,
  opportunityclose,
  account,
  contact,
  annotation,
  systemuser,
  team,
  role,
].map(parsePublishedTable);

const byLogicalName = new Map(publishedTables.map((t) => [t.logicalName, t]));
const standardBySetName = new Map(unmodelledStandardTables.map((t) => [t.entitySetName, t]));
const standardByLogicalName = new Map(unmodelledStandardTables.map((t) => [t.logicalName, t]));

/** The published columns of a standard table, when its reference page is transcribed here. */
export function publishedTable(logicalName: string): PublishedTable | undefined {
  return byLogicalName.get(logicalName);
}

export function publishedColumn(tableLogicalName: string, column: string): PublishedColumn | undefined {
  return byLogicalName.get(tableLogicalName)?.columns.get(column);
}

/**
 * A standard Dataverse table the sandbox does not model, by entity set name (`quotes`). The metadata
 * registry wins: once the sandbox models a table (or an import adds it), it is served, not refused.
 */
export function unmodelledTableBySetName(entitySetName: string): StandardTable | undefined {
  return entityBySetName(entitySetName) ? undefined : standardBySetName.get(entitySetName);
}

/** A standard Dataverse table the sandbox does not model, by logical name (`quote`, as FetchXML names it). */
export function unmodelledTableByLogicalName(logicalName: string): StandardTable | undefined {
  return entityByLogicalName(logicalName) ? undefined : standardByLogicalName.get(logicalName);
}

/** A Dataverse message (action or function) the sandbox does not run, by name (`CalculateRollupField`). */
export function isUnmodelledMessage(name: string): boolean {
  return unmodelledMessages.has(name);
}
