/**
 * FetchXML to a small query model. Elements and attributes the stand-in does not evaluate (aggregates,
 * lambda-style link types, valueof comparisons, …) are refused by name with a 501.
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

export interface FetchOrder {
  attribute: string;
  descending: boolean;
}

export interface FetchEntity {
  name: string;
  allAttributes: boolean;
  attributes: { name: string; alias?: string }[];
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
  distinct: boolean;
  returnTotalRecordCount: boolean;
}

function integer(element: Element, name: string): number | undefined {
  const text = attr(element, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  // Fetch.xsd types these as xs:integer; the sandbox keeps them within Int32 so that paging arithmetic stays exact.
  if (!Number.isInteger(value) || value < 0 || value > INT32_MAX) {
    throw badRequest(`The FetchXML attribute '${name}' must be an integer from 0 to ${INT32_MAX}, not '${text.slice(0, 40)}'.`);
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
      case "attribute": {
        const attributeName = attr(child, "name");
        if (!attributeName) throw badRequest("A FetchXML attribute element needs a 'name'.");
        if (attr(child, "aggregate") || attr(child, "groupby") || attr(child, "dategrouping")) {
          throw notImplemented("aggregate FetchXML (aggregate/groupby attributes)");
        }
        entity.attributes.push({ name: attributeName, alias: attr(child, "alias") });
        break;
      }
      case "order": {
        const attributeName = attr(child, "attribute");
        if (!attributeName) throw notImplemented("FetchXML order by alias (aggregate queries)");
        entity.orders.push({ attribute: attributeName, descending: attr(child, "descending") === "true" });
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
  if (attr(root, "aggregate") === "true") throw notImplemented("aggregate FetchXML");
  const entities = children(root).filter((c) => c.tagName === "entity");
  if (entities.length !== 1) throw badRequest("FetchXML must contain exactly one entity element.", "0x80041102");
  return {
    entity: parseEntity(entities[0], false, { links: 0, conditions: 0, values: 0 }),
    top: integer(root, "top"),
    count: integer(root, "count"),
    page: integer(root, "page"),
    distinct: attr(root, "distinct") === "true",
    returnTotalRecordCount: attr(root, "returntotalrecordcount") === "true",
  };
}
