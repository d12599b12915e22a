/**
 * The query a chart runs on a view, as model-driven apps combine them: "filters are applied on charts
 * through views … the chart will display data that is returned after it applies all the filters"
 * (Understand charts: underlying data and chart representation). So the view's FetchXML keeps its filters
 * and joins but loses its columns, orders and paging, and takes the chart's aggregate columns, orders,
 * filters and joins instead.
 */
import { children } from "./chartDefinition";

const COLUMN_ELEMENTS = new Set(["attribute", "all-attributes", "order"]);
const PAGING_ATTRIBUTES = ["count", "page", "top", "paging-cookie", "returntotalrecordcount", "distinct"];

function parse(xml: string, what: string): Document {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  if (!doc.documentElement || doc.getElementsByTagName("parsererror").length > 0) throw new Error(`The ${what} is not well-formed XML.`);
  return doc;
}

/** Drops the columns and orders of an entity and of every join under it (the filters and joins stay). */
function dropColumns(element: Element): void {
  for (const node of children(element)) {
    if (COLUMN_ELEMENTS.has(node.tagName)) element.removeChild(node);
    else if (node.tagName === "link-entity") dropColumns(node);
  }
}

function aliases(entity: Element): Set<string> {
  return new Set(Array.from(entity.getElementsByTagName("link-entity")).map((link) => link.getAttribute("alias") ?? "").filter(Boolean));
}

/** The aggregate FetchXML of `chartFetchXml` applied to the rows of `viewFetchXml`. */
export function chartOnViewFetchXml(viewFetchXml: string, chartFetchXml: string): string {
  const view = parse(viewFetchXml, "view's fetchxml");
  const chart = parse(chartFetchXml, "chart's fetch");
  const viewEntity = children(view.documentElement, "entity")[0];
  const chartEntity = children(chart.documentElement, "entity")[0];
  if (!viewEntity || !chartEntity) throw new Error("A view or chart query has no <entity>.");
  if (viewEntity.getAttribute("name") !== chartEntity.getAttribute("name")) {
    throw new Error(`The chart queries '${chartEntity.getAttribute("name")}' but the view lists '${viewEntity.getAttribute("name")}'.`);
  }
  const taken = aliases(viewEntity);
  for (const alias of aliases(chartEntity)) if (taken.has(alias)) throw new Error(`The chart and the view both join as '${alias}'.`);

  const fetch = view.documentElement;
  for (const name of PAGING_ATTRIBUTES) fetch.removeAttribute(name);
  for (const name of ["top", "count"]) {
    const value = chart.documentElement.getAttribute(name);
    if (value) fetch.setAttribute(name, value);
  }
  fetch.setAttribute("aggregate", "true");
  dropColumns(viewEntity);
  for (const node of children(chartEntity)) viewEntity.appendChild(view.importNode(node, true));
  return new XMLSerializer().serializeToString(view);
}
