/**
 * One `<attribute>` of an `<EntityInfo><entity>` in customizations.xml, as the sandbox stores it. The
 * types are customizations.xml's own (`<Type>`, CrmDataType in CustomizationsSolution.xsd): nvarchar, ntext, int, bigint, decimal, float,
 * money, datetime, bit, picklist, state, status, lookup, customer, owner, uniqueidentifier, primarykey.
 * What a column does that the sandbox does not model is refused by name (a calculated or rollup
 * column, an autonumber, a date-only column, a file, an image, a multi-select choice, a choice from a
 * global choice the environment lacks); a system column Dataverse keeps by itself that the sandbox does
 * not keep (owninguser, exchangerate, a money column's _base …) is recorded as not stored.
 */
import type { Element } from "@xmldom/xmldom";
import { deterministicId } from "../../../storage/deterministicId";
import type { ColumnDetails } from "../../../metadata/dynamic";
import type { AttributeMetadata, AttributeType, LookupTarget, OptionMetadata } from "../../../metadata/types";
import { attribute, childText, firstChild } from "../../../xml";
import { importRefused } from "../../solutionPackage";
import { localizedLabels } from "./labels";
import { readOptions, readStates, readStatuses } from "./options";

export interface AttributeContext {
  /** The table's logical name. */
  table: string;
  /** The lookup's targets, from the package's relationships (and, for a re-import, the installed ones). */
  lookupTargets(attributeName: string, xmlType: string): LookupTarget[];
  /** A global choice of this package or already installed. */
  globalOptions(name: string): OptionMetadata[] | undefined;
}

export interface ReadAttribute {
  /** What the sandbox stores; undefined for a column it does not store. */
  stored?: AttributeMetadata;
  details: ColumnDetails;
}

/** AttributeMetadata.SourceType: 0 simple, 1 calculated, 2 rollup, 3 formula, 4 prompt (https://learn.microsoft.com/dotnet/api/microsoft.xrm.sdk.metadata.attributemetadata.sourcetype). */
const SOURCE_TYPES: Record<string, string> = { "1": "a calculated column", "2": "a rollup column", "3": "a formula column", "4": "a prompt column" };

const UNSUPPORTED_KINDS: Record<string, string> = {
  multiselectpicklist: "a multi-select choice column",
  file: "a file column",
  image: "an image column",
  virtual: "a virtual column",
  partylist: "an activity party column",
};

const TYPES: Record<string, AttributeType> = {
  nvarchar: "string",
  ntext: "memo",
  int: "integer",
  bigint: "bigint",
  decimal: "decimal",
  float: "decimal",
  money: "money",
  datetime: "datetime",
  bit: "boolean",
  picklist: "picklist",
  lookup: "lookup",
  customer: "lookup",
  owner: "lookup",
  uniqueidentifier: "uniqueidentifier",
};

/** System columns every custom table has that the sandbox does not maintain: a read or filter on them is a 501, never a null. */
export const UNSTORED_SYSTEM_COLUMNS: ReadonlySet<string> = new Set([
  "createdonbehalfby",
  "modifiedonbehalfby",
  "owningbusinessunit",
  "owninguser",
  "owningteam",
  "overriddencreatedon",
  "exchangerate",
]);

/** Columns the engine writes on every table (../../../engine/engine.ts) or that make the table (its key, state and status). */
export const ENGINE_COLUMNS: ReadonlySet<string> = new Set(["createdon", "createdby", "modifiedon", "modifiedby", "ownerid", "versionnumber"]);

const LOGICAL_NAME = /^[a-z][a-z0-9_]*$/;

/** The columns' names are SQL identifiers and URL segments: only what Dataverse allows in a logical name. */
export function checkLogicalName(name: string, what: string): void {
  if (!LOGICAL_NAME.test(name) || name.endsWith("__type") || name.length > 128) {
    throw importRefused(`${what} has the logical name '${name}', which is not a valid Dataverse logical name.`);
  }
}

function unsupported(table: string, name: string, what: string): never {
  throw importRefused(`The column '${table}.${name}' is ${what}, which the sandbox does not import.`);
}

export function readAttribute(context: AttributeContext, element: Element): ReadAttribute {
  const xmlType = (childText(element, "Type") ?? "").trim().toLowerCase();
  const logicalName = (childText(element, "LogicalName") ?? childText(element, "Name") ?? "").trim().toLowerCase();
  checkLogicalName(logicalName, `A column of '${context.table}'`);
  const isCustomAttribute = (childText(element, "IsCustomField") ?? "0").trim() === "1";
  const details: ColumnDetails = {
    logicalName,
    schemaName: attribute(element, "PhysicalName") ?? logicalName,
    xmlType,
    displayName: localizedLabels(element, "displaynames", "displayname"),
    isCustomAttribute,
    metadataId: deterministicId(`attribute:${context.table}:${logicalName}`),
  };
  const systemColumn = !isCustomAttribute;
  // Kept by the platform from other columns: the sandbox does not compute them.
  if (UNSTORED_SYSTEM_COLUMNS.has(logicalName) || firstChild(element, "CalculationOf")) return { details: { ...details, unstored: true } };
  const sourceType = (childText(element, "SourceType") ?? "0").trim();
  if (sourceType !== "0" && sourceType !== "") {
    unsupported(context.table, logicalName, SOURCE_TYPES[sourceType] ?? `a column of SourceType ${sourceType}`);
  }
  if (firstChild(element, "FormulaDefinition")) unsupported(context.table, logicalName, "a formula column");
  if ((childText(element, "AutoNumberFormat") ?? "").trim() !== "") unsupported(context.table, logicalName, "an autonumber column");
  if (xmlType === "state" || xmlType === "status") {
    const optionSet = firstChild(element, "optionset");
    if (!optionSet) throw importRefused(`The column '${context.table}.${logicalName}' has no option set.`);
    const what = `The column '${context.table}.${logicalName}'`;
    return { stored: { logicalName, type: xmlType, options: xmlType === "state" ? readStates(optionSet, what) : readStatuses(optionSet, what) }, details };
  }
  const type = TYPES[xmlType];
  if (!type) {
    // A platform column of a kind the sandbox does not keep (an image's id, a time-zone rule …) is not stored; a solution's own column is refused.
    if (systemColumn) return { details: { ...details, unstored: true } };
    unsupported(context.table, logicalName, UNSUPPORTED_KINDS[xmlType] ?? `a column of type '${xmlType || "none"}'`);
  }
  const stored: AttributeMetadata = { logicalName, type };
  if (xmlType === "datetime") {
    // User Local (1) is what the sandbox stores: full UTC date and time. Date Only and Time-Zone Independent change what the Web API returns.
    const behavior = (childText(element, "Behavior") ?? "1").trim();
    if (behavior !== "1") unsupported(context.table, logicalName, `a date and time column with behaviour ${behavior} (only User Local, 1, is modelled)`);
  }
  if (xmlType === "picklist") stored.options = pickListOptions(context, element, logicalName);
  if (xmlType === "bit") {
    const optionSet = firstChild(element, "optionset");
    if (optionSet) stored.options = readOptions(optionSet, `The column '${context.table}.${logicalName}'`);
    details.defaultValue = booleanDefault(element);
  }
  if (type === "lookup") stored.targets = context.lookupTargets(logicalName, xmlType);
  if ((childText(element, "ValidForCreateApi") ?? "1").trim() === "0" && (childText(element, "ValidForUpdateApi") ?? "1").trim() === "0") stored.systemManaged = true;
  return { stored, details };
}

function pickListOptions(context: AttributeContext, element: Element, logicalName: string): OptionMetadata[] {
  const optionSet = firstChild(element, "optionset");
  if (optionSet && (childText(optionSet, "IsGlobal") ?? "0").trim() !== "1") return readOptions(optionSet, `The column '${context.table}.${logicalName}'`);
  const globalName = (childText(element, "OptionSetName") ?? (optionSet ? attribute(optionSet, "Name") : undefined) ?? "").trim().toLowerCase();
  const options = globalName ? context.globalOptions(globalName) : undefined;
  if (!options) {
    throw importRefused(`The column '${context.table}.${logicalName}' uses the global choice '${globalName}', which is neither in the solution nor installed by an earlier solution import.`);
  }
  return options;
}

/** The default a yes/no column takes on create when none is given (`<AppDefaultValue>`, BooleanAttributeMetadata.DefaultValue). */
export function booleanDefault(element: Element): boolean | undefined {
  const text = (childText(element, "AppDefaultValue") ?? "").trim();
  return text === "1" ? true : text === "0" ? false : undefined;
}
