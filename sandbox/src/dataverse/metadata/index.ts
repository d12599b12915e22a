/** The metadata registry: entities by logical name and by entity set name, attributes by name. */
import { currentDynamicMetadata } from "./dynamic";
import * as sales from "./salesEntities";
import * as system from "./systemEntities";
import type { AttributeMetadata, EntityMetadata, LookupTarget } from "./types";

export type { AttributeMetadata, EntityMetadata, LookupTarget } from "./types";

export const allEntities: readonly EntityMetadata[] = [...Object.values(sales), ...Object.values(system)];

const byLogicalName = new Map(allEntities.map((e) => [e.logicalName, e]));
const bySetName = new Map(allEntities.map((e) => [e.entitySetName, e]));
const attributeIndex = new Map(
  allEntities.map((e) => [e.logicalName, new Map(e.attributes.map((a) => [a.logicalName, a]))]),
);

// Tables and columns a solution import created (./dynamic.ts) come first: an added column extends a standard table.
export function entityByLogicalName(logicalName: string): EntityMetadata | undefined {
  return currentDynamicMetadata()?.entities.get(logicalName) ?? byLogicalName.get(logicalName);
}

export function entityBySetName(setName: string): EntityMetadata | undefined {
  return currentDynamicMetadata()?.bySet.get(setName) ?? bySetName.get(setName);
}

export function attributeOf(entity: EntityMetadata, logicalName: string): AttributeMetadata | undefined {
  return currentDynamicMetadata()?.attributes.get(entity.logicalName)?.get(logicalName) ?? attributeIndex.get(entity.logicalName)?.get(logicalName);
}

/** A table as the sandbox ships it, without the columns an import added. */
export function staticEntity(logicalName: string): EntityMetadata | undefined {
  return byLogicalName.get(logicalName);
}

/** Every table of the database in scope: the static ones (with columns imports added) and the imported ones. */
export function entitiesInScope(): readonly EntityMetadata[] {
  const dynamic = currentDynamicMetadata();
  if (!dynamic) return allEntities;
  const staticNames = new Set(allEntities.map((e) => e.logicalName));
  return [...allEntities.map((e) => dynamic.entities.get(e.logicalName) ?? e), ...[...dynamic.entities.values()].filter((e) => !staticNames.has(e.logicalName))];
}

/** A single-valued navigation property of the entity (`parentaccountid`, `parentcustomerid_account`). */
export function navigationProperty(
  entity: EntityMetadata,
  name: string,
): { attribute: AttributeMetadata; target: LookupTarget } | undefined {
  for (const attribute of entity.attributes) {
    const target = attribute.targets?.find((t) => t.navigationProperty === name);
    if (target) return { attribute, target };
  }
  return undefined;
}

/** `_parentaccountid_value` → the lookup attribute, or undefined when the name is not that form. */
export function lookupValueAttribute(entity: EntityMetadata, property: string): AttributeMetadata | undefined {
  const match = /^_(.+)_value$/.exec(property);
  if (!match) return undefined;
  const attribute = attributeOf(entity, match[1]);
  return attribute?.type === "lookup" ? attribute : undefined;
}

export const lookupValueName = (attribute: AttributeMetadata): string => `_${attribute.logicalName}_value`;
