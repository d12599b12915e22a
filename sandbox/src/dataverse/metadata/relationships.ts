/**
 * One-to-many relationships whose collection-valued navigation property the Web API can `$expand`.
 * Dataverse names them by relationship schema name, which does not follow from the lookup, so each is
 * listed; only the ones a shipped script or control reads are modelled.
 */
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
  return relationships.find((r) => r.referencedEntity === entityLogicalName && r.name === name);
}
