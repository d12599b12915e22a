/**
 * The sandbox chrome's own words (top bar, site map, grid) in English and Finnish. Data never goes
 * through here: record values are rendered as React text straight from the Web API.
 */
import type { LanguageId } from "./session";

const en = {
  product: "Dynamics 365",
  appName: "Sales Hub",
  signedInAs: "Signed in as {0}",
  switchUser: "Switch user",
  language: "Language",
  english: "English",
  finnish: "Suomi (Finnish)",
  siteMap: "Site map",
  groupCustomers: "Customers",
  groupSales: "Sales",
  selectView: "Select a view",
  recordCount: "Rows: {0}",
  recordCountMore: "Rows: {0}+",
  loading: "Loading…",
  noRecords: "We didn't find anything to show here",
  noViews: "No views are available for this table.",
  loadFailed: "Something went wrong: {0}",
  previousPage: "Previous page",
  nextPage: "Next page",
  firstPage: "First page",
  pageNumber: "Page {0}",
  sortAscending: "Sorted A to Z",
  sortDescending: "Sorted Z to A",
  refresh: "Refresh",
  gridLabel: "{0} view grid",
  openRecord: "Open {0}",
  controlLoadFailed: "The control {0} could not be loaded: {1}",
  toggleSelection: "Toggle selection",
  toggleSelectAll: "Toggle selection for all rows",
  selectRow: "Select row",
  yes: "Yes",
  no: "No",
} as const;

export type ChromeStringId = keyof typeof en;

const fi: Record<ChromeStringId, string> = {
  product: "Dynamics 365",
  appName: "Myyntikeskus",
  signedInAs: "Kirjautunut: {0}",
  switchUser: "Vaihda käyttäjää",
  language: "Kieli",
  english: "English (englanti)",
  finnish: "Suomi",
  siteMap: "Sivustokartta",
  groupCustomers: "Asiakkaat",
  groupSales: "Myynti",
  selectView: "Valitse näkymä",
  recordCount: "Rivejä: {0}",
  recordCountMore: "Rivejä: {0}+",
  loading: "Ladataan…",
  noRecords: "Näytettäviä tietoja ei löytynyt",
  noViews: "Tälle taululle ei ole näkymiä.",
  loadFailed: "Jokin meni vikaan: {0}",
  previousPage: "Edellinen sivu",
  nextPage: "Seuraava sivu",
  firstPage: "Ensimmäinen sivu",
  pageNumber: "Sivu {0}",
  sortAscending: "Lajiteltu A–Ö",
  sortDescending: "Lajiteltu Ö–A",
  refresh: "Päivitä",
  gridLabel: "Näkymän {0} ruudukko",
  openRecord: "Avaa {0}",
  controlLoadFailed: "Ohjausobjektia {0} ei voitu ladata: {1}",
  toggleSelection: "Vaihda valinta",
  toggleSelectAll: "Vaihda kaikkien rivien valinta",
  selectRow: "Valitse rivi",
  yes: "Kyllä",
  no: "Ei",
};

const tables: Record<LanguageId, Record<ChromeStringId, string>> = { 1033: en, 1035: fi };

/** The string in the language, with {0}, {1}… replaced by the arguments (as text). */
export function chromeString(languageId: LanguageId, id: ChromeStringId, ...args: (string | number)[]): string {
  return tables[languageId][id].replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}
