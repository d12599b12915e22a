/** The metadata registry: entities by logical name and by entity set name, attributes by name. */
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

export function entityByLogicalName(logicalName: string): EntityMetadata | undefined {
  return byLogicalName.get(logicalName);
}

export function entityBySetName(setName: string): EntityMetadata | undefined {
  return bySetName.get(setName);
}

export function attributeOf(entity: EntityMetadata, logicalName: string): AttributeMetadata | undefined {
  return attributeIndex.get(entity.logicalName)?.get(logicalName);
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
