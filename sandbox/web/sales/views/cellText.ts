/**
 * What a grid cell shows for a Web API row: the FormattedValue annotation when Dataverse sends one
 * (option sets, lookups, dates, money, whole numbers), else the raw value. Always plain text.
 */
import type { LanguageId } from "../../shared/session";
import { chromeString } from "../../shared/strings";

const FORMATTED = "@OData.Community.Display.V1.FormattedValue";

export type ApiRow = Record<string, unknown>;

/** The property a column's value is under: lookups come back as `_<name>_value`. */
export function valueKey(row: ApiRow, column: string): string {
  if (column.includes(".")) return column;
  const lookupKey = `_${column}_value`;
  return lookupKey in row ? lookupKey : column;
}

export function cellText(row: ApiRow, column: string, languageId: LanguageId): string {
  const key = valueKey(row, column);
  const formatted = row[`${key}${FORMATTED}`];
  if (typeof formatted === "string") return formatted;
  const value = row[key];
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return chromeString(languageId, value ? "yes" : "no");
  return String(value);
}

/** The record id of a row (its primary key column). */
export function rowId(row: ApiRow, idColumn: string): string {
  const value = row[idColumn];
  return typeof value === "string" ? value : "";
}
