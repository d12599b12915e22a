/** FormattedValue texts: option labels, Yes/No, numbers, money and dates in the user's language. */
import type { AttributeMetadata } from "../metadata";

const locales: Record<number, string> = { 1033: "en-US", 1035: "fi-FI" };
const localeOf = (languageId: number): string => locales[languageId] ?? "en-US";

const yesNo: Record<number, [string, string]> = { 1033: ["Yes", "No"], 1035: ["Kyllä", "Ei"] };

export function optionLabel(attribute: AttributeMetadata, value: number, languageId: number): string | undefined {
  const option = attribute.options?.find((o) => o.value === value);
  if (!option) return undefined;
  return languageId === 1035 ? option.label[1035] : option.label[1033];
}

export function formatBoolean(value: boolean, languageId: number): string {
  const [yes, no] = yesNo[languageId] ?? yesNo[1033];
  return value ? yes : no;
}

export function formatNumber(value: number, languageId: number, fractionDigits?: number): string {
  return new Intl.NumberFormat(localeOf(languageId), {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits ?? 10,
  }).format(value);
}

export function formatMoney(value: number, languageId: number, symbol: string, precision: number): string {
  const amount = formatNumber(Math.abs(value), languageId, precision);
  const sign = value < 0 ? "-" : "";
  // Dataverse puts the currency symbol where the user's locale puts it.
  return languageId === 1035 ? `${sign}${amount} ${symbol}` : `${sign}${symbol}${amount}`;
}

/** Dates are shown in UTC: the sandbox has no user time zone settings. */
export function formatDate(iso: string, languageId: number): string {
  const date = new Date(iso);
  return new Intl.DateTimeFormat(localeOf(languageId), {
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone: "UTC",
  })
    .format(date)
    .replace(",", "")
    .replace(/\u202f/g, " ");
}
