/**
 * Aggregate FetchXML (`<fetch aggregate="true">`), as "Aggregate data using FetchXml" describes it
 * (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/aggregate-data):
 *
 * - every attribute has an `alias` and either an `aggregate` (count, countcolumn, sum, avg, min, max;
 *   `distinct` on countcolumn) or `groupby="true"`, on the entity or on a link-entity;
 * - null values are left out of aggregates; count counts rows, countcolumn the rows with a value;
 * - `dategrouping` day, week, month, quarter, year; `<order alias>` orders the groups;
 * - more than 50,000 rows (or the fetch's lower `aggregatelimit`) is error 0x8004E023
 *   "AggregateQueryRecordLimit exceeded. Cannot perform this operation."
 *
 * Each result row is one JSON object keyed by the aliases, with no `@odata.etag` (it is no record), and, as
 * for all FetchXML results through the Web API, a null value is left out ("Use FetchXml with Web API"; a
 * group whose value is null has no property for it). Grouped lookups and choices carry their
 * FormattedValue (and a lookup its lookuplogicalname) under `Prefer: odata.include-annotations`, as any
 * aliased column does. The numbers follow the page's examples: avg of a whole-number column is a whole
 * number (3,911 for 35,200 over 9 rows), a sum over null values is 0, and week numbers count weeks
 * from Sunday with 1 January in week 1 (25 March 2023 is week 12, 27 August 2023 week 35).
 */
import { badRequest, DataverseError, ErrorCodes, notImplemented } from "../errors";
import type { AttributeMetadata, EntityMetadata } from "../metadata";
import { column } from "../query/sqlCondition";
import { writeAttribute, type Json, type SerializeContext } from "../odata/serialize";
import type { RecordData } from "../storage/records";
import { quote, typeColumn } from "../storage/schema";
import { compileSource, queryableAttribute, sortExpression, type CompiledSource, type FetchRuntime } from "./compile";
import type { DateGrouping, FetchAttribute, FetchEntity, FetchQuery } from "./parse";

/** "Queries that return aggregate values are limited to 50,000 records." */
export const AGGREGATE_RECORD_LIMIT = 50_000;

const aggregateLimitExceeded = (): DataverseError =>
  new DataverseError(400, "0x8004E023", "AggregateQueryRecordLimit exceeded. Cannot perform this operation.");

/** A sandbox refusal of a query the docs say is not valid; the wording is the sandbox's. */
const invalid = (message: string): DataverseError => badRequest(message, ErrorCodes.invalidArgument);

const NUMERIC = new Set<AttributeMetadata["type"]>(["integer", "bigint", "decimal"]);
const WHOLE = new Set<AttributeMetadata["type"]>(["integer", "bigint"]);

interface AggregateItem {
  alias: string;
  attribute: AttributeMetadata;
  fetch: FetchAttribute;
  /** The SQL alias the item is selected as (`a<i>`); a client's alias is never put in SQL. */
  sqlName: string;
  /** What the item selects: the aggregate, the grouped column or its date part. */
  sql: string;
  /** What the groups are ordered by when an `<order alias>` names this item. */
  orderSql: string;
  /** The lookup's target-type column, grouped and selected beside the id. */
  typeSql?: string;
}

/** The date part of a stored UTC datetime (the sandbox's users have no time zone: see README). */
function datePart(columnSql: string, grouping: DateGrouping): string {
  const part = (format: string) => `CAST(strftime('${format}', ${columnSql}) AS INTEGER)`;
  switch (grouping) {
    case "day":
      return part("%d");
    case "month":
      return part("%m");
    case "year":
      return part("%Y");
    case "quarter":
      // "Group by quarter of the fiscal year": the sandbox's fiscal year is the calendar year.
      return `((${part("%m")} + 2) / 3)`;
    case "week":
      // Week 1 holds 1 January; a new week starts each Sunday (Learn's example: 25 March 2023 → 12, 27 August 2023 → 35).
      return `((${part("%j")} - 1 + CAST(strftime('%w', ${columnSql}, 'start of year') AS INTEGER)) / 7 + 1)`;
    default:
      throw notImplemented(`the date grouping '${grouping}' (fiscal periods need fiscal year settings the sandbox does not keep)`);
  }
}

function aggregateSql(item: FetchAttribute, attribute: AttributeMetadata, columnSql: string): string {
  const fn = item.aggregate as NonNullable<FetchAttribute["aggregate"]>;
  if (item.distinct && fn !== "countcolumn") throw notImplemented(`'distinct' on the aggregate '${fn}' (Learn documents it for countcolumn)`);
  switch (fn) {
    case "count":
      return "COUNT(*)";
    case "countcolumn":
      return item.distinct ? `COUNT(DISTINCT ${columnSql})` : `COUNT(${columnSql})`;
    default:
      if (!NUMERIC.has(attribute.type)) {
        throw notImplemented(`the aggregate '${fn}' on '${attribute.logicalName}', a column of type ${attribute.type} (the sandbox aggregates whole-number and decimal columns)`);
      }
      // Learn's grouping example shows 0 for the sum of a group whose values are all null.
      if (fn === "sum") return `SUM(COALESCE(${columnSql}, 0))`;
      return `${fn.toUpperCase()}(${columnSql})`;
  }
}

function itemsOf(query: FetchQuery, source: CompiledSource, runtime: FetchRuntime): AggregateItem[] {
  const items: AggregateItem[] = [];
  const visit = (fetchEntity: FetchEntity, entity: EntityMetadata, sqlAlias: string) => {
    if (fetchEntity.allAttributes) throw invalid("An aggregate FetchXML query cannot use all-attributes: name each attribute with an alias.");
    for (const fetch of fetchEntity.attributes) {
      const attribute = queryableAttribute(entity, fetch.name);
      const node = `<attribute name="${fetch.name}" />`;
      if (!fetch.aggregate && !fetch.groupBy) throw invalid(`An attribute of an aggregate query must have 'aggregate' or groupby='true': ${node}`);
      if (fetch.aggregate && fetch.groupBy) throw invalid(`An attribute cannot both aggregate and group: ${node}`);
      if (!fetch.alias) throw invalid(`An alias must be set for every attribute of an aggregate query: ${node}`);
      if (items.some((i) => i.alias === fetch.alias)) throw invalid(`The alias '${fetch.alias}' is used twice; each column must have a unique name.`);
      if (fetch.dateGrouping && !fetch.groupBy) throw invalid(`dategrouping needs groupby='true': ${node}`);
      if (fetch.dateGrouping && attribute.type !== "datetime") throw invalid(`dategrouping applies to date and time columns, not '${attribute.logicalName}'.`);
      if (fetch.groupBy && attribute.type === "datetime" && !fetch.dateGrouping) throw invalid(`Grouping by the date and time column '${attribute.logicalName}' needs a dategrouping.`);
      const columnSql = column(sqlAlias, attribute.logicalName);
      const sqlName = `a${items.length}`;
      if (fetch.aggregate) {
        const sql = aggregateSql(fetch, attribute, columnSql);
        items.push({ alias: fetch.alias, attribute, fetch, sqlName, sql, orderSql: quote(sqlName) });
      } else if (fetch.dateGrouping) {
        const sql = datePart(columnSql, fetch.dateGrouping);
        items.push({ alias: fetch.alias, attribute, fetch, sqlName, sql, orderSql: sql });
      } else {
        items.push({
          alias: fetch.alias,
          attribute,
          fetch,
          sqlName,
          sql: columnSql,
          orderSql: sortExpression(sqlAlias, attribute, runtime, query.useRawOrderBy).sql,
          typeSql: attribute.type === "lookup" ? column(sqlAlias, typeColumn(attribute)) : undefined,
        });
      }
    }
  };
  visit(query.entity, source.entity, "t0");
  for (const link of source.links) visit(link.link, link.entity, link.sqlAlias);
  return items;
}

function ordersOf(query: FetchQuery, source: CompiledSource, items: AggregateItem[]): string[] {
  const orders: string[] = [];
  const all = [...query.entity.orders, ...source.links.flatMap((l) => l.link.orders)];
  for (const order of all) {
    if (!order.alias) throw notImplemented("an order by attribute in an aggregate query (order by the alias, as Learn shows)");
    const item = items.find((i) => i.alias === order.alias);
    if (!item) throw invalid(`The order alias '${order.alias}' is not the alias of an attribute of the query.`);
    orders.push(`${item.orderSql} ${order.descending ? "DESC" : "ASC"}`);
  }
  // Then by the groups themselves, so the answer does not depend on how SQLite happens to group.
  for (const item of items.filter((i) => i.fetch.groupBy)) orders.push(`${item.sql} ASC`);
  return orders;
}

/** A value of the answer as a record the serializer can write under the item's alias. */
function shape(ctx: SerializeContext, json: Json, item: AggregateItem, row: Record<string, unknown>): void {
  const value = row[item.sqlName];
  if (value === null || value === undefined) return;
  if (item.fetch.groupBy && !item.fetch.dateGrouping) {
    const attribute = item.attribute;
    const record: RecordData = {
      [attribute.logicalName]:
        attribute.type === "lookup"
          ? { logicalName: String(row[`${item.sqlName}_type`] ?? attribute.targets?.[0].entity), id: String(value) }
          : attribute.type === "boolean"
            ? value === 1
            : (value as string | number),
    };
    writeAttribute(ctx, json, attribute, record, item.alias);
    return;
  }
  const whole = item.fetch.dateGrouping !== undefined || item.fetch.aggregate === "count" || item.fetch.aggregate === "countcolumn" || WHOLE.has(item.attribute.type);
  const number = whole ? Math.trunc(Number(value)) : Number(value);
  const synthetic: AttributeMetadata = { logicalName: item.alias, type: whole ? "integer" : "decimal" };
  writeAttribute(ctx, json, synthetic, { [item.alias]: number }, item.alias);
}

export interface AggregatePage {
  value: Json[];
  more: boolean;
}

export function executeAggregate(ctx: SerializeContext, query: FetchQuery, runtime: FetchRuntime, pageSize: number, page: number): AggregatePage {
  const source = compileSource(query, runtime);
  const items = itemsOf(query, source, runtime);
  const orders = ordersOf(query, source, items);
  const where = source.where;

  // "The per query limit can't exceed default aggregate limit."
  const limit = Math.min(query.aggregateLimit ?? AGGREGATE_RECORD_LIMIT, AGGREGATE_RECORD_LIMIT);
  const { rows: counted } = ctx.store
    .prepare(`SELECT COUNT(*) AS rows FROM (SELECT 1 ${source.from} WHERE ${where.sql} LIMIT ?)`)
    .get(...where.params, limit + 1) as { rows: number };
  if (counted > limit) throw aggregateLimitExceeded();

  const select = items.flatMap((i) => [`${i.sql} AS ${quote(i.sqlName)}`, ...(i.typeSql ? [`${i.typeSql} AS ${quote(`${i.sqlName}_type`)}`] : [])]);
  const groups = items.filter((i) => i.fetch.groupBy).flatMap((i) => [i.sql, ...(i.typeSql ? [i.typeSql] : [])]);
  const sql = [
    `SELECT ${select.join(", ")} ${source.from} WHERE ${where.sql}`,
    groups.length > 0 ? `GROUP BY ${groups.join(", ")}` : "",
    orders.length > 0 ? `ORDER BY ${orders.join(", ")}` : "",
    "LIMIT ? OFFSET ?",
  ].join(" ");
  const rows = ctx.store.prepare(sql).all(...where.params, pageSize + 1, (page - 1) * pageSize) as Record<string, unknown>[];
  const value = rows.slice(0, pageSize).map((row) => {
    const json: Json = {};
    for (const item of items) shape(ctx, json, item, row);
    return json;
  });
  return { value, more: rows.length > pageSize };
}
