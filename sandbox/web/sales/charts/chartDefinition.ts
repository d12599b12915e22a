/**
 * A system chart as a model-driven app reads it from its savedqueryvisualization record
 * (learn.microsoft.com/power-apps/developer/model-driven-apps/understand-charts-underlying-data-chart-representation):
 * - the data description: one aggregate `<fetch>`, a `<category>` naming the groupby that is the horizontal
 *   axis, and one `<measurecollection>` per series; a second groupby makes a comparison chart whose series
 *   are that column's values (Sample charts, "Comparison Chart");
 * - the presentation description: the Chart Controls XML, of which the Unified Interface subset is read
 *   here: each series' `ChartType` and `LegendText`.
 */

export interface ChartDefinition {
  id: string;
  /** The chart's name as the record carries it (the dashboard tile shows its own, localized label). */
  name: string;
  /** The table the chart queries (primaryentitytypecode). */
  entity: string;
  /** The `<fetch>` of the data description, serialized. */
  fetchXml: string;
  /** Alias of the groupby on the horizontal axis. */
  categoryAlias: string;
  /** Alias of the second groupby of a comparison chart, whose values are the series. */
  seriesGroupAlias: string | null;
  /** The measure of each measure collection (one series each), with that series' legend text. */
  measures: { alias: string; legendText: string | null }[];
  /** ChartType of the first series (Column when absent, as Chart Controls default). */
  chartType: string;
  /** `<Chart PaletteCustomColors>` as CSS colors, in order (empty when the chart names none). */
  palette: string[];
}

export interface SavedQueryVisualizationRow {
  savedqueryvisualizationid: string;
  name: string | null;
  primaryentitytypecode: string | null;
  datadescription: string | null;
  presentationdescription: string | null;
}

const ELEMENT = 1;

function parse(xml: string, what: string): Document {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  if (!doc.documentElement || doc.getElementsByTagName("parsererror").length > 0) throw new Error(`The chart's ${what} is not well-formed XML.`);
  return doc;
}

export function children(parent: Element | Document, name?: string): Element[] {
  return Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === ELEMENT && (name === undefined || (n as Element).tagName === name));
}

function child(parent: Element | undefined, name: string): Element | undefined {
  return parent ? children(parent, name)[0] : undefined;
}

/** "91,151,213; 213,112,44" → rgb() colors; a color that is not three numbers 0–255 is skipped. */
function paletteOf(text: string): string[] {
  return text
    .split(";")
    .map((part) => part.split(",").map((n) => Number(n.trim())))
    .filter((rgb) => rgb.length === 3 && rgb.every((n) => Number.isInteger(n) && n >= 0 && n <= 255))
    .map(([r, g, b]) => `rgb(${r}, ${g}, ${b})`);
}

export function readChartDefinition(row: SavedQueryVisualizationRow): ChartDefinition {
  if (!row.datadescription) throw new Error(`The chart ${row.savedqueryvisualizationid} has no data description.`);
  const definition = parse(row.datadescription, "data description").documentElement;
  const fetch = child(child(definition, "fetchcollection"), "fetch");
  const entity = child(fetch, "entity");
  if (!fetch || !entity) throw new Error(`The chart ${row.savedqueryvisualizationid} has no <fetch><entity>.`);
  const groupBys = Array.from(entity.getElementsByTagName("attribute"))
    .filter((a) => a.getAttribute("groupby") === "true")
    .map((a) => a.getAttribute("alias") ?? "");
  const category = child(child(definition, "categorycollection"), "category");
  const categoryAlias = category?.getAttribute("alias") || groupBys[0];
  if (!category || !categoryAlias) throw new Error(`The chart ${row.savedqueryvisualizationid} has no category.`);

  const presentation = row.presentationdescription ? parse(row.presentationdescription, "presentation description").documentElement : undefined;
  const series = children(child(presentation, "Series") ?? presentation ?? definition, "Series");
  const measures = children(category, "measurecollection").map((collection, index) => ({
    alias: child(collection, "measure")?.getAttribute("alias") ?? "",
    legendText: series[index]?.getAttribute("LegendText") ?? null,
  }));
  return {
    id: row.savedqueryvisualizationid,
    name: row.name ?? row.savedqueryvisualizationid,
    entity: row.primaryentitytypecode ?? entity.getAttribute("name") ?? "",
    fetchXml: new XMLSerializer().serializeToString(fetch),
    categoryAlias,
    seriesGroupAlias: groupBys.find((alias) => alias !== categoryAlias) ?? null,
    measures,
    chartType: series[0]?.getAttribute("ChartType") || "Column",
    palette: paletteOf(presentation?.getAttribute("PaletteCustomColors") ?? ""),
  };
}
