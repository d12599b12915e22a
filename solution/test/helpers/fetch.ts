/**
 * A small reading of FetchXML for the view tests: which attributes a query returns (with link-entity
 * aliases), its ordering, and its filter as a predicate over plain records. Only the operators the
 * views use are understood; anything else throws, so a new operator cannot pass unnoticed.
 */
import type { Element } from "@xmldom/xmldom";
import { childElements } from "../../../tools/build/xml";

export interface LinkEntity {
  name: string;
  from: string;
  to: string;
  linkType: string;
  alias: string;
  element: Element;
}

export type RecordValues = Record<string, string | number | boolean | null | undefined>;
/** A row as the query sees it: the main record plus one record per link-entity alias. */
export type Row = { main: RecordValues; links: Record<string, RecordValues> };
export type Predicate = (values: RecordValues) => boolean;

export function attributeNames(entity: Element): string[] {
  return childElements(entity, "attribute").map((a) => a.getAttribute("name") ?? "");
}

export function linkEntities(entity: Element): LinkEntity[] {
  return childElements(entity, "link-entity").map((element) => ({
    name: element.getAttribute("name") ?? "",
    from: element.getAttribute("from") ?? "",
    to: element.getAttribute("to") ?? "",
    linkType: element.getAttribute("link-type") ?? "inner",
    alias: element.getAttribute("alias") ?? "",
    element,
  }));
}

/** Every column a grid may show: `attr` of the main entity and `alias.attr` of link-entities, nested ones too. */
export function fetchedColumns(entity: Element): Set<string> {
  const columns = new Set(attributeNames(entity));
  const addLinks = (parent: Element): void => {
    for (const link of linkEntities(parent)) {
      for (const name of attributeNames(link.element)) columns.add(`${link.alias}.${name}`);
      addLinks(link.element);
    }
  };
  addLinks(entity);
  return columns;
}

export function orders(entity: Element): { attribute: string; descending: boolean }[] {
  return childElements(entity, "order").map((o) => ({
    attribute: o.getAttribute("attribute") ?? "",
    descending: o.getAttribute("descending") === "true",
  }));
}

export interface Condition {
  attribute: string;
  operator: string;
  value: string | null;
}

/** Every condition under an element's filters, flattened (for "which columns does it filter on"). */
export function conditions(parent: Element): Condition[] {
  const found: Condition[] = [];
  for (const filter of childElements(parent, "filter")) {
    for (const condition of childElements(filter, "condition")) {
      found.push({
        attribute: condition.getAttribute("attribute") ?? "",
        operator: condition.getAttribute("operator") ?? "",
        value: condition.hasAttribute("value") ? condition.getAttribute("value") : null,
      });
    }
    found.push(...conditions(filter));
  }
  return found;
}

function comparable(value: RecordValues[string]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? "1" : "0";
  return String(value);
}

function conditionPredicate(condition: Element): Predicate {
  const attribute = condition.getAttribute("attribute") ?? "";
  const operator = condition.getAttribute("operator") ?? "";
  const value = condition.getAttribute("value");
  switch (operator) {
    case "eq":
      return (values) => comparable(values[attribute]) === value;
    case "ne":
    case "neq":
      return (values) => comparable(values[attribute]) !== null && comparable(values[attribute]) !== value;
    case "null":
      return (values) => comparable(values[attribute]) === null;
    case "not-null":
      return (values) => comparable(values[attribute]) !== null;
    default:
      throw new Error(`fetch.ts does not understand operator "${operator}"`);
  }
}

function filterPredicate(filter: Element): Predicate {
  const parts = [
    ...childElements(filter, "condition").map(conditionPredicate),
    ...childElements(filter, "filter").map(filterPredicate),
  ];
  return filter.getAttribute("type") === "or"
    ? (values) => parts.some((p) => p(values))
    : (values) => parts.every((p) => p(values));
}

/** All filters directly under an entity or link-entity element (they combine with "and"). */
export function entityPredicate(entity: Element): Predicate {
  const filters = childElements(entity, "filter").map(filterPredicate);
  return (values) => filters.every((p) => p(values));
}

/** Whether a row is in the query's result: main filters, and for inner joins a matching linked record (outer joins never drop a row). */
export function matches(entity: Element, row: Row): boolean {
  if (!entityPredicate(entity)(row.main)) return false;
  return linkEntities(entity).every((link) => {
    // An outer join keeps every main row, whatever it finds (the badge columns of the lead views).
    if (link.linkType === "outer") return true;
    if (link.linkType !== "inner") throw new Error(`fetch.ts only evaluates inner and outer link-entities, not "${link.linkType}"`);
    const linked = row.links[link.alias];
    return linked !== undefined && linked[link.from] === row.main[link.to] && entityPredicate(link.element)(linked);
  });
}
