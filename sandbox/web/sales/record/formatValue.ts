import type { LanguageId } from "../../shared/session";
import type { AttributeInfo } from "../clientApi/attributeMetadata";
import { recordTexts } from "./recordTexts";

const locale = (languageId: LanguageId) => (languageId === 1035 ? "fi-FI" : "en-US");

/** A column's value as the form shows it read-only (header, locked fields): always plain text. */
export function formatValue(info: AttributeInfo, value: unknown, languageId: LanguageId): string {
  const texts = recordTexts(languageId);
  if (value === null || value === undefined || value === "") return texts.emptyValue;
  switch (info.kind) {
    case "lookup":
      return (value as Xrm.LookupValue[])[0]?.name ?? texts.emptyValue;
    case "optionset":
      return info.options.find((o) => o.value === value)?.text ?? String(value);
    case "boolean":
      return value === true ? texts.yes : texts.no;
    case "datetime":
      return value instanceof Date ? value.toLocaleDateString(locale(languageId)) : String(value);
    case "money":
      return typeof value === "number" ? value.toLocaleString(locale(languageId), { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(value);
    default:
      return String(value);
  }
}

/** yyyy-mm-dd of a Date in local time, for <input type="date">. */
export function dateInputValue(value: unknown): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}
