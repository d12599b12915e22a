/** Parses the OData system query options the stand-in supports; any other `$` option is a named 501. */
import { badRequest, notImplemented } from "../errors";
import { parseFilter, type FilterExpression } from "./filterParser";

export interface ExpandItem {
  navigationProperty: string;
  select?: string[];
}

export interface OrderItem {
  property: string;
  descending: boolean;
}

export interface ODataQuery {
  select?: string[];
  filter?: FilterExpression;
  orderby: OrderItem[];
  top?: number;
  count: boolean;
  expand: ExpandItem[];
  /** Page number from `$skiptoken` (the paging cookie this stand-in hands out in `@odata.nextLink`). */
  page: number;
}

const SUPPORTED = new Set(["$select", "$filter", "$orderby", "$top", "$count", "$expand", "$skiptoken"]);

/** Splits on a separator outside parentheses and quotes. */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === "(") depth++;
    if (!quoted && ch === ")") depth--;
    if (!quoted && depth === 0 && ch === separator) {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function parseSelect(value: string): string[] {
  const names = splitTopLevel(value, ",");
  for (const name of names) {
    if (!/^[\w]+$/.test(name)) throw notImplemented(`'${name}' in $select (only property names are supported)`);
  }
  return names;
}

function parseExpand(value: string): ExpandItem[] {
  return splitTopLevel(value, ",").map((item) => {
    const match = /^(\w+)(?:\((.*)\))?$/s.exec(item);
    if (!match) throw badRequest(`Syntax error in $expand at '${item}'.`);
    const expand: ExpandItem = { navigationProperty: match[1] };
    for (const option of splitTopLevel(match[2] ?? "", ";")) {
      const eq = option.indexOf("=");
      const name = option.slice(0, eq);
      if (name === "$select") expand.select = parseSelect(option.slice(eq + 1));
      else throw notImplemented(`the nested query option '${name}' inside $expand`);
    }
    return expand;
  });
}

function parseOrderBy(value: string): OrderItem[] {
  return splitTopLevel(value, ",").map((item) => {
    const [property, direction, ...rest] = item.split(/\s+/);
    if (rest.length > 0 || (direction !== undefined && direction !== "asc" && direction !== "desc")) {
      throw badRequest(`Syntax error in $orderby at '${item}'.`);
    }
    if (property.includes("/")) throw notImplemented(`navigation property paths in $orderby ('${property}')`);
    return { property, descending: direction === "desc" };
  });
}

export function parseSkipToken(token: string): number {
  const match = /pagenumber="(\d{1,10})"/.exec(token);
  const page = match ? Number(match[1]) : NaN;
  // A page number no cookie of this service carries (0, or past Int32) is refused like any other forged cookie.
  if (!Number.isInteger(page) || page < 1 || page > 2_147_483_647) {
    throw badRequest(`The $skiptoken '${token.slice(0, 200)}' is not a paging cookie this service issued.`);
  }
  return page;
}

export function parseQueryOptions(params: URLSearchParams): ODataQuery {
  const query: ODataQuery = { orderby: [], count: false, expand: [], page: 1 };
  for (const [name, value] of params) {
    if (name.startsWith("@")) throw notImplemented(`parameter aliases ('${name}')`);
    // fetchXml/savedQuery/userQuery are handled before OData parsing; other custom query options are
    // ignored, as OData ignores them.
    if (!name.startsWith("$")) continue;
    if (!SUPPORTED.has(name)) throw notImplemented(`the query option '${name}'`);
    switch (name) {
      case "$select":
        query.select = parseSelect(value);
        break;
      case "$filter":
        query.filter = parseFilter(value);
        break;
      case "$orderby":
        query.orderby = parseOrderBy(value);
        break;
      case "$top": {
        const top = Number(value);
        if (!Number.isInteger(top) || top < 0) throw badRequest(`Invalid value '${value}' for $top query option found. The $top query option requires a non-negative integer value.`);
        query.top = top;
        break;
      }
      case "$count":
        if (value !== "true" && value !== "false") throw badRequest(`'${value}' is not a valid count option.`);
        query.count = value === "true";
        break;
      case "$expand":
        query.expand = parseExpand(value);
        break;
      case "$skiptoken":
        query.page = parseSkipToken(value);
        break;
    }
  }
  return query;
}
