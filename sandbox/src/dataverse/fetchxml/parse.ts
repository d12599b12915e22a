/**
 * FetchXML to a small query model. Elements and attributes the stand-in does not evaluate (fiscal date
 * groupings, row aggregates, lambda-style link types, valueof comparisons, …) are refused by name with a 501.
 * Element and attribute reference: https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/reference/
 */
import type { Element } from "@xmldom/xmldom";
import { badRequest, ErrorCodes, notImplemented } from "../errors";
import { attribute as attr, childElements as children, parseXml, XmlError } from "../xml";

/**
 * "You can add up to 15 link-entity elements to a query" — more is error 0x8004430D, "Number of link
 * entities in query exceeded maximum limit." (Join tables using FetchXml, Limitations:
 * https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/join-tables#limitations).
 */
export const MAX_LINK_ENTITIES = 15;
/** The sandbox's own limits, checked before any work: nested filters, conditions and `<value>`s in one query. */
export const MAX_FILTER_NESTING = 32;
export const MAX_CONDITIONS = 500;
export const MAX_CONDITION_VALUES = 2000;

const INT32_MAX = 2_147_483_647;

/** What one query has used so far, against the limits above. */
interface Budget {
  links: number;
  conditions: number;
  values: number;
}

export interface FetchCondition {
  attribute: string;
  operator: string;
  value?: string;
  values: string[];
  /** Alias of a link-entity the condition applies to (condition in the root filter). */
  entityName?: string;
}

export interface FetchFilter {
  type: "and" | "or";
  conditions: FetchCondition[];
  filters: FetchFilter[];
}

/** An `<order>`: by a column (of this entity, or of the link-entity `entityName` names) or, in aggregate queries, by an alias. */
export interface FetchOrder {
  attribute?: string;
  alias?: string;
  entityName?: string;
  descending: boolean;
}

/** The aggregate functions of "Aggregate data using FetchXml" (attribute element reference). */
export const AGGREGATE_FUNCTIONS = ["count", "countcolumn", "sum", "avg", "min", "max"] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];
/** The date groupings the attribute element reference lists; the fiscal ones need fiscal year settings the sandbox does not model. */
export const DATE_GROUPINGS = ["day", "week", "month", "quarter", "year", "fiscal-period", "fiscal-year"] as const;
export type DateGrouping = (typeof DATE_GROUPINGS)[number];

export interface FetchAttribute {
  name: string;
  alias?: string;
  aggregate?: AggregateFunction;
  /** `distinct="true"` on a `countcolumn` aggregate: count unique values. */
  distinct: boolean;
  groupBy: boolean;
  dateGrouping?: DateGrouping;
}

export interface FetchEntity {
  name: string;
  allAttributes: boolean;
  attributes: FetchAttribute[];
  orders: FetchOrder[];
  filters: FetchFilter[];
  links: FetchLink[];
}

export interface FetchLink extends FetchEntity {
  from: string;
  to: string;
  alias?: string;
  linkType: "inner" | "outer";
}

export interface FetchQuery {
  entity: FetchEntity;
  top?: number;
  count?: number;
  page?: number;
  /** The `paging-cookie` attribute as sent (an empty attribute is no cookie). */
  pagingCookie?: string;
  distinct: boolean;
  returnTotalRecordCount: boolean;
  aggregate: boolean;
  aggregateLimit?: number;
  /** `useraworderby`: choice columns sort by their values instead of their labels (Order rows using FetchXml). */
  useRawOrderBy: boolean;
}

const isTrue = (value: string | undefined): boolean => value === "true" || value === "1";

/**
 * Fetch.xsd types these as xs:integer and the fetch element reference calls `count`, `page` and `top`
 * "positive integer" values; the sandbox keeps them within Int32 so that paging arithmetic stays exact.
 */
function integer(element: Element, name: string): number | undefined {
  const text = attr(element, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > INT32_MAX) {
    throw badRequest(`The FetchXML attribute '${name}' must be an integer from 1 to ${INT32_MAX}, not '${text.slice(0, 40)}'.`);
  }
  return value;
}

function parseFilter(element: Element, budget: Budget, depth: number): FetchFilter {
  if (depth > MAX_FILTER_NESTING) throw badRequest(`The FetchXML nests filters more than ${MAX_FILTER_NESTING} levels deep.`, ErrorCodes.invalidArgument);
  const type = attr(element, "type") ?? "and";
  if (type !== "and" && type !== "or") throw badRequest(`Invalid filter type '${type}'.`);
  const filter: FetchFilter = { type, conditions: [], filters: [] };
  for (const child of children(element)) {
    if (child.tagName === "condition") {
      if (attr(child, "valueof")) throw notImplemented("column comparison conditions (valueof) in FetchXML");
      const attribute = attr(child, "attribute");
      const operator = attr(child, "operator");
      if (!attribute || !operator) throw badRequest("A FetchXML condition needs 'attribute' and 'operator'.");
      if (++budget.conditions > MAX_CONDITIONS) throw badRequest(`The FetchXML has more than ${MAX_CONDITIONS} conditions.`, ErrorCodes.invalidArgument);
      const values = children(child).filter((v) => v.tagName === "value");
      budget.values += values.length;
      if (budget.values > MAX_CONDITION_VALUES) {
        throw badRequest(`The FetchXML conditions have more than ${MAX_CONDITION_VALUES} values in all (an 'in' list that long belongs in a join).`, ErrorCodes.invalidArgument);
      }
      filter.conditions.push({
        attribute,
        operator,
        value: attr(child, "value"),
        values: values.map((v) => v.textContent ?? ""),
        entityName: attr(child, "entityname"),
      });
    } else if (child.tagName === "filter") {
      filter.filters.push(parseFilter(child, budget, depth + 1));
    } else if (child.tagName === "link-entity") {
      throw notImplemented("link-entity inside a filter (any/not any/exists) in FetchXML");
    } else {
      throw badRequest(`Unexpected element '${child.tagName}' in a FetchXML filter.`);
    }
  }
  return filter;
}

function parseEntity(element: Element, isLink: boolean, budget: Budget): FetchEntity {
  const name = attr(element, "name");
  if (!name) throw badRequest(`The FetchXML ${isLink ? "link-entity" : "entity"} element needs a 'name'.`);
  const entity: FetchEntity = { name, allAttributes: false, attributes: [], orders: [], filters: [], links: [] };
  for (const child of children(element)) {
    switch (child.tagName) {
      case "all-attributes":
        entity.allAttributes = true;
        break;
      case "attribute":
        entity.attributes.push(parseAttribute(child));
        break;
      case "order": {
        const order: FetchOrder = {
          attribute: attr(child, "attribute"),
          alias: attr(child, "alias"),
          entityName: attr(child, "entityname"),
          descending: isTrue(attr(child, "descending")),
        };
        if (!order.attribute && !order.alias) throw badRequest("A FetchXML order element needs an 'attribute' or an 'alias'.", ErrorCodes.invalidArgument);
        if (order.entityName && isLink) throw notImplemented("an order with 'entityname' inside a link-entity");
        entity.orders.push(order);
        break;
      }
      case "filter":
        entity.filters.push(parseFilter(child, budget, 1));
        break;
      case "link-entity":
        if (++budget.links > MAX_LINK_ENTITIES) throw badRequest("Number of link entities in query exceeded maximum limit.", "0x8004430D");
        entity.links.push(parseLink(child, budget));
        break;
      default:
        throw badRequest(`Unexpected element '${child.tagName}' in FetchXML.`);
    }
  }
  return entity;
}

function parseAttribute(element: Element): FetchAttribute {
  const name = attr(element, "name");
  if (!name) throw badRequest("A FetchXML attribute element needs a 'name'.");
  if (attr(element, "rowaggregate")) throw notImplemented("row aggregates (the attribute 'rowaggregate') in FetchXML");
  const aggregate = attr(element, "aggregate");
  if (aggregate !== undefined && !(AGGREGATE_FUNCTIONS as readonly string[]).includes(aggregate)) {
    throw badRequest(`'${aggregate.slice(0, 40)}' is not a FetchXML aggregate function (${AGGREGATE_FUNCTIONS.join(", ")}).`, ErrorCodes.invalidArgument);
  }
  const dateGrouping = attr(element, "dategrouping");
  if (dateGrouping !== undefined && !(DATE_GROUPINGS as readonly string[]).includes(dateGrouping)) {
    throw badRequest(`'${dateGrouping.slice(0, 40)}' is not a FetchXML date grouping (${DATE_GROUPINGS.join(", ")}).`, ErrorCodes.invalidArgument);
  }
  return {
    name,
    alias: attr(element, "alias"),
    aggregate: aggregate as AggregateFunction | undefined,
    distinct: isTrue(attr(element, "distinct")),
    groupBy: isTrue(attr(element, "groupby")),
    dateGrouping: dateGrouping as DateGrouping | undefined,
  };
}

function parseLink(element: Element, budget: Budget): FetchLink {
  const linkType = attr(element, "link-type") ?? "inner";
  if (linkType !== "inner" && linkType !== "outer") throw notImplemented(`the FetchXML link-type '${linkType}'`);
  const from = attr(element, "from");
  const to = attr(element, "to");
  if (!from || !to) throw badRequest("A FetchXML link-entity needs 'from' and 'to'.");
  return { ...parseEntity(element, true, budget), from, to, alias: attr(element, "alias"), linkType };
}

export function parseFetchXml(text: string): FetchQuery {
  let root: Element;
  try {
    root = parseXml(text, "The FetchXML").documentElement as Element;
  } catch (error) {
    if (error instanceof XmlError) throw badRequest(error.message, "0x80041102");
    throw error;
  }
  if (root.tagName !== "fetch") throw badRequest("The FetchXML root element must be <fetch>.", "0x80041102");
  // Long term data retention: retained rows are another store the sandbox does not keep.
  if (attr(root, "datasource") === "retained") throw notImplemented("queries on retained data (datasource='retained')");
  const entities = children(root).filter((c) => c.tagName === "entity");
  if (entities.length !== 1) throw badRequest("FetchXML must contain exactly one entity element.", "0x80041102");
  return {
    entity: parseEntity(entities[0], false, { links: 0, conditions: 0, values: 0 }),
    top: integer(root, "top"),
    count: integer(root, "count"),
    page: integer(root, "page"),
    pagingCookie: attr(root, "paging-cookie") || undefined,
    distinct: isTrue(attr(root, "distinct")),
    returnTotalRecordCount: isTrue(attr(root, "returntotalrecordcount")),
    aggregate: isTrue(attr(root, "aggregate")),
    aggregateLimit: integer(root, "aggregatelimit"),
    useRawOrderBy: isTrue(attr(root, "useraworderby")),
  };
}
