import { Languages, type SupportedLanguage } from "../names";

/**
 * The rule texts are split by who shows them (form scripts bundle only the tables they call; the
 * webhook all of them): each module holds one table in every shipped language. This picks the user's
 * language; anything but Finnish falls back to English.
 */
export type InEveryLanguage<T> = Record<SupportedLanguage, T>;

export function inLanguage<Table extends InEveryLanguage<unknown>>(table: Table, languageId: number): Table[typeof Languages.English] {
  // Each table `satisfies` one shape for every language, so the Finnish texts read as the English ones do.
  return (languageId === Languages.Finnish ? table[Languages.Finnish] : table[Languages.English]) as Table[typeof Languages.English];
}

/** Fills `{0}`, `{1}`, … with the arguments, in one pass (a value containing `{1}` is not filled again). */
export function format(template: string, ...args: string[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => args[Number(index)] ?? whole);
}
