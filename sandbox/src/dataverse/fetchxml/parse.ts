/**
 * FetchXML to a small query model. Elements and attributes the stand-in does not evaluate (aggregates,
 * lambda-style link types, valueof comparisons, …) are refused by name with a 501.
 */
import type { Element } from "@xmldom/xmldom";
import { badRequest, notImplemented } from "../errors";
import { attribute as attr, childElements as children, parseXml, XmlError } from "../xml";

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
  if (!Number.isInteger(value) || value < 0) throw badRequest(`The FetchXML attribute '${name}' must be a non-negative integer, not '${text}'.`);
  return value;
}

function parseFilter(element: Element): FetchFilter {
  const type = attr(element, "type") ?? "and";
  if (type !== "and" && type !== "or") throw badRequest(`Invalid filter type '${type}'.`);
  const filter: FetchFilter = { type, conditions: [], filters: [] };
  for (const child of children(element)) {
    if (child.tagName === "condition") {
      if (attr(child, "valueof")) throw notImplemented("column comparison conditions (valueof) in FetchXML");
      const attribute = attr(child, "attribute");
      const operator = attr(child, "operator");
      if (!attribute || !operator) throw badRequest("A FetchXML condition needs 'attribute' and 'operator'.");
      filter.conditions.push({
        attribute,
        operator,
        value: attr(child, "value"),
        values: children(child)
          .filter((v) => v.tagName === "value")
          .map((v) => v.textContent ?? ""),
        entityName: attr(child, "entityname"),
      });
    } else if (child.tagName === "filter") {
      filter.filters.push(parseFilter(child));
    } else if (child.tagName === "link-entity") {
      throw notImplemented("link-entity inside a filter (any/not any/exists) in FetchXML");
    } else {
      throw badRequest(`Unexpected element '${child.tagName}' in a FetchXML filter.`);
    }
  }
  return filter;
}

function parseEntity(element: Element, isLink: boolean): FetchEntity {
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
        entity.filters.push(parseFilter(child));
        break;
      case "link-entity":
        entity.links.push(parseLink(child));
        break;
      default:
        throw badRequest(`Unexpected element '${child.tagName}' in FetchXML.`);
    }
  }
  return entity;
}

function parseLink(element: Element): FetchLink {
  const linkType = attr(element, "link-type") ?? "inner";
  if (linkType !== "inner" && linkType !== "outer") throw notImplemented(`the FetchXML link-type '${linkType}'`);
  const from = attr(element, "from");
  const to = attr(element, "to");
  if (!from || !to) throw badRequest("A FetchXML link-entity needs 'from' and 'to'.");
  return { ...parseEntity(element, true), from, to, alias: attr(element, "alias"), linkType };
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
    entity: parseEntity(entities[0], false),
    top: integer(root, "top"),
    count: integer(root, "count"),
    page: integer(root, "page"),
    distinct: attr(root, "distinct") === "true",
    returnTotalRecordCount: attr(root, "returntotalrecordcount") === "true",
  };
}
