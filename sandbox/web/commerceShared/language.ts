import type { LanguageId } from "../shared/session";

/**
 * The page language of the Commerce pages: `?lang=fi|en` (kept by the language switch) wins, then the
 * browser's preferred language; Finnish for any `fi*`, English otherwise.
 */
export function initialLanguage(search: string, browserLanguages: readonly string[]): LanguageId {
  const requested = new URLSearchParams(search).get("lang")?.toLowerCase();
  if (requested === "fi") return 1035;
  if (requested === "en") return 1033;
  const first = (browserLanguages[0] ?? "").toLowerCase();
  return first === "fi" || first.startsWith("fi-") ? 1035 : 1033;
}

export function languageTag(languageId: LanguageId): "en-US" | "fi-FI" {
  return languageId === 1035 ? "fi-FI" : "en-US";
}

/** Records the choice in the address (so a reload keeps it) and on <html lang>. */
export function applyLanguage(languageId: LanguageId): void {
  document.documentElement.lang = languageId === 1035 ? "fi" : "en";
  const url = new URL(window.location.href);
  url.searchParams.set("lang", languageId === 1035 ? "fi" : "en");
  window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
}

/** Date and time as the user's locale writes it, in the browser's time zone. */
export function formatDateTime(iso: string | null | undefined, languageId: LanguageId): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(languageTag(languageId), { dateStyle: "short", timeStyle: "short" }).format(date);
}
