/**
 * `<EntityRelationships>`: the one-to-many relationships that give a lookup column its targets and the
 * navigation properties the Web API names (`<EntityRelationshipRole>` type 1 is the referencing side's
 * single-valued property, type 0 the referenced side's collection). Many-to-many relationships are
 * refused by name: the sandbox models only its own three (../../../metadata/relationships.ts).
 */
import type { Element } from "@xmldom/xmldom";
import type { CascadeDelete } from "../../../metadata/dynamic";
import { attribute, childElements, childText, firstChild } from "../../../xml";
import { importRefused } from "../../solutionPackage";

export interface ParsedRelationship {
  schemaName: string;
  referencingEntity: string;
  /** Logical name, or `owner` for the owner relationship (systemuser or team). */
  referencedEntity: string;
  referencingAttribute: string;
  referencingNavigation?: string;
  referencedNavigation?: string;
  cascadeDelete: CascadeDelete;
}

/** CrmCascadeDeleteLinkType in CustomizationsSolution.xsd. */
const CASCADES = new Set<CascadeDelete>(["Cascade", "RemoveLink", "Restrict", "NoCascade"]);

const lower = (text: string | undefined): string => (text ?? "").trim().toLowerCase();

function navigationNames(relationship: Element): { referencing?: string; referenced?: string } {
  const roles = firstChild(relationship, "EntityRelationshipRoles");
  const names: { referencing?: string; referenced?: string } = {};
  for (const role of roles ? childElements(roles, "EntityRelationshipRole") : []) {
    const name = childText(role, "NavigationPropertyName")?.trim();
    const type = childText(role, "RelationshipRoleType")?.trim();
    if (!name) continue;
    if (type === "1") names.referencing = name;
    else if (type === "0") names.referenced = name;
  }
  return names;
}

export function readRelationships(customizations: Element): ParsedRelationship[] {
  const container = firstChild(customizations, "EntityRelationships");
  return (container ? childElements(container, "EntityRelationship") : []).map((relationship) => {
    const schemaName = attribute(relationship, "Name") ?? "";
    const type = (childText(relationship, "EntityRelationshipType") ?? "").trim();
    if (type !== "OneToMany") {
      throw importRefused(`The relationship '${schemaName}' is ${type || "of no type"}; the sandbox imports one-to-many relationships only (many-to-many relationships are not modelled).`);
    }
    const cascadeDelete = (childText(relationship, "CascadeDelete") ?? "RemoveLink").trim() as CascadeDelete;
    if (!CASCADES.has(cascadeDelete)) throw importRefused(`The relationship '${schemaName}' has the delete behaviour '${cascadeDelete}', which customizations.xml does not define (Cascade, NoCascade, RemoveLink, Restrict).`);
    const navigation = navigationNames(relationship);
    const parsed: ParsedRelationship = {
      schemaName,
      referencingEntity: lower(childText(relationship, "ReferencingEntityName")),
      referencedEntity: lower(childText(relationship, "ReferencedEntityName")),
      referencingAttribute: lower(childText(relationship, "ReferencingAttributeName")),
      referencingNavigation: navigation.referencing,
      referencedNavigation: navigation.referenced,
      cascadeDelete,
    };
    if (!schemaName || !parsed.referencingEntity || !parsed.referencedEntity || !parsed.referencingAttribute) {
      throw importRefused(`The relationship '${schemaName}' needs a Name, ReferencingEntityName, ReferencedEntityName and ReferencingAttributeName.`);
    }
    return parsed;
  });
}
