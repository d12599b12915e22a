/** GET of an entity set or one record with OData query options, as Web API JSON. */
import { badRequest, notFound } from "../errors";
import type { EntityMetadata } from "../metadata";
import { orderTerm, type SqlFragment } from "../query/sqlCondition";
import { fromRow, type RecordStore } from "../storage/records";
import { quote, tableName } from "../storage/schema";
import { filterToSql, resolveQueryable } from "./filterSql";
import { Annotations } from "./preferences";
import type { ODataQuery } from "./queryOptions";
import { serializeRecord, validateExpand, selectedAttributes, type Json, type SerializeContext } from "./serialize";

/** Dataverse's default and maximum page size, and the cap on `@odata.count`. */
export const MAX_PAGE_SIZE = 5000;

export function contextUrl(apiUrl: string, entity: EntityMetadata, query: Pick<ODataQuery, "select" | "expand">, single: boolean): string {
  const parts = [...(query.select ?? [])];
  for (const item of query.expand) parts.push(`${item.navigationProperty}(${(item.select ?? []).join(",")})`);
  const projection = parts.length > 0 ? `(${parts.join(",")})` : "";
  return `${apiUrl}$metadata#${entity.entitySetName}${projection}${single ? "/$entity" : ""}`;
}

export function retrieveRecord(
  ctx: SerializeContext,
  apiUrl: string,
  entity: EntityMetadata,
  id: string,
  query: ODataQuery,
): Json {
  if (query.filter || query.orderby.length > 0 || query.top !== undefined || query.count) {
    throw badRequest("Only $select and $expand can be used when retrieving a single record.");
  }
  selectedAttributes(entity, query.select);
  validateExpand(entity, query.expand);
  const record = ctx.store.get(entity, id);
  if (!record) throw notFound(entity.logicalName, id);
  return { "@odata.context": contextUrl(apiUrl, entity, query, true), ...serializeRecord(ctx, entity, record, query.select, query.expand) };
}

/** The number of rows a `$filter` matches, capped at 5,000 as Dataverse caps its counts. */
export function countRecords(store: RecordStore, entity: EntityMetadata, query: ODataQuery): number {
  const where: SqlFragment = query.filter ? filterToSql(entity, "t0", query.filter) : { sql: "1", params: [] };
  const { total } = store.prepare(`SELECT COUNT(*) AS total FROM ${quote(tableName(entity))} AS "t0" WHERE ${where.sql}`).get(...where.params) as {
    total: number;
  };
  return Math.min(total, MAX_PAGE_SIZE);
}

export function retrieveMultiple(
  ctx: SerializeContext,
  apiUrl: string,
  requestUrl: URL,
  entity: EntityMetadata,
  query: ODataQuery,
): Json {
  selectedAttributes(entity, query.select);
  validateExpand(entity, query.expand);
  const alias = "t0";
  const where: SqlFragment = query.filter ? filterToSql(entity, alias, query.filter) : { sql: "1", params: [] };
  const order = query.orderby.map((o) => orderTerm(alias, resolveQueryable(entity, o.property), o.descending));
  order.push(`${quote(alias)}.rowid ASC`);
  const pageSize = Math.min(ctx.preferences.maxPageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const from = `FROM ${quote(tableName(entity))} AS ${quote(alias)} WHERE ${where.sql}`;
  const offset = (query.page - 1) * pageSize;
  const remainingTop = query.top === undefined ? Infinity : Math.max(0, query.top - offset);
  const limit = Math.min(pageSize, remainingTop);
  const rows = ctx.store
    .prepare(`SELECT ${quote(alias)}.* ${from} ORDER BY ${order.join(", ")} LIMIT ? OFFSET ?`)
    .all(...where.params, limit + 1, offset) as Record<string, unknown>[];
  const more = rows.length > limit && remainingTop > limit;
  const page = rows.slice(0, limit).map((row) => serializeRecord(ctx, entity, fromRow(entity, row), query.select, query.expand));
  const json: Json = { "@odata.context": contextUrl(apiUrl, entity, query, false) };
  if (query.count) {
    const { total } = ctx.store.prepare(`SELECT COUNT(*) AS total ${from}`).get(...where.params) as { total: number };
    json["@odata.count"] = Math.min(total, MAX_PAGE_SIZE);
    if (ctx.preferences.includes(Annotations.totalRecordCount)) {
      json[`@${Annotations.totalRecordCount}`] = Math.min(total, MAX_PAGE_SIZE);
      json[`@${Annotations.totalRecordCountLimitExceeded}`] = total > MAX_PAGE_SIZE;
    }
  }
  json.value = page;
  if (more) {
    // Keep the request's own query text and append the paging cookie, as Dataverse's nextLink does.
    const kept = requestUrl.search
      .replace(/^\?/, "")
      .split("&")
      .filter((p) => p !== "" && !p.startsWith("$skiptoken=") && !p.startsWith("%24skiptoken="));
    const cookie = encodeURIComponent(`<cookie pagenumber="${query.page + 1}" istracking="False" />`);
    kept.push(`$skiptoken=${cookie}`);
    json["@odata.nextLink"] = `${requestUrl.origin}${requestUrl.pathname}?${kept.join("&")}`;
  }
  return json;
}
