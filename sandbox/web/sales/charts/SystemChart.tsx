/** A system chart on a view: loads the chart, the view and the aggregate rows, then draws them. */
import * as React from "react";
import { MessageBar, MessageBarType, Spinner, SpinnerSize } from "@fluentui/react";
import type { SalesSession } from "../../shared/session";
import { dashboardString } from "../dashboards/dashboardTexts";
import type { ChartDefinition } from "./chartDefinition";
import type { ChartData } from "./chartData";
import { ChartView } from "./ChartView";
import { loadChartData, loadChartDefinition, loadViewFetchXml } from "./loadChart";

export interface SystemChartProps {
  session: SalesSession;
  chartId: string;
  viewId: string;
  /** The tile's title in the user's language (the dashboard cell's label). */
  title: string;
  width: number;
  height: number;
}

type State = { kind: "loading" } | { kind: "error"; message: string } | { kind: "ready"; definition: ChartDefinition; data: ChartData };

export function SystemChart({ session, chartId, viewId, title, width, height }: SystemChartProps): React.ReactElement {
  const lang = session.languageId;
  const [state, setState] = React.useState<State>({ kind: "loading" });

  React.useEffect(() => {
    let current = true;
    setState({ kind: "loading" });
    Promise.all([loadChartDefinition(session, chartId), loadViewFetchXml(session, viewId)])
      .then(async ([definition, viewFetchXml]) => ({ definition, data: await loadChartData(session, definition, viewFetchXml, dashboardString(lang, "blank")) }))
      .then(
        ({ definition, data }) => current && setState({ kind: "ready", definition, data }),
        (error: unknown) => current && setState({ kind: "error", message: error instanceof Error ? error.message : String(error) }),
      );
    return () => {
      current = false;
    };
  }, [session, chartId, viewId, lang]);

  if (state.kind === "loading") return <Spinner size={SpinnerSize.medium} />;
  if (state.kind === "error") {
    return (
      <MessageBar messageBarType={MessageBarType.error} isMultiline>
        {dashboardString(lang, "chartFailed", state.message)}
      </MessageBar>
    );
  }
  return (
    <figure aria-label={dashboardString(lang, "chartLabel", title)} data-chart-id={chartId} data-chart-type={state.definition.chartType} style={{ margin: 0 }}>
      <ChartView definition={state.definition} data={state.data} title={title} languageId={lang} width={width} height={height} />
    </figure>
  );
}
