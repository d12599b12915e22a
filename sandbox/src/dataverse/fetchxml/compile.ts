/**
 * The FetchXML query model to one SQL statement: the root table, one JOIN per link-entity (inner or
 * LEFT; a link's own filters go in its ON clause, as Dataverse places them), WHERE from the root
 * filters, ORDER BY root orders then link orders.
 */
import { badRequest, notImplemented } from "../errors";
import { attributeOf, entityByLogicalName, type AttributeMetadata, type EntityMetadata } from "../metadata";
import {
  column,
  compare,
  coerce,
  joinFragments,
  like,
  orderTerm,
  type SqlFragment,
} from "../query/sqlCondition";
import { toDataverseDate } from "../storage/records";
import { quote, tableName } from "../storage/schema";
import { notValidForRead } from "../odata/filterSql";
import type { FetchCondition, FetchEntity, FetchFilter, FetchLink, FetchQuery } from "./parse";

export interface CompiledLink {
  link: FetchLink;
  entity: EntityMetadata;
  sqlAlias: string;
  /** The alias results are named by (`a.name`): the link's alias or Dataverse's generated `<name><n>`. */
  resultAlias: string;
  columns: AttributeMetadata[];
}

export interface CompiledFetch {
  entity: EntityMetadata;
  columns: AttributeMetadata[];
  /** Root attribute aliases (`<attribute name="x" alias="y"/>`). */
  columnAliases: Map<string, string>;
  links: CompiledLink[];
  select: string;
  from: string;
  where: SqlFragment;
  orderBy: string;
}

export interface FetchRuntime {
  userId: string;
  businessUnitId: string;
  languageId: number;
  now: Date;
}

export function entityFor(name: string): EntityMetadata {
  const entity = entityByLogicalName(name);
  if (!entity) throw badRequest(`The entity with a name = '${name}' with namemapping = 'Logical' was not found in the MetadataCache.`, "0x80041002");
  return entity;
}

export function attributeFor(entity: EntityMetadata, name: string): AttributeMetadata {
  const attribute = attributeOf(entity, name);
  if (!attribute) {
    throw badRequest(`'${entity.logicalName}' entity doesn't contain attribute with Name = '${name}' and NameMapping = 'Logical'.`, "0x80041103");
  }
  return attribute;
}

/** An attribute a condition, join or order uses: one that is not valid for read (`authvalue`) is refused. */
function queryableAttribute(entity: EntityMetadata, name: string): AttributeMetadata {
  const attribute = attributeFor(entity, name);
  if (attribute.notValidForRead) throw notValidForRead(entity, attribute);
  return attribute;
}

const startOfDay = (date: Date, addDays = 0): string =>
  toDataverseDate(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + addDays)));

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
    if (!Number.isInteger(n)) throw badRequest(`The condition operator '${c.operator}' needs a whole number of days.`);
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

interface AliasScope {
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

export function compileFetch(query: FetchQuery, runtime: FetchRuntime): CompiledFetch {
  const root = entityFor(query.entity.name);
  const rootAlias = "t0";
  const links: CompiledLink[] = [];
  const joins: string[] = [];
  const joinParams: unknown[] = [];
  const orders: string[] = [];
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
      const compiled: CompiledLink = { link, entity, sqlAlias, resultAlias, columns: columnsOf(entity, link, false) };
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
  for (const order of query.entity.orders) {
    orders.push(orderTerm(rootAlias, queryableAttribute(root, order.attribute), order.descending));
  }
  for (const link of links) {
    for (const order of link.link.orders) {
      orders.push(orderTerm(link.sqlAlias, queryableAttribute(link.entity, order.attribute), order.descending));
    }
  }
  orders.push(`${quote(rootAlias)}.rowid ASC`);

  const columnAliases = new Map(query.entity.attributes.filter((a) => a.alias).map((a) => [a.name, a.alias as string]));
  const selectParts = [`${quote(rootAlias)}.*`];
  for (const link of links) {
    for (const attribute of link.columns) {
      selectParts.push(`${column(link.sqlAlias, attribute.logicalName)} AS ${quote(`${link.sqlAlias}.${attribute.logicalName}`)}`);
      if (attribute.type === "lookup") {
        const typeName = `${attribute.logicalName}__type`;
        selectParts.push(`${column(link.sqlAlias, typeName)} AS ${quote(`${link.sqlAlias}.${typeName}`)}`);
      }
    }
  }
  return {
    entity: root,
    columns: columnsOf(root, query.entity, true),
    columnAliases,
    links,
    select: `SELECT ${query.distinct ? "DISTINCT " : ""}${selectParts.join(", ")}`,
    from: `FROM ${quote(tableName(root))} AS ${quote(rootAlias)} ${joins.join(" ")}`,
    where: { sql: where.sql, params: [...joinParams, ...where.params] },
    orderBy: `ORDER BY ${orders.join(", ")}`,
  };
}
