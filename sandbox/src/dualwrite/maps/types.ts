/**
 * Dual-write table maps, declared the way Microsoft's mapping reference lists them: one row per
 * field with the finance and operations field, the map type and the Dataverse column.
 *
 * Map types (as in the reference):
 * - `=`  both ways;            `>` / `<`  one way, to Dataverse / to finance and operations;
 * - `>>` a default written to Dataverse;  `<<` a default written to finance and operations;
 * - `><` both ways through a value map (enums ↔ choices, NoYes ↔ boolean).
 * A Dataverse column written as `nav.key` is a lookup resolved through the target table's key.
 */
export type MapType = "=" | ">" | "<" | ">>" | "<<" | "><";

export type FinanceValue = string | number | null;
export type DataverseValue = string | number | boolean | null;

export interface FieldMapping {
  /** Finance and operations data entity field; null for `>>` defaults. */
  finance: string | null;
  type: MapType;
  /** Dataverse column (or `lookup.keycolumn`); null for `<<` defaults. */
  dataverse: string | null;
  /** For `>>` and `<<`. */
  defaultValue?: FinanceValue | DataverseValue;
  /** For `><`: pairs of [finance value, Dataverse value]. */
  valueMap?: ReadonlyArray<readonly [FinanceValue, DataverseValue]>;
}

/** How a `nav.key` lookup column is written: the target entity set and the navigation property. */
export interface LookupBinding {
  entitySet: string;
  /** The target table's primary id column. */
  primaryId: string;
  navigationProperty: string;
}

export interface TableMap {
  /** The map's name in the dual-write workspace, e.g. `Prospects (leads)`. */
  name: string;
  financeEntity: string;
  dataverseEntity: string;
  dataverseEntitySet: string;
  dataversePrimaryId: string;
  /** Finance and operations side filter, as published (documentation only; the adapter applies it). */
  sourceFilter: string;
  /** Dataverse side filter, as an OData `$filter` expression. */
  reversedSourceFilter: string;
  /** The integration key: finance field ↔ Dataverse column. */
  key: { finance: string; dataverse: string };
  fields: readonly FieldMapping[];
  lookups: Readonly<Record<string, LookupBinding>>;
}
