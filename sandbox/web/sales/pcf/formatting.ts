/** `context.formatting` in the user's locale (en-US for 1033, fi-FI for 1035), via Intl. */
import type { LanguageId } from "../../shared/session";

export const localeOf = (languageId: LanguageId): string => (languageId === 1035 ? "fi-FI" : "en-US");

export function notImplemented(member: string): Error {
  return new Error(`The sandbox does not implement ${member}`);
}

export function createFormatting(languageId: LanguageId): ComponentFramework.Formatting {
  const locale = localeOf(languageId);
  const date = (value: Date, options: Intl.DateTimeFormatOptions): string => new Intl.DateTimeFormat(locale, options).format(value);
  return {
    formatCurrency: (value, precision = 2, symbol = "") =>
      `${symbol}${new Intl.NumberFormat(locale, { minimumFractionDigits: precision, maximumFractionDigits: precision }).format(value)}`,
    formatDecimal: (value, precision = 2) => new Intl.NumberFormat(locale, { minimumFractionDigits: precision, maximumFractionDigits: precision }).format(value),
    formatDateAsFilterStringInUTC: (value, includeTime) => (includeTime ? value.toISOString().replace(/\.\d{3}Z$/, "Z") : value.toISOString().slice(0, 10)),
    formatDateLong: (value) => date(value, { dateStyle: "full" }),
    formatDateLongAbbreviated: (value) => date(value, { dateStyle: "medium" }),
    formatDateShort: (value, includeTime) => date(value, includeTime ? { dateStyle: "short", timeStyle: "short" } : { dateStyle: "short" }),
    formatDateYearMonth: (value) => date(value, { year: "numeric", month: "long" }),
    formatInteger: (value) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value),
    formatLanguage: (value) => (value === 1035 ? "Suomi" : value === 1033 ? "English" : String(value)),
    formatTime: (value) => date(value, { timeStyle: "short" }),
    getWeekOfYear: (value) => {
      // ISO 8601 week number.
      const day = new Date(Date.UTC(value.getFullYear(), value.getMonth(), value.getDate()));
      day.setUTCDate(day.getUTCDate() + 4 - (day.getUTCDay() || 7));
      const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
      return Math.ceil(((day.getTime() - yearStart.getTime()) / 86400000 + 1) / 7);
    },
  };
}
