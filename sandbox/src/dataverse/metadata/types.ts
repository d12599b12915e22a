/**
 * The typed metadata the stand-in is driven by: what Dataverse's EntityDefinitions/Attributes say about
 * each table, reduced to what the Web API subset needs (types, lookup targets and navigation
 * property names, option-set labels, state/status pairs).
 */

export type AttributeType =
  | "uniqueidentifier"
  | "string"
  | "memo"
  | "integer"
  | "bigint"
  | "decimal"
  | "money"
  | "boolean"
  | "datetime"
  | "picklist"
  | "state"
  | "status"
  | "entityname"
  | "lookup";

export interface Labels {
  1033: string;
  1035: string;
}

export interface OptionMetadata {
  value: number;
  label: Labels;
  /** For `statuscode` options: the `statecode` the status belongs to. */
  state?: number;
  /** For `statecode` options: the name Dataverse uses in messages (`LeadState.Open`) and the default status. */
  invariantName?: string;
  defaultStatus?: number;
}

export interface LookupTarget {
  entity: string;
  /** Single-valued navigation property for this target (`parentaccountid`, `parentcustomerid_account`). */
  navigationProperty: string;
}

export interface AttributeMetadata {
  logicalName: string;
  type: AttributeType;
  /** Lookups: the entities the column can point to. */
  targets?: LookupTarget[];
  options?: OptionMetadata[];
  /** System-maintained: a value sent by a client is ignored, as Dataverse does for these columns. */
  systemManaged?: boolean;
  /**
   * `IsValidForRead: False` in Dataverse's table reference (serviceendpoint `authvalue`): the column can be
   * written but is never returned, and a query cannot filter or sort on it.
   */
  notValidForRead?: boolean;
}

export type Ownership = "user" | "organization";

export interface EntityMetadata {
  logicalName: string;
  entitySetName: string;
  primaryIdAttribute: string;
  primaryNameAttribute: string;
  ownership: Ownership;
  /** `LeadState` etc.: the prefix Dataverse puts before state names in its messages. */
  stateTypeName?: string;
  /**
   * The intersect table of a many-to-many relationship (relationships.ts): readable like any table and
   * through FetchXML, written only by associating and disassociating records (`…/<navigation>/$ref`).
   */
  intersect?: boolean;
  attributes: AttributeMetadata[];
}
