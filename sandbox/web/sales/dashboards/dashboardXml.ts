/**
 * A system dashboard's form XML (systemform type 0) as a model-driven app lays it out: tabs, sections
 * of `columns` equal columns, and rows of cells, each cell spanning `colspan` columns and `rowspan` rows
 * (the `<row />`s after a tall cell are the rows it covers). A cell's control of the subgrid class shows a
 * chart (`ChartGridMode` Chart, `VisualizationId` on `ViewId`) or a list (`ChartGridMode` Grid, `ViewId`),
 * as exported dashboards carry them (microsoft/coe-starter-kit: …/SolutionPackage/src/Dashboards/).
 */
import type { LanguageId } from "../../shared/session";

/** The subgrid control's class id (lower case, no braces); solution/PLATFORM-FACTS.md. */
export const SUBGRID_CLASS_ID = "e7a81278-8635-4d9e-8d4d-59480b391c5b";

export interface DashboardTile {
  id: string;
  label: string;
  showLabel: boolean;
  kind: "chart" | "list" | "unsupported";
  entity: string;
  viewId: string;
  chartId: string;
  recordsPerPage: number;
  /** Grid placement: 1-based row and column, and the spans. */
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
}

export interface DashboardSection {
  label: string;
  showLabel: boolean;
  columns: number;
  tiles: DashboardTile[];
}

export interface DashboardTab {
  label: string;
  showLabel: boolean;
  sections: DashboardSection[];
}

const ELEMENT = 1;

function children(parent: Element, name: string): Element[] {
  return Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === ELEMENT && (n as Element).tagName === name);
}

const child = (parent: Element | undefined, name: string): Element | undefined => (parent ? children(parent, name)[0] : undefined);

/** The label in the user's language, else English, else the first. */
function labelOf(element: Element, languageId: LanguageId): string {
  const labels = children(child(element, "labels") ?? element, "label");
  const pick = labels.find((l) => l.getAttribute("languagecode") === String(languageId)) ?? labels.find((l) => l.getAttribute("languagecode") === "1033") ?? labels[0];
  return pick?.getAttribute("description") ?? "";
}

const guid = (text: string | null | undefined) => (text ?? "").trim().replace(/[{}]/g, "").toLowerCase();

function parameter(control: Element, name: string): string {
  return child(child(control, "parameters"), name)?.textContent?.trim() ?? "";
}

function tileOf(cell: Element, row: number, column: number, languageId: LanguageId): DashboardTile | null {
  const control = child(cell, "control");
  if (!control) return null;
  const isSubgrid = guid(control.getAttribute("classid")) === SUBGRID_CLASS_ID;
  const mode = parameter(control, "ChartGridMode");
  const chartId = guid(parameter(control, "VisualizationId"));
  const kind = !isSubgrid ? "unsupported" : mode === "Chart" && chartId ? "chart" : "list";
  return {
    id: cell.getAttribute("id") ?? control.getAttribute("id") ?? `${row}:${column}`,
    label: labelOf(cell, languageId),
    showLabel: cell.getAttribute("showlabel") !== "false",
    kind,
    entity: parameter(control, "TargetEntityType"),
    viewId: guid(parameter(control, "ViewId")),
    chartId,
    recordsPerPage: Number(parameter(control, "RecordsPerPage")) || 10,
    row,
    column,
    rowSpan: Math.max(1, Number(cell.getAttribute("rowspan") ?? "1") || 1),
    colSpan: Math.max(1, Number(cell.getAttribute("colspan") ?? "1") || 1),
  };
}

function sectionOf(section: Element, languageId: LanguageId): DashboardSection {
  const tiles: DashboardTile[] = [];
  children(child(section, "rows") ?? section, "row").forEach((row, rowIndex) => {
    let column = 1;
    for (const cell of children(row, "cell")) {
      const tile = tileOf(cell, rowIndex + 1, column, languageId);
      column += Math.max(1, Number(cell.getAttribute("colspan") ?? "1") || 1);
      if (tile) tiles.push(tile);
    }
  });
  // columns="11" is two equal columns, "1111" four.
  const columns = Math.max(1, (section.getAttribute("columns") ?? "1").length);
  return { label: labelOf(section, languageId), showLabel: section.getAttribute("showlabel") === "true", columns, tiles };
}

export function parseDashboardXml(formXml: string, languageId: LanguageId): DashboardTab[] {
  const doc = new DOMParser().parseFromString(formXml, "text/xml");
  if (!doc.documentElement || doc.getElementsByTagName("parsererror").length > 0) throw new Error("The dashboard's formxml is not well-formed XML.");
  return Array.from(doc.getElementsByTagName("tab")).map((tab) => ({
    label: labelOf(tab, languageId),
    showLabel: tab.getAttribute("showlabel") !== "false",
    sections: Array.from(tab.getElementsByTagName("section")).map((section) => sectionOf(section, languageId)),
  }));
}
