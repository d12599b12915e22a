/**
 * Reads a view the way a model-driven grid does: columns and widths from the savedquery's layoutxml,
 * rows from its fetchxml, which the grid pages (count/page) and re-sorts (order) itself.
 */

export interface ViewColumn {
  /** Logical name, or `<link alias>.<column>` for a link-entity column. */
  name: string;
  width: number;
}

export interface ViewLayout {
  /** The primary key column (<row id>). */
  idColumn: string;
  /** The column whose cell opens the record (<grid jump>). */
  jump: string | null;
  columns: ViewColumn[];
  /** Cells with ishidden="1": fetched for the row (a grid customizer may read them), never shown. */
  hiddenColumns: string[];
}

function parse(xml: string, what: string): Document {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  if (doc.getElementsByTagName("parsererror").length > 0) throw new Error(`The view's ${what} is not well-formed XML.`);
  return doc;
}

export function parseLayoutXml(layoutXml: string): ViewLayout {
  const doc = parse(layoutXml, "layoutxml");
  const grid = doc.documentElement;
  const row = grid.getElementsByTagName("row")[0];
  const cells = Array.from(grid.getElementsByTagName("cell")).filter((cell) => (cell.getAttribute("name") ?? "") !== "");
  const hidden = (cell: Element) => cell.getAttribute("ishidden") === "1";
  const columns = cells
    .filter((cell) => !hidden(cell))
    .map((cell) => ({ name: cell.getAttribute("name") ?? "", width: Number(cell.getAttribute("width") ?? "100") || 100 }));
  const hiddenColumns = cells.filter(hidden).map((cell) => cell.getAttribute("name") ?? "");
  return { idColumn: row?.getAttribute("id") ?? "", jump: grid.getAttribute("jump"), columns, hiddenColumns };
}

export interface PageRequest {
  page: number;
  pageSize: number;
  /** A column of the main entity to order by instead of the view's own order. */
  sort?: { attribute: string; descending: boolean };
}

/** The view's FetchXML with the grid's paging, total count and (when the user sorted) order. */
export function pagedFetchXml(fetchXml: string, request: PageRequest): string {
  const doc = parse(fetchXml, "fetchxml");
  const fetch = doc.documentElement;
  fetch.removeAttribute("top");
  fetch.setAttribute("count", String(request.pageSize));
  fetch.setAttribute("page", String(request.page));
  fetch.setAttribute("returntotalrecordcount", "true");
  const entity = fetch.getElementsByTagName("entity")[0];
  if (entity && request.sort) {
    for (const order of Array.from(entity.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).tagName === "order")) {
      entity.removeChild(order);
    }
    const order = doc.createElement("order");
    order.setAttribute("attribute", request.sort.attribute);
    order.setAttribute("descending", String(request.sort.descending));
    entity.appendChild(order);
  }
  return new XMLSerializer().serializeToString(doc);
}

/** The view's own first order (what the grid shows as the sorted column before the user clicks). */
export function viewOrder(fetchXml: string): { attribute: string; descending: boolean } | null {
  const entity = parse(fetchXml, "fetchxml").getElementsByTagName("entity")[0];
  const order = entity ? Array.from(entity.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).tagName === "order") : undefined;
  const attribute = order?.getAttribute("attribute");
  return attribute ? { attribute, descending: order?.getAttribute("descending") === "true" } : null;
}
