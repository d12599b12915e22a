/**
 * The rows of a chart's aggregate query as the points a chart draws: one category per value of the
 * category groupby (its FormattedValue as the label, as Dataverse formats it in the user's language),
 * and one series per measure collection, or, for a comparison chart, per value of the second groupby.
 * Labels are plain text: a category can be a value partners typed (a company name), so it is only ever
 * rendered as text.
 */
import type { ChartDefinition } from "./chartDefinition";

const FORMATTED = "@OData.Community.Display.V1.FormattedValue";

export interface ChartPointGroup {
  key: string;
  label: string;
}

export interface ChartSeries extends ChartPointGroup {
  /** One value per category, in the categories' order. */
  values: number[];
}

export interface ChartData {
  categories: ChartPointGroup[];
  series: ChartSeries[];
}

type Row = Record<string, unknown>;

function group(row: Row, alias: string, blank: string): ChartPointGroup {
  const value = row[alias];
  const formatted = row[`${alias}${FORMATTED}`];
  const key = value === null || value === undefined ? "" : String(value);
  return { key, label: typeof formatted === "string" ? formatted : key === "" ? blank : key };
}

const numberOf = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : Number(value) || 0);

/** `blank` labels a category or series whose value is empty ("(blank)" in the user's language). */
export function chartData(definition: ChartDefinition, rows: readonly Row[], blank: string): ChartData {
  const categories: ChartPointGroup[] = [];
  const indexOf = new Map<string, number>();
  for (const row of rows) {
    const category = group(row, definition.categoryAlias, blank);
    if (!indexOf.has(category.key)) {
      indexOf.set(category.key, categories.length);
      categories.push(category);
    }
  }
  const empty = () => categories.map(() => 0);

  if (definition.seriesGroupAlias) {
    const measure = definition.measures[0]?.alias ?? "";
    const series = new Map<string, ChartSeries>();
    for (const row of rows) {
      const key = group(row, definition.seriesGroupAlias, blank);
      const entry = series.get(key.key) ?? series.set(key.key, { ...key, values: empty() }).get(key.key)!;
      entry.values[indexOf.get(group(row, definition.categoryAlias, blank).key)!] += numberOf(row[measure]);
    }
    return { categories, series: [...series.values()] };
  }

  return {
    categories,
    series: definition.measures.map((measure) => {
      const values = empty();
      for (const row of rows) values[indexOf.get(group(row, definition.categoryAlias, blank).key)!] += numberOf(row[measure.alias]);
      return { key: measure.alias, label: measure.legendText ?? definition.name, values };
    }),
  };
}
