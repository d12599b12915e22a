/**
 * Draws a chart's points with Fluent UI's charting controls (@fluentui/react-charting), the chart types
 * Unified Interface supports for our charts (Series ChartType: Pie, Doughnut, Column, StackedColumn, Bar).
 * Category and legend labels are passed as data, which the controls render as SVG/HTML text, never markup.
 */
import * as React from "react";
import { MessageBar, Text } from "@fluentui/react";
import {
  DataVizPalette,
  DonutChart,
  getColorFromToken,
  GroupedVerticalBarChart,
  HorizontalBarChartWithAxis,
  VerticalBarChart,
  VerticalStackedBarChart,
} from "@fluentui/react-charting";
import type { LanguageId } from "../../shared/session";
import { dashboardString } from "../dashboards/dashboardTexts";
import type { ChartDefinition } from "./chartDefinition";
import type { ChartData } from "./chartData";

export interface ChartViewProps {
  definition: ChartDefinition;
  data: ChartData;
  title: string;
  languageId: LanguageId;
  width: number;
  height: number;
}

const FALLBACK = [DataVizPalette.color1, DataVizPalette.color2, DataVizPalette.color3, DataVizPalette.color4, DataVizPalette.color5].map((token) =>
  getColorFromToken(token),
);

/**
 * The hover callout of a point: its label and value, as text. The controls' own hover card (ChartHoverCard)
 * comes out undefined in the sandbox's esbuild bundle of the package's ES modules, so every chart is given
 * this one instead.
 */
function callout(point?: { legend?: string; label: string | number | Date; value?: number }): React.ReactElement | null {
  if (!point) return null;
  return (
    <Text variant="small" styles={{ root: { padding: 8, display: "block" } }}>
      {point.legend ?? String(point.label)}: {point.value ?? ""}
    </Text>
  );
}

/** Legends show a label as it is written: the controls' own style capitalizes each word. */
const legendProps = { styles: { legend: { textTransform: "none" as const } } };

export function ChartView({ definition, data, title, languageId, width, height }: ChartViewProps): React.ReactElement {
  const palette = definition.palette.length > 0 ? definition.palette : FALLBACK;
  const color = (index: number) => palette[index % palette.length];
  const [first] = data.series;
  if (data.categories.length === 0 || !first) return <Text variant="small">{dashboardString(languageId, "noData")}</Text>;

  switch (definition.chartType.toLowerCase()) {
    case "pie":
    case "doughnut":
      return (
        <DonutChart
          data={{ chartTitle: title, chartData: data.categories.map((c, i) => ({ legend: c.label, data: first.values[i], color: color(i) })) }}
          innerRadius={definition.chartType.toLowerCase() === "pie" ? 0 : 40}
          width={width}
          height={height}
          hideLabels={false}
          legendProps={legendProps}
          onRenderCalloutPerDataPoint={(p) => callout(p && { legend: p.legend, label: "", value: p.data })}
        />
      );
    case "column":
      if (data.series.length === 1) {
        return (
          <VerticalBarChart
            data={data.categories.map((c, i) => ({ x: c.label, y: first.values[i], legend: c.label, color: color(i) }))}
            chartTitle={title}
            width={width}
            height={height}
            hideLegend={false}
            legendProps={legendProps}
            onRenderCalloutPerDataPoint={(p) => callout(p && { legend: p.legend, label: p.x, value: p.y })}
          />
        );
      }
      return (
        <GroupedVerticalBarChart
          data={data.categories.map((c, i) => ({
            name: c.label,
            series: data.series.map((s, j) => ({ key: s.key, data: s.values[i], color: color(j), legend: s.label })),
          }))}
          chartTitle={title}
          width={width}
          height={height}
          legendProps={legendProps}
          onRenderCalloutPerDataPoint={(p) => callout(p && { legend: p.legend, label: "", value: p.data })}
        />
      );
    case "stackedcolumn":
      return (
        <VerticalStackedBarChart
          data={data.categories.map((c, i) => ({
            xAxisPoint: c.label,
            chartData: data.series.map((s, j) => ({ legend: s.label, data: s.values[i], color: color(j) })),
          }))}
          chartTitle={title}
          width={width}
          height={height}
          legendProps={legendProps}
          onRenderCalloutPerDataPoint={(p) => callout(p && { legend: p.legend, label: "", value: p.data })}
        />
      );
    case "bar":
      return (
        <HorizontalBarChartWithAxis
          data={data.categories.map((c, i) => ({ y: c.label, x: first.values[i], legend: c.label, color: color(i) }))}
          chartTitle={title}
          width={width}
          height={height}
          legendProps={legendProps}
          // Room for the category names on the left axis.
          margins={{ left: Math.min(160, Math.round(width / 3)), right: 20, top: 20, bottom: 35 }}
          onRenderCalloutPerDataPoint={(p) => callout(p && { legend: p.legend, label: p.y, value: p.x })}
        />
      );
    default:
      return <MessageBar>{dashboardString(languageId, "unsupportedChartType", definition.chartType)}</MessageBar>;
  }
}
