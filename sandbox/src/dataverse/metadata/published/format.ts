/**
 * The compact form the published column lists are kept in, one column a line:
 *
 *   <logical name> <Type as the reference page names it> <access> [<default>]
 *
 * access: `C`/`U` IsValidForCreate/IsValidForUpdate as the page states them; `W` where the page lists the
 * column under "Writable columns" (true for create or update, "usually both") without naming which;
 * `R` IsValidForRead; `-` a false. So `CUR`, `C-R`, `-UR`, `WR`, `-R` (read-only) and `--` (neither
 * writable nor readable, e.g. `isprivate`). default: the page's DefaultValue of a Boolean column.
 * Picklist DefaultFormValue is a form default, not a stored one, so it is not kept.
 */

export type PublishedType =
  | "BigInt"
  | "Boolean"
  | "Customer"
  | "DateTime"
  | "Decimal"
  | "Double"
  | "EntityName"
  | "Image"
  | "Integer"
  | "Lookup"
  | "ManagedProperty"
  | "Memo"
  | "Money"
  | "Owner"
  | "PartyList"
  | "Picklist"
  | "State"
  | "Status"
  | "String"
  | "Uniqueidentifier";

const TYPES = new Set<string>([
  "BigInt",
  "Boolean",
  "Customer",
  "DateTime",
  "Decimal",
  "Double",
  "EntityName",
  "Image",
  "Integer",
  "Lookup",
  "ManagedProperty",
  "Memo",
  "Money",
  "Owner",
  "PartyList",
  "Picklist",
  "State",
  "Status",
  "String",
  "Uniqueidentifier",
]);

/** A table's published columns as transcribed (one file per table next to this one). */
export interface PublishedTableSource {
  logicalName: string;
  entitySetName: string;
  /** The reference pages the columns were read from. */
  sources: string[];
  columns: string;
}

export interface PublishedColumn {
  logicalName: string;
  type: PublishedType;
  validForCreate: boolean;
  validForUpdate: boolean;
  validForRead: boolean;
  /** A Boolean column's DefaultValue. */
  defaultValue?: boolean;
}

export interface PublishedTable {
  logicalName: string;
  entitySetName: string;
  sources: string[];
  columns: ReadonlyMap<string, PublishedColumn>;
}

/** Reads the line format; a line that does not fit it is a transcription mistake and throws. */
export function parsePublishedTable(source: PublishedTableSource): PublishedTable {
  const columns = new Map<string, PublishedColumn>();
  for (const raw of source.columns.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    const [logicalName, type, access, defaultValue, ...rest] = line.split(/\s+/);
    const bad = (why: string) => new Error(`${source.logicalName}: '${line}' ${why}`);
    if (rest.length > 0 || !/^[a-z][a-z0-9_]*$/.test(logicalName)) throw bad("is not '<name> <Type> <access> [default]'");
    if (!TYPES.has(type)) throw bad(`has an unknown type '${type}'`);
    if (!/^[CUW-]{1,2}[R-]$/.test(access ?? "")) throw bad(`has an unknown access '${access}'`);
    if (defaultValue !== undefined && (type !== "Boolean" || !["true", "false"].includes(defaultValue))) throw bad("has a default that is not a Boolean's");
    if (columns.has(logicalName)) throw bad("is listed twice");
    columns.set(logicalName, {
      logicalName,
      type: type as PublishedType,
      validForCreate: /[CW]/.test(access),
      validForUpdate: /[UW]/.test(access),
      validForRead: access.endsWith("R"),
      ...(defaultValue === undefined ? {} : { defaultValue: defaultValue === "true" }),
    });
  }
  return { logicalName: source.logicalName, entitySetName: source.entitySetName, sources: source.sources, columns };
}
