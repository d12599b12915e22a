/**
 * What a solution's customizations.xml adds to the data model: tables (`<Entity>` whose
 * `<EntityInfo><entity>` has a primary key and is not a table the environment has), columns added to
 * existing tables, global choices and one-to-many relationships. Read before the import's transaction;
 * everything the sandbox does not model is refused here, by name, before anything is written.
 */
import type { Element } from "@xmldom/xmldom";
import { entityByLogicalName, entityBySetName, type EntityMetadata } from "../../../metadata";
import { activeInactive, audit, primaryKey } from "../../../metadata/builders";
import { currentDynamicMetadata, type ColumnDetails, type CustomTableDefinition, type GlobalOptionSetDefinition, type RelationshipDefinition } from "../../../metadata/dynamic";
import type { AttributeMetadata, LookupTarget, OptionMetadata, Ownership } from "../../../metadata/types";
import { deterministicId } from "../../../storage/deterministicId";
import { attribute, childElements, childText, firstChild } from "../../../xml";
import { importRefused } from "../../solutionPackage";
import { checkLogicalName, ENGINE_COLUMNS, readAttribute, type AttributeContext } from "./attributes";
import { localizedLabels } from "./labels";
import { readGlobalOptionSets } from "./options";
import { readRelationships, type ParsedRelationship } from "./relationships";
import { defaultCollectionName } from "./collectionName";

type Unowned<T> = Omit<T, "solutionId" | "isManaged">;

export interface AddedColumn {
  entity: string;
  attribute: AttributeMetadata;
  details: ColumnDetails;
}

export interface CustomSchema {
  tables: Unowned<CustomTableDefinition>[];
  addedColumns: AddedColumn[];
  relationships: Unowned<RelationshipDefinition>[];
  optionSets: Unowned<GlobalOptionSetDefinition>[];
}

const OWNERSHIP: Record<string, Ownership> = { UserOwned: "user", OrganizationOwned: "organization" };

/** An imported table is one this package creates (or created in an earlier version); a static table only takes columns. */
const isStaticOrForeign = (logicalName: string): boolean => entityByLogicalName(logicalName) !== undefined && !currentDynamicMetadata()?.tables.has(logicalName);

function entityInfo(entityElement: Element): Element | undefined {
  const info = firstChild(entityElement, "EntityInfo");
  return info ? firstChild(info, "entity") : undefined;
}

function attributeElements(info: Element): Element[] {
  const list = firstChild(info, "attributes");
  return list ? childElements(list, "attribute") : [];
}

const primaryKeyOf = (info: Element): Element | undefined => attributeElements(info).find((a) => (childText(a, "Type") ?? "").trim().toLowerCase() === "primarykey");

class SchemaReader {
  private readonly relationships: ParsedRelationship[];
  private readonly optionSets: Unowned<GlobalOptionSetDefinition>[];
  /** Tables this package creates, by logical name. */
  readonly createdTables = new Set<string>();

  constructor(private readonly customizations: Element) {
    this.relationships = readRelationships(customizations);
    this.optionSets = readGlobalOptionSets(customizations);
  }

  read(): CustomSchema {
    const entities = childElements(firstChild(this.customizations, "Entities") ?? this.customizations, "Entity");
    for (const entityElement of entities) {
      const info = entityInfo(entityElement);
      const name = (info ? attribute(info, "Name") : undefined)?.trim().toLowerCase();
      if (info && name && primaryKeyOf(info) && !isStaticOrForeign(name)) this.createdTables.add(name);
    }
    const schema: CustomSchema = { tables: [], addedColumns: [], relationships: [], optionSets: this.optionSets };
    for (const entityElement of entities) {
      const info = entityInfo(entityElement);
      if (!info) continue;
      const name = (attribute(info, "Name") ?? "").trim().toLowerCase();
      if (this.createdTables.has(name)) schema.tables.push(this.table(info, entityElement));
      else if (entityByLogicalName(name)) schema.addedColumns.push(...this.addedColumns(name, info));
      // A table neither here nor in the environment is refused by the entity components (forms, views).
    }
    this.checkEntitySets(schema.tables);
    schema.relationships = this.storedRelationships(schema);
    return schema;
  }

  private context(table: string): AttributeContext {
    return {
      table,
      lookupTargets: (attributeName, xmlType) => this.lookupTargets(table, attributeName, xmlType),
      globalOptions: (name) => this.globalOptions(name),
    };
  }

  private globalOptions(name: string): OptionMetadata[] | undefined {
    return this.optionSets.find((o) => o.name === name)?.options ?? currentDynamicMetadata()?.optionSets.get(name)?.options;
  }

  private lookupTargets(table: string, attributeName: string, xmlType: string): LookupTarget[] {
    const targets: LookupTarget[] = [];
    for (const relationship of this.relationships) {
      if (relationship.referencingEntity !== table || relationship.referencingAttribute !== attributeName) continue;
      const referenced = relationship.referencedEntity === "owner" ? ["systemuser", "team"] : [relationship.referencedEntity];
      for (const entity of referenced) {
        if (!this.createdTables.has(entity) && !entityByLogicalName(entity)) {
          throw importRefused(`The lookup '${table}.${attributeName}' (relationship '${relationship.schemaName}') points to the table '${entity}', which the sandbox does not have.`);
        }
        targets.push({ entity, navigationProperty: relationship.referencingNavigation ?? attributeName });
      }
    }
    if (targets.length === 0) {
      const installed = entityByLogicalName(table) && currentDynamicMetadata()?.attributes.get(table)?.get(attributeName)?.targets;
      if (installed) return installed;
      throw importRefused(`The ${xmlType} column '${table}.${attributeName}' has no relationship in customizations.xml naming the table it points to.`);
    }
    return targets;
  }

  private table(info: Element, entityElement: Element): Unowned<CustomTableDefinition> {
    const schemaName = (attribute(info, "Name") ?? "").trim();
    const logicalName = schemaName.toLowerCase();
    checkLogicalName(logicalName, "A table in customizations.xml");
    const refuse = (what: string): never => {
      throw importRefused(`The table '${logicalName}' is ${what}, which the sandbox does not import.`);
    };
    const ownershipMask = (childText(info, "OwnershipTypeMask") ?? "").trim();
    const ownership = OWNERSHIP[ownershipMask] ?? refuse(`owned as '${ownershipMask || "unspecified"}' (only UserOwned and OrganizationOwned tables are modelled)`);
    if ((childText(info, "IsActivity") ?? "0").trim() === "1") refuse("an activity table");
    if ((childText(info, "IsBPFEntity") ?? "0").trim() === "1") refuse("a business process flow table");
    if (firstChild(info, "DataProviderId") || firstChild(info, "DataSourceId")) refuse("a virtual table");
    const stored: AttributeMetadata[] = [];
    const columns: ColumnDetails[] = [];
    let primaryId: string | undefined;
    let primaryName: string | undefined;
    for (const element of attributeElements(info)) {
      const xmlType = (childText(element, "Type") ?? "").trim().toLowerCase();
      const name = (childText(element, "LogicalName") ?? "").trim().toLowerCase();
      if (xmlType === "primarykey") {
        checkLogicalName(name, `The primary key of '${logicalName}'`);
        primaryId = name;
        columns.push(this.details(logicalName, element, name));
        continue;
      }
      if (ENGINE_COLUMNS.has(name)) {
        columns.push(this.details(logicalName, element, name));
        continue;
      }
      const read = readAttribute(this.context(logicalName), element);
      columns.push(read.details);
      if (read.stored) stored.push(read.stored);
      if ((childText(element, "DisplayMask") ?? "").split("|").includes("PrimaryName")) primaryName = name;
    }
    if (!primaryId) refuse("without a primary key column");
    if (!primaryName) refuse("without a primary name column (DisplayMask PrimaryName)");
    const hasState = stored.some((a) => a.logicalName === "statecode");
    const entity: EntityMetadata = {
      logicalName,
      entitySetName: (childText(info, "EntitySetName") ?? "").trim() || defaultCollectionName(logicalName),
      primaryIdAttribute: primaryId as string,
      primaryNameAttribute: primaryName as string,
      ownership,
      attributes: [
        primaryKey(primaryId as string),
        ...stored,
        // Dataverse gives every custom table statecode/statuscode (Active/Inactive) and the audit columns.
        ...(hasState ? [] : activeInactive()),
        ...audit(ownership),
      ],
    };
    checkLogicalName(entity.entitySetName, `The entity set of '${logicalName}'`);
    for (const name of ["versionnumber"]) columns.push({ logicalName: name, schemaName: "VersionNumber", xmlType: "bigint", displayName: [], isCustomAttribute: false, metadataId: deterministicId(`attribute:${logicalName}:${name}`) });
    const nameElement = firstChild(entityElement, "Name");
    const localizedName = nameElement ? attribute(nameElement, "LocalizedName") : undefined;
    const displayName = localizedLabels(info, "LocalizedNames", "LocalizedName");
    return {
      entity,
      schemaName,
      logicalCollectionName: defaultCollectionName(logicalName),
      displayName: displayName.length > 0 || !localizedName ? displayName : [{ languageCode: 1033, label: localizedName }],
      displayCollectionName: localizedLabels(info, "LocalizedCollectionNames", "LocalizedCollectionName"),
      description: localizedLabels(info, "Descriptions", "Description"),
      metadataId: deterministicId(`entity:${logicalName}`),
      privilegeName: schemaName,
      columns,
    };
  }

  private details(table: string, element: Element, logicalName: string): ColumnDetails {
    return {
      logicalName,
      schemaName: attribute(element, "PhysicalName") ?? logicalName,
      xmlType: (childText(element, "Type") ?? "").trim().toLowerCase(),
      displayName: localizedLabels(element, "displaynames", "displayname"),
      isCustomAttribute: false,
      metadataId: deterministicId(`attribute:${table}:${logicalName}`),
    };
  }

  /** Columns a solution adds to a table it does not create; a standard column it only relabels is left as it is. */
  private addedColumns(table: string, info: Element): AddedColumn[] {
    const entity = entityByLogicalName(table) as EntityMetadata;
    const added = currentDynamicMetadata()?.addedColumnsOf(table) ?? [];
    return attributeElements(info).flatMap((element) => {
      const name = (childText(element, "LogicalName") ?? childText(element, "Name") ?? "").trim().toLowerCase();
      const isCustom = (childText(element, "IsCustomField") ?? "0").trim() === "1";
      const existing = entity.attributes.find((a) => a.logicalName === name);
      if (existing && !added.some((c) => c.attribute.logicalName === name)) return [];
      if (!isCustom) throw importRefused(`The solution includes the standard column '${table}.${name}', which the sandbox does not model.`);
      const read = readAttribute(this.context(table), element);
      if (!read.stored) throw importRefused(`The column '${table}.${name}' is computed by the platform, which the sandbox does not model.`);
      return [{ entity: table, attribute: read.stored, details: read.details }];
    });
  }

  private checkEntitySets(tables: Unowned<CustomTableDefinition>[]): void {
    const seen = new Map<string, string>();
    for (const table of tables) {
      const set = table.entity.entitySetName;
      const taken = entityBySetName(set);
      if ((taken && taken.logicalName !== table.entity.logicalName) || (seen.has(set) && seen.get(set) !== table.entity.logicalName) || set === "EntityDefinitions") {
        throw importRefused(`The table '${table.entity.logicalName}' has the entity set name '${set}', which another table already uses.`);
      }
      seen.set(set, table.entity.logicalName);
    }
  }

  /** Relationships of the lookups the sandbox stores (the ones of unstored platform columns, like owningbusinessunit, are not kept). */
  private storedRelationships(schema: CustomSchema): Unowned<RelationshipDefinition>[] {
    const storedLookup = (entity: string, attributeName: string): boolean =>
      schema.tables.some((t) => t.entity.logicalName === entity && t.entity.attributes.some((a) => a.logicalName === attributeName && a.type === "lookup")) ||
      schema.addedColumns.some((c) => c.entity === entity && c.attribute.logicalName === attributeName && c.attribute.type === "lookup");
    return this.relationships
      .filter((r) => storedLookup(r.referencingEntity, r.referencingAttribute))
      .flatMap((r) =>
        (r.referencedEntity === "owner" ? ["systemuser", "team"] : [r.referencedEntity]).map((referencedEntity) => ({
          schemaName: r.referencedEntity === "owner" ? `${r.schemaName}:${referencedEntity}` : r.schemaName,
          referencedEntity,
          referencingEntity: r.referencingEntity,
          referencingAttribute: r.referencingAttribute,
          referencingNavigation: r.referencingNavigation ?? r.referencingAttribute,
          referencedNavigation: r.referencedNavigation ?? r.schemaName,
          cascadeDelete: r.cascadeDelete,
          metadataId: deterministicId(`relationship:${r.schemaName}`),
        })),
      );
  }
}

export function readCustomSchema(customizations: Element): CustomSchema {
  return new SchemaReader(customizations).read();
}
