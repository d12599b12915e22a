/**
 * The FetchXML query model to SQL: the root table, one JOIN per link-entity (inner or LEFT; a link's own
 * filters go in its ON clause, as Dataverse places them), WHERE from the root filters, and the sort keys:
 * root orders, then link orders ("Dataverse always orders attributes specified by the link-entity after
 * attributes for the entity element", Order rows using FetchXml), then the root's primary key, which breaks
 * ties as Dataverse's paging does (its paging cookie ends with the primary key: Page results using FetchXml).
 */
import { badRequest, ErrorCodes, notImplemented } from "../errors";
import { attributeOf, entityByLogicalName, type AttributeMetadata, type EntityMetadata } from "../metadata";
import { refuseUnmodelledColumn, refuseUnmodelledTable } from "../metadata/columnSupport";
import { column, compare, coerce, joinFragments, like, orderExpression, type SqlFragment } from "../query/sqlCondition";
import { toDataverseDate } from "../storage/records";
import { quote, tableName } from "../storage/schema";
import { notValidForRead } from "../odata/filterSql";
import type { FetchCondition, FetchEntity, FetchFilter, FetchLink, FetchOrder, FetchQuery } from "./parse";

export interface CompiledLink {
  link: FetchLink;
  entity: EntityMetadata;
  sqlAlias: string;
  /** The alias results are named by (`a.name`): the link's alias or Dataverse's generated `<name><n>`. */
  resultAlias: string;
  columns: AttributeMetadata[];
}

/** The tables and rows a query reads, before it is shaped into records or aggregated. */
export interface CompiledSource {
  entity: EntityMetadata;
  links: CompiledLink[];
  /** `FROM … JOIN …`; its parameters lead `where.params`. */
  from: string;
  where: SqlFragment;
  scope: AliasScope;
}

/** One ORDER BY term, also what a paging cookie records for the first and last row of a page. */
export interface SortKey {
  /** The SQL sorted on (collation included), without direction. */
  sql: string;
  descending: boolean;
  /** The element name in the paging cookie: the column, `<column>name` for a lookup or choice sorted by its text. */
  cookieName: string;
  /** How a cookie's text turns back into the value compared with `sql`. */
  kind: "text" | "number" | "guid";
  fromLink: boolean;
}

export interface CompiledFetch extends CompiledSource {
  columns: AttributeMetadata[];
  /** Root attribute aliases (`<attribute name="x" alias="y"/>`). */
  columnAliases: Map<string, string>;
  /** `SELECT …`, with each sort key's value as `"__key<i>"` (what the paging cookie is made of). */
  select: string;
  sortKeys: SortKey[];
  /**
   * Whether a paging cookie can page this query: no distinct rows, no order on a link-entity (Learn: such
   * queries "may not support paging cookies"), and only many-to-one links, so each root row comes once.
   */
  cookieSupported: boolean;
}

export interface FetchRuntime {
  userId: string;
  businessUnitId: string;
  languageId: number;
  now: Date;
}

export function entityFor(name: string): EntityMetadata {
  const entity = entityByLogicalName(name);
  if (!entity) {
    refuseUnmodelledTable(name); // a standard table the sandbox does not model is a 501 (metadata/columnSupport.ts)
    throw badRequest(`The entity with a name = '${name}' with namemapping = 'Logical' was not found in the MetadataCache.`, "0x80041002");
  }
  return entity;
}

export function attributeFor(entity: EntityMetadata, name: string): AttributeMetadata {
  const attribute = attributeOf(entity, name);
  if (!attribute) {
    refuseUnmodelledColumn(entity, name); // a column Dataverse has but the sandbox does not store is a 501
    throw badRequest(`'${entity.logicalName}' entity doesn't contain attribute with Name = '${name}' and NameMapping = 'Logical'.`, "0x80041103");
  }
  return attribute;
}

/** An attribute a condition, join or order uses: one that is not valid for read (`authvalue`) is refused. */
export function queryableAttribute(entity: EntityMetadata, name: string): AttributeMetadata {
  const attribute = attributeFor(entity, name);
  if (attribute.notValidForRead) throw notValidForRead(entity, attribute);
  return attribute;
}

const startOfDay = (date: Date, addDays = 0): string =>
  toDataverseDate(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + addDays)));

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const shifted = (date: Date, ms: number): string => toDataverseDate(new Date(date.getTime() + ms));

function dateRange(columnSql: string, from: string, to: string): SqlFragment {
  return { sql: `(${columnSql} >= ? AND ${columnSql} < ?)`, params: [from, to] };
}

function condition(runtime: FetchRuntime, alias: string, entity: EntityMetadata, c: FetchCondition): SqlFragment {
  const attribute = queryableAttribute(entity, c.attribute);
  const col = column(alias, attribute.logicalName);
  const value = () => {
    if (c.value === undefined) throw badRequest(`The condition operator '${c.operator}' on '${c.attribute}' needs a value.`);
    return coerce(attribute, c.value, true);
  };
  const values = () => (c.values.length > 0 ? c.values : c.value !== undefined ? [c.value] : []).map((v) => coerce(attribute, v, true));
  const days = () => {
    const n = Number(c.value);
    if (!Number.isInteger(n)) throw badRequest(`The condition operator '${c.operator}' needs a whole number.`);
    return n;
  };
  const now = runtime.now;
  switch (c.operator) {
    case "eq":
    case "ne":
    case "gt":
    case "ge":
    case "lt":
    case "le":
      return compare(col, c.operator, value());
    case "neq":
      return compare(col, "ne", value());
    case "null":
      return compare(col, "eq", null);
    case "not-null":
      return compare(col, "ne", null);
    case "like":
      return like(col, String(value()), false, false);
    case "not-like":
      return like(col, String(value()), true, false);
    case "begins-with":
      return like(col, `${String(value())}%`, false, false);
    case "not-begin-with":
      return like(col, `${String(value())}%`, true, false);
    case "ends-with":
      return like(col, `%${String(value())}`, false, false);
    case "not-end-with":
      return like(col, `%${String(value())}`, true, false);
    case "in":
    case "not-in": {
      const list = values();
      if (list.length === 0) throw badRequest(`The condition operator '${c.operator}' needs at least one value.`);
      const placeholders = list.map(() => "?").join(", ");
      return c.operator === "in"
        ? { sql: `${col} IN (${placeholders})`, params: list }
        : { sql: `(${col} NOT IN (${placeholders}) OR ${col} IS NULL)`, params: list };
    }
    case "between":
    case "not-between": {
      const [low, high] = values();
      if (high === undefined) throw badRequest(`The condition operator '${c.operator}' needs two values.`);
      return c.operator === "between"
        ? { sql: `${col} BETWEEN ? AND ?`, params: [low, high] }
        : { sql: `(${col} NOT BETWEEN ? AND ? OR ${col} IS NULL)`, params: [low, high] };
    }
    case "on": {
      const day = new Date(String(value()));
      return dateRange(col, startOfDay(day), startOfDay(day, 1));
    }
    case "on-or-after":
      return { sql: `${col} >= ?`, params: [startOfDay(new Date(String(value())))] };
    case "on-or-before":
      return { sql: `${col} < ?`, params: [startOfDay(new Date(String(value())), 1)] };
    case "today":
      return dateRange(col, startOfDay(now), startOfDay(now, 1));
    case "yesterday":
      return dateRange(col, startOfDay(now, -1), startOfDay(now));
    case "tomorrow":
      return dateRange(col, startOfDay(now, 1), startOfDay(now, 2));
    case "last-seven-days":
      return dateRange(col, startOfDay(now, -7), toDataverseDate(now));
    case "next-seven-days":
      return dateRange(col, toDataverseDate(now), startOfDay(now, 8));
    case "last-x-days":
      return dateRange(col, startOfDay(now, -days()), toDataverseDate(now));
    case "next-x-days":
      return dateRange(col, toDataverseDate(now), startOfDay(now, days() + 1));
    case "olderthan-x-days":
      return { sql: `${col} < ?`, params: [startOfDay(now, -days())] };
    // "The value is within the last X hours" / next X hours / older than X hours or minutes (condition
    // element reference): measured from now to the second, now included.
    case "last-x-hours":
      return { sql: `(${col} >= ? AND ${col} <= ?)`, params: [shifted(now, -days() * HOUR), toDataverseDate(now)] };
    case "next-x-hours":
      return { sql: `(${col} >= ? AND ${col} <= ?)`, params: [toDataverseDate(now), shifted(now, days() * HOUR)] };
    case "olderthan-x-hours":
      return { sql: `${col} < ?`, params: [shifted(now, -days() * HOUR)] };
    case "olderthan-x-minutes":
      return { sql: `${col} < ?`, params: [shifted(now, -days() * MINUTE)] };
    case "eq-userid":
    case "eq-useroruserteams":
    case "eq-useroruserhierarchy":
      return compare(col, "eq", runtime.userId);
    case "ne-userid":
      return compare(col, "ne", runtime.userId);
    case "eq-businessid":
      return compare(col, "eq", runtime.businessUnitId);
    case "ne-businessid":
      return compare(col, "ne", runtime.businessUnitId);
    case "eq-userlanguage":
      return compare(col, "eq", runtime.languageId);
    default:
      throw notImplemented(`the FetchXML condition operator '${c.operator}'`);
  }
}

export interface AliasScope {
  /** Result alias → (sql alias, entity) for conditions that name a link with `entityname`. */
  byResultAlias: Map<string, { sqlAlias: string; entity: EntityMetadata }>;
}

function filterSql(runtime: FetchRuntime, scope: AliasScope, alias: string, entity: EntityMetadata, filter: FetchFilter): SqlFragment {
  const parts: SqlFragment[] = [];
  for (const c of filter.conditions) {
    if (c.entityName) {
      const target = scope.byResultAlias.get(c.entityName);
      if (!target) throw badRequest(`The link-entity alias '${c.entityName}' used by a condition is not defined in the FetchXML.`);
      parts.push(condition(runtime, target.sqlAlias, target.entity, c));
    } else {
      parts.push(condition(runtime, alias, entity, c));
    }
  }
  for (const nested of filter.filters) parts.push(filterSql(runtime, scope, alias, entity, nested));
  return joinFragments(parts, filter.type === "or" ? "OR" : "AND");
}

function columnsOf(entity: EntityMetadata, fetchEntity: FetchEntity, alwaysPrimaryKey: boolean): AttributeMetadata[] {
  // A column that is not valid for read (serviceendpoint `authvalue`) is never returned, named or not.
  if (fetchEntity.allAttributes) return entity.attributes.filter((a) => !a.notValidForRead);
  const names = new Set(fetchEntity.attributes.map((a) => attributeFor(entity, a.name).logicalName));
  if (alwaysPrimaryKey) names.add(entity.primaryIdAttribute);
  return entity.attributes.filter((a) => names.has(a.logicalName) && !a.notValidForRead);
}

/** The root table, its joins and its filters: what both row queries and aggregate queries read. */
export function compileSource(query: FetchQuery, runtime: FetchRuntime): CompiledSource {
  const root = entityFor(query.entity.name);
  const rootAlias = "t0";
  const links: CompiledLink[] = [];
  const joins: string[] = [];
  const joinParams: unknown[] = [];
  const scope: AliasScope = { byResultAlias: new Map() };
  const generatedCounts = new Map<string, number>();

  const visit = (parentAlias: string, parentEntity: EntityMetadata, fetchLinks: FetchLink[]) => {
    for (const link of fetchLinks) {
      const entity = entityFor(link.name);
      const sqlAlias = `t${links.length + 1}`;
      const count = (generatedCounts.get(link.name) ?? 0) + 1;
      generatedCounts.set(link.name, count);
      const resultAlias = link.alias ?? `${link.name}${count}`;
      const from = queryableAttribute(entity, link.from);
      const to = queryableAttribute(parentEntity, link.to);
      const compiled: CompiledLink = { link, entity, sqlAlias, resultAlias, columns: query.aggregate ? [] : columnsOf(entity, link, false) };
      links.push(compiled);
      scope.byResultAlias.set(resultAlias, { sqlAlias, entity });
      const on: SqlFragment[] = [{ sql: `${column(sqlAlias, from.logicalName)} = ${column(parentAlias, to.logicalName)}`, params: [] }];
      for (const filter of link.filters) on.push(filterSql(runtime, scope, sqlAlias, entity, filter));
      const onSql = joinFragments(on, "AND");
      joins.push(`${link.linkType === "inner" ? "INNER JOIN" : "LEFT JOIN"} ${quote(tableName(entity))} AS ${quote(sqlAlias)} ON ${onSql.sql}`);
      joinParams.push(...onSql.params);
      visit(sqlAlias, entity, link.links);
    }
  };
  visit(rootAlias, root, query.entity.links);

  const where = joinFragments(
    query.entity.filters.map((f) => filterSql(runtime, scope, rootAlias, root, f)),
    "AND",
  );
  return {
    entity: root,
    links,
    from: `FROM ${quote(tableName(root))} AS ${quote(rootAlias)} ${joins.join(" ")}`,
    where: { sql: where.sql, params: [...joinParams, ...where.params] },
    scope,
  };
}

const sqlText = (text: string): string => `'${text.replace(/'/g, "''")}'`;
const isChoice = (attribute: AttributeMetadata): boolean => attribute.type === "picklist" || attribute.type === "state" || attribute.type === "status";

/**
 * What a column sorts by. Lookups sort by the related record's primary name and choices by their label in
 * the user's language, unless the fetch sets `useraworderby` ("Ordering lookup and choice columns", Order
 * rows using FetchXml).
 */
export function sortExpression(
  alias: string,
  attribute: AttributeMetadata,
  runtime: FetchRuntime,
  useRawOrderBy: boolean,
): Pick<SortKey, "sql" | "cookieName" | "kind"> {
  if (attribute.type === "lookup") return { sql: orderExpression(alias, attribute), cookieName: `${attribute.logicalName}name`, kind: "text" };
  if (isChoice(attribute) && !useRawOrderBy && attribute.options && attribute.options.length > 0) {
    const label = (labels: { 1033: string; 1035: string }) => (runtime.languageId === 1035 ? labels[1035] : labels[1033]);
    const branches = attribute.options.map((o) => `WHEN ${o.value} THEN ${sqlText(label(o.label))}`).join(" ");
    return { sql: `(CASE ${column(alias, attribute.logicalName)} ${branches} END) COLLATE NOCASE`, cookieName: `${attribute.logicalName}name`, kind: "text" };
  }
  const kind = attribute.type === "uniqueidentifier" ? "guid" : ["string", "memo", "entityname", "datetime"].includes(attribute.type) ? "text" : "number";
  return { sql: column(alias, attribute.logicalName), cookieName: attribute.logicalName, kind };
}

function sortKeysOf(query: FetchQuery, source: CompiledSource, runtime: FetchRuntime): SortKey[] {
  const keys: SortKey[] = [];
  const add = (alias: string, entity: EntityMetadata, order: FetchOrder, fromLink: boolean) => {
    if (!order.attribute) throw notImplemented("an order by alias outside an aggregate query");
    const attribute = queryableAttribute(entity, order.attribute);
    keys.push({ ...sortExpression(alias, attribute, runtime, query.useRawOrderBy), descending: order.descending, fromLink });
  };
  for (const order of query.entity.orders) {
    if (order.entityName) {
      // `<order entityname="alias">` on the entity puts a link-entity's column where it stands.
      const target = source.scope.byResultAlias.get(order.entityName);
      if (!target) throw badRequest(`The link-entity alias '${order.entityName}' used by an order is not defined in the FetchXML.`);
      add(target.sqlAlias, target.entity, order, true);
    } else {
      add("t0", source.entity, order, false);
    }
  }
  for (const link of source.links) for (const order of link.link.orders) add(link.sqlAlias, link.entity, order, true);
  keys.push({ sql: column("t0", source.entity.primaryIdAttribute), descending: false, cookieName: source.entity.primaryIdAttribute, kind: "guid", fromLink: false });
  return keys;
}

/** Whether each root row can match at most one row of every link: each join lands on the linked table's primary key. */
const manyToOneOnly = (links: CompiledLink[]): boolean => links.every((l) => l.link.from === l.entity.primaryIdAttribute);

/** Aggregate and groupby attributes belong to `<fetch aggregate="true">` (Aggregate data using FetchXml). */
function refuseAggregateAttributes(fetchEntity: FetchEntity): void {
  for (const a of fetchEntity.attributes) {
    if (a.aggregate || a.groupBy || a.dateGrouping) {
      throw badRequest(`The attribute '${a.name}' aggregates or groups, which needs <fetch aggregate="true">.`, ErrorCodes.invalidArgument);
    }
  }
  fetchEntity.links.forEach(refuseAggregateAttributes);
}

export function compileFetch(query: FetchQuery, runtime: FetchRuntime): CompiledFetch {
  refuseAggregateAttributes(query.entity);
  const source = compileSource(query, runtime);
  const sortKeys = sortKeysOf(query, source, runtime);
  const columnAliases = new Map(query.entity.attributes.filter((a) => a.alias).map((a) => [a.name, a.alias as string]));
  const selectParts = [`${quote("t0")}.*`];
  for (const link of source.links) {
    for (const attribute of link.columns) {
      selectParts.push(`${column(link.sqlAlias, attribute.logicalName)} AS ${quote(`${link.sqlAlias}.${attribute.logicalName}`)}`);
      if (attribute.type === "lookup") {
        const typeName = `${attribute.logicalName}__type`;
        selectParts.push(`${column(link.sqlAlias, typeName)} AS ${quote(`${link.sqlAlias}.${typeName}`)}`);
      }
    }
  }
  sortKeys.forEach((key, i) => selectParts.push(`${key.sql} AS ${quote(`__key${i}`)}`));
  return {
    ...source,
    columns: columnsOf(source.entity, query.entity, true),
    columnAliases,
    select: `SELECT ${query.distinct ? "DISTINCT " : ""}${selectParts.join(", ")}`,
    sortKeys,
    cookieSupported: !query.distinct && !sortKeys.some((k) => k.fromLink) && manyToOneOnly(source.links),
  };
}

/** `ORDER BY` for the keys, each direction flipped when reading backwards from a page's first row. */
export function orderByClause(keys: SortKey[], reverse = false): string {
  return `ORDER BY ${keys.map((k) => `${k.sql} ${k.descending !== reverse ? "DESC" : "ASC"}`).join(", ")}`;
}
