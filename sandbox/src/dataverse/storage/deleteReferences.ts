/**
 * What deleting a record does to the rows whose lookups point at it, for every table in scope (the
 * standard ones and those a solution import created). An imported relationship whose delete behaviour
 * is Remove Link clears the lookup, as the sandbox does for its own tables. Cascade, Restrict and the
 * other behaviours are not modelled: a delete they would act on (a referencing row exists) is a 501
 * naming the relationship, never a lookup silently cleared; with no referencing row they agree.
 * Deleting a solution that created tables or columns would uninstall them in Dataverse, which the sandbox
 * does not model: a 501 rather than a solution row gone and its tables left behind.
 */
import { notImplemented } from "../errors";
import { entitiesInScope, entityByLogicalName, type EntityMetadata } from "../metadata";
import { currentDynamicMetadata } from "../metadata/dynamic";
import type { RecordStore } from "./records";
import { quote, tableName } from "./schema";

export function releaseReferencesTo(store: RecordStore, entity: EntityMetadata, id: string): void {
  refuseUninstall(entity, id);
  for (const relationship of currentDynamicMetadata()?.relationships ?? []) {
    if (relationship.referencedEntity !== entity.logicalName || relationship.cascadeDelete === "RemoveLink") continue;
    const referencing = entityByLogicalName(relationship.referencingEntity);
    if (!referencing) continue;
    const column = relationship.referencingAttribute;
    const sql = `SELECT 1 FROM ${quote(tableName(referencing))} WHERE ${quote(column)} = ? AND ${quote(`${column}__type`)} = ? LIMIT 1`;
    if (store.prepare(sql).get(id.toLowerCase(), entity.logicalName) !== undefined) {
      throw notImplemented(
        `deleting this ${entity.logicalName}: ${relationship.referencingEntity} rows refer to it through '${relationship.schemaName}', whose delete behaviour (${relationship.cascadeDelete}) is not modelled`,
      );
    }
  }
  store.releaseReferences(entity, id, entitiesInScope());
}

function refuseUninstall(entity: EntityMetadata, id: string): void {
  if (entity.logicalName !== "solution") return;
  const dynamic = currentDynamicMetadata();
  const key = id.toLowerCase();
  const owns = [...(dynamic?.tables.values() ?? [])].some((t) => t.solutionId === key) || (dynamic?.snapshot.addedColumns ?? []).some((c) => c.solutionId === key);
  if (owns) throw notImplemented("uninstalling a solution that created tables or columns (deleting them with their data)");
}
