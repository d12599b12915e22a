/** The words of the dashboard page and its chart and list tiles, in English and Finnish. */
import type { LanguageId } from "../../shared/session";

const en = {
  myWork: "My work",
  dashboards: "Dashboards",
  selectDashboard: "Select a dashboard",
  noDashboards: "No dashboards are available.",
  blank: "(blank)",
  noData: "No data available",
  chartFailed: "The chart could not be shown: {0}",
  listFailed: "The list could not be shown: {0}",
  unsupportedChartType: "The sandbox does not draw {0} charts.",
  unsupportedControl: "The sandbox does not show this dashboard component.",
  chartLabel: "Chart: {0}",
  rows: "Rows: {0}",
} as const;

type DashboardStringId = keyof typeof en;

const fi: Record<DashboardStringId, string> = {
  myWork: "Oma työ",
  dashboards: "Koontinäytöt",
  selectDashboard: "Valitse koontinäyttö",
  noDashboards: "Koontinäyttöjä ei ole käytettävissä.",
  blank: "(tyhjä)",
  noData: "Ei tietoja",
  chartFailed: "Kaaviota ei voitu näyttää: {0}",
  listFailed: "Luetteloa ei voitu näyttää: {0}",
  unsupportedChartType: "Hiekkalaatikko ei piirrä kaaviotyyppiä {0}.",
  unsupportedControl: "Hiekkalaatikko ei näytä tätä koontinäytön osaa.",
  chartLabel: "Kaavio: {0}",
  rows: "Rivejä: {0}",
};

const tables: Record<LanguageId, Record<DashboardStringId, string>> = { 1033: en, 1035: fi };

export function dashboardString(languageId: LanguageId, id: DashboardStringId, ...args: (string | number)[]): string {
  return tables[languageId][id].replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}
