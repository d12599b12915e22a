/**
 * Rows of many-to-many relationships (metadata/relationships.ts) in their intersect tables: what
 * Associate and Disassociate write, what `$expand` of the relationship reads, and what deleting a
 * record of either side removes with it.
 */
import { randomUUID } from "node:crypto";
import { DataverseError, ErrorCodes } from "../errors";
import { entityByLogicalName, type EntityMetadata } from "../metadata";
import { manyToManyRelationships, type manyToManyNavigation, type ManyToManyRelationship } from "../metadata/relationships";
import { fromRow, type RecordData, type RecordStore } from "./records";
import { quote, tableName } from "./schema";

type Navigation = NonNullable<ReturnType<typeof manyToManyNavigation>>;

const meta = (logicalName: string): EntityMetadata => entityByLogicalName(logicalName) as EntityMetadata;

/** Pairs the two records; a pair that already exists is refused, as Dataverse refuses a duplicate intersect row. */
export function associate(store: RecordStore, navigation: Navigation, selfId: string, otherId: string): void {
  const intersect = meta(navigation.relationship.intersectEntity);
  if (pairExists(store, navigation, selfId, otherId)) {
    throw new DataverseError(400, ErrorCodes.duplicateRecord, "Cannot insert duplicate key.");
  }
  store.insert(intersect, {
    [intersect.primaryIdAttribute]: randomUUID(),
    [navigation.self.intersectAttribute]: selfId.toLowerCase(),
    [navigation.other.intersectAttribute]: otherId.toLowerCase(),
    versionnumber: store.nextVersion(),
  });
}

/** Removes the pair; false when the two records were not associated. */
export function disassociate(store: RecordStore, navigation: Navigation, selfId: string, otherId: string): boolean {
  const intersect = meta(navigation.relationship.intersectEntity);
  const result = store
    .prepare(`DELETE FROM ${quote(tableName(intersect))} WHERE ${quote(navigation.self.intersectAttribute)} = ? AND ${quote(navigation.other.intersectAttribute)} = ?`)
    .run(selfId.toLowerCase(), otherId.toLowerCase());
  return result.changes > 0;
}

function pairExists(store: RecordStore, navigation: Navigation, selfId: string, otherId: string): boolean {
  const intersect = meta(navigation.relationship.intersectEntity);
  const sql = `SELECT 1 FROM ${quote(tableName(intersect))} WHERE ${quote(navigation.self.intersectAttribute)} = ? AND ${quote(navigation.other.intersectAttribute)} = ?`;
  return store.prepare(sql).get(selfId.toLowerCase(), otherId.toLowerCase()) !== undefined;
}

/** The records of the other side associated with this one, oldest association first. */
export function associatedRows(store: RecordStore, navigation: Navigation, selfId: string): RecordData[] {
  const intersect = meta(navigation.relationship.intersectEntity);
  const other = meta(navigation.other.entity);
  const sql = `SELECT o.* FROM ${quote(tableName(intersect))} AS i JOIN ${quote(tableName(other))} AS o ON o.${quote(other.primaryIdAttribute)} = i.${quote(
    navigation.other.intersectAttribute,
  )} WHERE i.${quote(navigation.self.intersectAttribute)} = ? ORDER BY i.versionnumber`;
  return (store.prepare(sql).all(selfId.toLowerCase()) as Record<string, unknown>[]).map((row) => fromRow(other, row));
}

/** Deleting a record ends its associations (the intersect rows go with it). */
export function removeAssociationsOf(store: RecordStore, entity: EntityMetadata, id: string): void {
  for (const relationship of manyToManyRelationships) {
    for (const side of relationship.sides) {
      if (side.entity !== entity.logicalName) continue;
      store.prepare(`DELETE FROM ${quote(tableName(meta(relationship.intersectEntity)))} WHERE ${quote(side.intersectAttribute)} = ?`).run(id.toLowerCase());
    }
  }
}

/** Intersect rows whose record is gone (e.g. a role an upgrade removed) are removed too. */
export function removeOrphanAssociations(store: RecordStore): void {
  for (const relationship of manyToManyRelationships) {
    const intersect = quote(tableName(meta(relationship.intersectEntity)));
    for (const side of relationship.sides) {
      const entity = meta(side.entity);
      store
        .prepare(`DELETE FROM ${intersect} WHERE ${quote(side.intersectAttribute)} NOT IN (SELECT ${quote(entity.primaryIdAttribute)} FROM ${quote(tableName(entity))})`)
        .run();
    }
  }
}

export type { ManyToManyRelationship };
