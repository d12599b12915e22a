/**
 * Tables, columns, choices and relationships a solution import created in one database (imported
 * custom tables, and columns added to standard tables). They belong to that database, not to the
 * process: several sandboxes may run in one process, each with its own imports. A request (and what
 * it starts in the background) runs inside `runWithDynamicMetadata`, so the registry lookups in
 * ./index.ts see exactly the database that request talks to; outside one, only the static tables exist.
 * The definitions are kept in SQLite (../storage/dynamicTables.ts) and rebuilt from it.
 *
 * The request scope itself (AsyncLocalStorage) lives in ./dynamicScope.ts, which only the server loads:
 * the Sales Hub pages bundle this registry for the browser, where only the static tables exist.
 */
import type { AttributeMetadata, EntityMetadata, OptionMetadata } from "./types";

/** A label in one language, as customizations.xml and EntityDefinitions carry them. */
export interface LocalizedLabel {
  languageCode: number;
  label: string;
}

/** What EntityDefinitions reports about a column an import created, beyond the stored metadata. */
export interface ColumnDetails {
  logicalName: string;
  schemaName: string;
  /** The customizations.xml `<Type>` (nvarchar, picklist, owner …): EntityDefinitions reports its AttributeType. */
  xmlType: string;
  displayName: LocalizedLabel[];
  isCustomAttribute: boolean;
  metadataId: string;
  /** True for a column Dataverse has but the sandbox does not store (owninguser, exchangerate …). */
  unstored?: boolean;
  /** A yes/no column's DefaultValue (`<AppDefaultValue>`), which a create without the column stores. */
  defaultValue?: boolean;
}

/** A table a solution created (IsCustomEntity), as persisted. */
export interface CustomTableDefinition {
  entity: EntityMetadata;
  schemaName: string;
  logicalCollectionName: string;
  displayName: LocalizedLabel[];
  displayCollectionName: LocalizedLabel[];
  description: LocalizedLabel[];
  metadataId: string;
  /** The solution that created the table, and whether it was managed. */
  solutionId: string;
  isManaged: boolean;
  /** `prv<Access><privilegeName>`: Dataverse names a custom table's privileges by its schema name. */
  privilegeName: string;
  /** Every column the table has in Dataverse, stored or not. */
  columns: ColumnDetails[];
}

/** A column a solution added to a table it did not create (a standard one, or another solution's). */
export interface AddedColumnDefinition {
  entity: string;
  attribute: AttributeMetadata;
  details: ColumnDetails;
  solutionId: string;
}

/** customizations.xml's CrmCascadeDeleteLinkType (CustomizationsSolution.xsd). */
export type CascadeDelete = "Cascade" | "RemoveLink" | "Restrict" | "NoCascade";

/** A one-to-many relationship of an imported lookup column. */
export interface RelationshipDefinition {
  schemaName: string;
  referencedEntity: string;
  referencingEntity: string;
  referencingAttribute: string;
  /** Single-valued navigation property on the referencing table (`sample_MediaPolymorphicLookup_sample_audio`). */
  referencingNavigation: string;
  /** Collection-valued navigation property on the referenced table. */
  referencedNavigation: string;
  cascadeDelete: CascadeDelete;
  metadataId: string;
  solutionId: string;
}

/** A global choice (`<optionsets>`), kept so a later solution's column can use it by name. */
export interface GlobalOptionSetDefinition {
  name: string;
  options: OptionMetadata[];
  solutionId: string;
}

export interface DynamicMetadataSnapshot {
  tables: CustomTableDefinition[];
  addedColumns: AddedColumnDefinition[];
  relationships: RelationshipDefinition[];
  optionSets: GlobalOptionSetDefinition[];
}

/** The lookups ./index.ts makes, built once per snapshot. */
export class DynamicMetadata {
  /** Custom tables, and standard tables with added columns (a copy with the columns appended). */
  readonly entities = new Map<string, EntityMetadata>();
  readonly bySet = new Map<string, EntityMetadata>();
  readonly attributes = new Map<string, Map<string, AttributeMetadata>>();
  readonly tables = new Map<string, CustomTableDefinition>();
  readonly optionSets = new Map<string, GlobalOptionSetDefinition>();
  /** What customizations.xml said about each imported column, by table and column. */
  readonly columns = new Map<string, Map<string, ColumnDetails>>();

  constructor(
    readonly snapshot: DynamicMetadataSnapshot,
    staticEntity: (logicalName: string) => EntityMetadata | undefined,
  ) {
    for (const table of snapshot.tables) {
      this.tables.set(table.entity.logicalName, table);
      this.add(table.entity);
      this.columns.set(table.entity.logicalName, new Map(table.columns.map((c) => [c.logicalName, c])));
    }
    for (const column of snapshot.addedColumns) {
      const columns = this.columns.get(column.entity) ?? new Map<string, ColumnDetails>();
      columns.set(column.details.logicalName, column.details);
      this.columns.set(column.entity, columns);
    }
    const added = new Map<string, AttributeMetadata[]>();
    for (const column of snapshot.addedColumns) added.set(column.entity, [...(added.get(column.entity) ?? []), column.attribute]);
    for (const [logicalName, attributes] of added) {
      const base = this.entities.get(logicalName) ?? staticEntity(logicalName);
      if (base) this.add({ ...base, attributes: [...base.attributes, ...attributes] });
    }
    for (const optionSet of snapshot.optionSets) this.optionSets.set(optionSet.name, optionSet);
  }

  private add(entity: EntityMetadata): void {
    this.entities.set(entity.logicalName, entity);
    this.bySet.set(entity.entitySetName, entity);
    this.attributes.set(entity.logicalName, new Map(entity.attributes.map((a) => [a.logicalName, a])));
  }

  get relationships(): readonly RelationshipDefinition[] {
    return this.snapshot.relationships;
  }

  addedColumnsOf(logicalName: string): AddedColumnDefinition[] {
    return this.snapshot.addedColumns.filter((c) => c.entity === logicalName);
  }
}

/** One per database; `current` is replaced when the database's definitions change. */
export interface DynamicMetadataHolder {
  current: DynamicMetadata;
}

let readScope: () => DynamicMetadataHolder | undefined = () => undefined;

/** Set once by ./dynamicScope.ts: where the current request's holder is kept. */
export function setDynamicMetadataScope(read: () => DynamicMetadataHolder | undefined): void {
  readScope = read;
}

/** The imported tables of the database the current request talks to, if any. */
export function currentDynamicMetadata(): DynamicMetadata | undefined {
  return readScope()?.current;
}

/** A column an import created that the sandbox does not store (a custom table's owninguser …): a 501, not "does not exist". */
export function unstoredImportedColumn(table: string, column: string): ColumnDetails | undefined {
  const details = currentDynamicMetadata()?.columns.get(table)?.get(column);
  return details?.unstored ? details : undefined;
}

/** The default an imported yes/no column takes when a create leaves it out. */
export function importedColumnDefault(table: string, column: string): boolean | undefined {
  return currentDynamicMetadata()?.columns.get(table)?.get(column)?.defaultValue;
}
