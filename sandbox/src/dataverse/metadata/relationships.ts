/**
 * One-to-many relationships whose collection-valued navigation property the Web API can `$expand`.
 * Dataverse names them by relationship schema name, which does not follow from the lookup, so each is
 * listed; only the ones a shipped script or control reads are modelled.
 */
import { currentDynamicMetadata } from "./dynamic";

export interface OneToManyRelationship {
  /** The relationship's schema name, which is also the navigation property on the referenced entity. */
  name: string;
  referencedEntity: string;
  referencingEntity: string;
  /** The lookup on the referencing entity. */
  referencingAttribute: string;
}

const relationships: readonly OneToManyRelationship[] = [
  {
    name: "environmentvariabledefinition_environmentvariablevalue",
    referencedEntity: "environmentvariabledefinition",
    referencingEntity: "environmentvariablevalue",
    referencingAttribute: "environmentvariabledefinitionid",
  },
];

export function oneToManyNavigation(entityLogicalName: string, name: string): OneToManyRelationship | undefined {
  const modelled = relationships.find((r) => r.referencedEntity === entityLogicalName && r.name === name);
  if (modelled) return modelled;
  // An imported relationship (./dynamic.ts) names its collection-valued navigation property itself.
  const imported = currentDynamicMetadata()?.relationships.find((r) => r.referencedEntity === entityLogicalName && r.referencedNavigation === name);
  return imported && { name, referencedEntity: imported.referencedEntity, referencingEntity: imported.referencingEntity, referencingAttribute: imported.referencingAttribute };
}

/**
 * A many-to-many relationship: rows of the intersect table pair a record of each side. Its schema name
 * is the collection-valued navigation property on both sides (`systemusers(<id>)/systemuserroles_association`).
 */
export interface ManyToManyRelationship {
  name: string;
  intersectEntity: string;
  /** Each side: the table and the intersect table's column holding that table's key. */
  sides: readonly [{ entity: string; intersectAttribute: string }, { entity: string; intersectAttribute: string }];
}

/** The relationships that grant security roles: a user's own roles, team membership and a team's roles. */
export const manyToManyRelationships: readonly ManyToManyRelationship[] = [
  {
    name: "systemuserroles_association",
    intersectEntity: "systemuserroles",
    sides: [
      { entity: "systemuser", intersectAttribute: "systemuserid" },
      { entity: "role", intersectAttribute: "roleid" },
    ],
  },
  {
    name: "teammembership_association",
    intersectEntity: "teammembership",
    sides: [
      { entity: "team", intersectAttribute: "teamid" },
      { entity: "systemuser", intersectAttribute: "systemuserid" },
    ],
  },
  {
    name: "teamroles_association",
    intersectEntity: "teamroles",
    sides: [
      { entity: "team", intersectAttribute: "teamid" },
      { entity: "role", intersectAttribute: "roleid" },
    ],
  },
];

/** The relationship behind `<entity>(<id>)/<name>`, seen from that entity: its side and the other one. */
export function manyToManyNavigation(
  entityLogicalName: string,
  name: string,
): { relationship: ManyToManyRelationship; self: ManyToManyRelationship["sides"][number]; other: ManyToManyRelationship["sides"][number] } | undefined {
  const relationship = manyToManyRelationships.find((r) => r.name === name && r.sides.some((s) => s.entity === entityLogicalName));
  if (!relationship) return undefined;
  const [first, second] = relationship.sides;
  return first.entity === entityLogicalName ? { relationship, self: first, other: second } : { relationship, self: second, other: first };
}