/**
 * Table and column definitions as EntityDefinitions returns them (EntityMetadata and AttributeMetadata
 * entity types, "Web API Metadata Entity Type Reference"), limited to the properties the sandbox knows.
 * For every table: MetadataId, LogicalName, EntitySetName, PrimaryIdAttribute, PrimaryNameAttribute,
 * OwnershipType. For a table a solution import created, also what customizations.xml says about it
 * (SchemaName, display names, description, IsCustomEntity, IsManaged …) and its columns (Attributes).
 */
import type { EntityMetadata } from "../metadata";
import type { ColumnDetails, CustomTableDefinition, LocalizedLabel } from "../metadata/dynamic";
import { deterministicId } from "../storage/deterministicId";

export type DefinitionJson = Record<string, unknown>;

export interface LabelOptions {
  /** The caller's UI language: UserLocalizedLabel is the label in it (else English, else the first). */
  languageId: number;
  /** `LabelLanguages=1033,1035`: only those languages' labels ("Limit languages returned"). */
  labelLanguages?: number[];
}

/** A Label complex type: every language's label, and the one for the user. */
function labelJson(labels: LocalizedLabel[], owner: string, managed: boolean, options: LabelOptions): DefinitionJson {
  const shown = options.labelLanguages ? labels.filter((l) => options.labelLanguages?.includes(l.languageCode)) : labels;
  const localized = shown.map((l) => ({
    Label: l.label,
    LanguageCode: l.languageCode,
    IsManaged: managed,
    MetadataId: deterministicId(`label:${owner}:${l.languageCode}`),
    HasChanged: null,
  }));
  const user = localized.find((l) => l.LanguageCode === options.languageId) ?? localized.find((l) => l.LanguageCode === 1033) ?? localized[0] ?? null;
  return { LocalizedLabels: localized, UserLocalizedLabel: user };
}

/** The MetadataId of a table: the id the app module import already gives a table (appModules.ts). */
export const entityMetadataId = (logicalName: string): string => deterministicId(`entity:${logicalName}`);

export function entityDefinitionJson(entity: EntityMetadata, custom: CustomTableDefinition | undefined, options: LabelOptions): DefinitionJson {
  const json: DefinitionJson = {
    MetadataId: custom?.metadataId ?? entityMetadataId(entity.logicalName),
    LogicalName: entity.logicalName,
    EntitySetName: entity.entitySetName,
    PrimaryIdAttribute: entity.primaryIdAttribute,
    PrimaryNameAttribute: entity.primaryNameAttribute,
    OwnershipType: entity.ownership === "user" ? "UserOwned" : "OrganizationOwned",
  };
  if (!custom) return json;
  const owner = `entity:${entity.logicalName}`;
  return {
    ...json,
    SchemaName: custom.schemaName,
    LogicalCollectionName: custom.logicalCollectionName,
    DisplayName: labelJson(custom.displayName, `${owner}:DisplayName`, custom.isManaged, options),
    DisplayCollectionName: labelJson(custom.displayCollectionName, `${owner}:DisplayCollectionName`, custom.isManaged, options),
    Description: labelJson(custom.description, `${owner}:Description`, custom.isManaged, options),
    IsCustomEntity: true,
    IsManaged: custom.isManaged,
    IsActivity: false,
    IsIntersect: false,
  };
}

/** customizations.xml `<Type>` → AttributeType, AttributeTypeName and the AttributeMetadata type (AttributeTypeCode, AttributeTypeDisplayName). */
const ATTRIBUTE_TYPES: Record<string, [string, string, string]> = {
  primarykey: ["Uniqueidentifier", "UniqueidentifierType", "UniqueIdentifierAttributeMetadata"],
  uniqueidentifier: ["Uniqueidentifier", "UniqueidentifierType", "UniqueIdentifierAttributeMetadata"],
  nvarchar: ["String", "StringType", "StringAttributeMetadata"],
  ntext: ["Memo", "MemoType", "MemoAttributeMetadata"],
  int: ["Integer", "IntegerType", "IntegerAttributeMetadata"],
  bigint: ["BigInt", "BigIntType", "BigIntAttributeMetadata"],
  decimal: ["Decimal", "DecimalType", "DecimalAttributeMetadata"],
  float: ["Double", "DoubleType", "DoubleAttributeMetadata"],
  money: ["Money", "MoneyType", "MoneyAttributeMetadata"],
  datetime: ["DateTime", "DateTimeType", "DateTimeAttributeMetadata"],
  bit: ["Boolean", "BooleanType", "BooleanAttributeMetadata"],
  picklist: ["Picklist", "PicklistType", "PicklistAttributeMetadata"],
  state: ["State", "StateType", "StateAttributeMetadata"],
  status: ["Status", "StatusType", "StatusAttributeMetadata"],
  lookup: ["Lookup", "LookupType", "LookupAttributeMetadata"],
  customer: ["Customer", "CustomerType", "LookupAttributeMetadata"],
  owner: ["Owner", "OwnerType", "LookupAttributeMetadata"],
};

export function attributeDefinitionJson(table: CustomTableDefinition, column: ColumnDetails, options: LabelOptions): DefinitionJson | undefined {
  const type = ATTRIBUTE_TYPES[column.xmlType];
  if (!type) return undefined;
  return {
    "@odata.type": `#Microsoft.Dynamics.CRM.${type[2]}`,
    MetadataId: column.metadataId,
    LogicalName: column.logicalName,
    SchemaName: column.schemaName,
    EntityLogicalName: table.entity.logicalName,
    AttributeType: type[0],
    AttributeTypeName: { Value: type[1] },
    IsCustomAttribute: column.isCustomAttribute,
    IsPrimaryId: column.logicalName === table.entity.primaryIdAttribute,
    IsPrimaryName: column.logicalName === table.entity.primaryNameAttribute,
    DisplayName: labelJson(column.displayName, `attribute:${table.entity.logicalName}:${column.logicalName}`, table.isManaged, options),
  };
}

/** The columns of an imported table, as `…/Attributes` lists them. */
export function attributeDefinitionsJson(table: CustomTableDefinition, options: LabelOptions): DefinitionJson[] {
  return table.columns.flatMap((column): DefinitionJson[] => {
    const json = attributeDefinitionJson(table, column, options);
    return json ? [json] : [];
  });
}
