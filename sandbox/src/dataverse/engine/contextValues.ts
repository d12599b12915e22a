/** Records as the SDK types them in an execution context: OptionSetValue, Money, EntityReference, DateTime. */
import type { EntityMetadata } from "../metadata";
import { entityByLogicalName } from "../metadata";
import { isEntityRef, type RecordData, type RecordStore } from "../storage/records";
import type { ContextValue } from "./scope";

export function toContextEntity(
  store: RecordStore,
  entity: EntityMetadata,
  id: string,
  record: RecordData,
  only?: Iterable<string>,
): ContextValue {
  const names = only ? new Set(only) : undefined;
  const attributes: Record<string, ContextValue> = {};
  for (const attribute of entity.attributes) {
    if (names && !names.has(attribute.logicalName)) continue;
    const value = record[attribute.logicalName];
    if (value === undefined || value === null) continue;
    switch (attribute.type) {
      case "picklist":
      case "state":
      case "status":
        attributes[attribute.logicalName] = { type: "OptionSetValue", value: value as number };
        break;
      case "money":
        attributes[attribute.logicalName] = { type: "Money", value: value as number };
        break;
      case "datetime":
        attributes[attribute.logicalName] = new Date(value as string);
        break;
      case "lookup":
        if (isEntityRef(value)) {
          const target = entityByLogicalName(value.logicalName);
          attributes[attribute.logicalName] = {
            type: "EntityReference",
            logicalName: value.logicalName,
            id: value.id,
            name: target ? store.primaryName(target, value.id) : null,
          };
        }
        break;
      default:
        attributes[attribute.logicalName] = value as ContextValue;
    }
  }
  return { type: "Entity", logicalName: entity.logicalName, id, attributes };
}

export const reference = (logicalName: string, id: string, name?: string | null): ContextValue => ({
  type: "EntityReference",
  logicalName,
  id,
  name,
});
