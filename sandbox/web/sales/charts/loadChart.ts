/**
 * The Web API calls behind a chart tile: the chart (`savedqueryvisualizations(<id>)`), the view it runs
 * on (`savedqueries(<id>)`) and the combined aggregate query (`<entity set>?fetchXml=`), answered in the
 * user's language (FormattedValue annotations), as a model-driven app does.
 */
import type { SalesSession } from "../../shared/session";
import { salesEntity } from "../shell/entities";
import { apiError } from "../views/viewData";
import { readChartDefinition, type ChartDefinition, type SavedQueryVisualizationRow } from "./chartDefinition";
import { chartData, type ChartData } from "./chartData";
import { chartOnViewFetchXml } from "./chartQuery";

const ANNOTATIONS = { Prefer: 'odata.include-annotations="OData.Community.Display.V1.FormattedValue"' };

const guid = (id: string) => id.replace(/[{}]/g, "").toLowerCase();

async function json<T>(session: SalesSession, path: string): Promise<T> {
  const response = await session.fetchApi(path, { headers: ANNOTATIONS });
  if (!response.ok) throw await apiError(response);
  return (await response.json()) as T;
}

export async function loadChartDefinition(session: SalesSession, chartId: string): Promise<ChartDefinition> {
  const row = await json<SavedQueryVisualizationRow>(
    session,
    `savedqueryvisualizations(${guid(chartId)})?$select=savedqueryvisualizationid,name,primaryentitytypecode,datadescription,presentationdescription`,
  );
  return readChartDefinition(row);
}

export async function loadViewFetchXml(session: SalesSession, viewId: string): Promise<string> {
  const row = await json<{ fetchxml: string | null }>(session, `savedqueries(${guid(viewId)})?$select=fetchxml`);
  if (!row.fetchxml) throw new Error(`The view ${viewId} has no fetchxml.`);
  return row.fetchxml;
}

/** The chart's points on the view's rows. */
export async function loadChartData(session: SalesSession, definition: ChartDefinition, viewFetchXml: string, blank: string): Promise<ChartData> {
  const entity = salesEntity(definition.entity);
  if (!entity) throw new Error(`The sandbox's Sales Hub has no table '${definition.entity}'.`);
  const fetchXml = chartOnViewFetchXml(viewFetchXml, definition.fetchXml);
  const body = await json<{ value: Record<string, unknown>[] }>(session, `${entity.entitySetName}?fetchXml=${encodeURIComponent(fetchXml)}`);
  return chartData(definition, body.value, blank);
}
