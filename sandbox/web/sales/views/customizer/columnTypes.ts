/**
 * The data type the Power Apps grid keys a column's renderer override by (the customizer template's
 * ColumnDataType), from the column's type in the sandbox's metadata — the same registry the Sales pages
 * read table and column definitions from (../../clientApi/attributeMetadata.ts). A column the metadata
 * does not know is Text.
 */
import type { ColumnDataType } from "../../../../../controls/HandOffStageCells/src/gridCustomizer";
import { attributeOf, entityByLogicalName, type AttributeMetadata } from "../../../../src/dataverse/metadata";

const byType: Record<AttributeMetadata["type"], ColumnDataType> = {
  uniqueidentifier: "Text",
  string: "Text",
  memo: "TextArea",
  integer: "Integer",
  bigint: "Integer",
  decimal: "Decimal",
  money: "Currency",
  boolean: "TwoOptions",
  datetime: "DateAndTime",
  picklist: "OptionSet",
  state: "OptionSet",
  status: "OptionSet",
  entityname: "Text",
  lookup: "Lookup",
};

/** Owner and Customer are lookups of their own types in Dataverse (ownerid; account-or-contact customer columns). */
function lookupType(attribute: AttributeMetadata): ColumnDataType {
  if (attribute.logicalName === "ownerid") return "Owner";
  const targets = (attribute.targets ?? []).map((t) => t.entity).sort().join(",");
  return targets === "account,contact" ? "Customer" : "Lookup";
}

/** `column` is a layoutxml cell name; `alias.column` belongs to the table the link-entity `alias` joins. */
export function columnDataType(entity: string, column: string, aliases: ReadonlyMap<string, string>): ColumnDataType {
  const dot = column.indexOf(".");
  const table = entityByLogicalName(dot < 0 ? entity : (aliases.get(column.slice(0, dot)) ?? ""));
  const attribute = table ? attributeOf(table, dot < 0 ? column : column.slice(dot + 1)) : undefined;
  if (!attribute) return "Text";
  return attribute.type === "lookup" ? lookupType(attribute) : byType[attribute.type];
}

/** Link-entity alias → table, from the view's FetchXML (nested links too). */
export function linkAliases(fetchXml: string): Map<string, string> {
  const doc = new DOMParser().parseFromString(fetchXml, "text/xml");
  const aliases = new Map<string, string>();
  for (const link of Array.from(doc.getElementsByTagName("link-entity"))) {
    const alias = link.getAttribute("alias");
    const name = link.getAttribute("name");
    if (alias && name) aliases.set(alias, name);
  }
  return aliases;
}
