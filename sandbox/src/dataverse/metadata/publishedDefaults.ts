/**
 * The values a create fills in for columns the request left out, as the platform does: a Boolean
 * column's DefaultValue from the table's published reference (metadata/published), for the columns
 * the sandbox stores. A column without a published default stays null, as it does in Dataverse.
 */
import type { Value } from "../storage/records";
import type { EntityMetadata } from "./types";
import { importedColumnDefault } from "./dynamic";
import { publishedColumn } from "./published";

const cache = new WeakMap<EntityMetadata, ReadonlyArray<[string, Value]>>();

export function publishedDefaults(entity: EntityMetadata): ReadonlyArray<[string, Value]> {
  let defaults = cache.get(entity);
  if (!defaults) {
    defaults = entity.attributes.flatMap((attribute): [string, Value][] => {
      // An imported yes/no column brings its own default (`<AppDefaultValue>`, ./dynamic.ts).
      const value = publishedColumn(entity.logicalName, attribute.logicalName)?.defaultValue ?? importedColumnDefault(entity.logicalName, attribute.logicalName);
      return attribute.type === "boolean" && value !== undefined ? [[attribute.logicalName, value]] : [];
    });
    cache.set(entity, defaults);
  }
  return defaults;
}

/** Fills the published defaults into a record being created, leaving every supplied value (null too) alone. */
export function applyPublishedDefaults(entity: EntityMetadata, record: Record<string, Value>): void {
  for (const [name, value] of publishedDefaults(entity)) {
    if (record[name] === undefined) record[name] = value;
  }
}
