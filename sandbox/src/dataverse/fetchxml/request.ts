/**
 * `GET <set>?fetchXml=…` and `GET <set>?savedQuery=<id>`: run FetchXML and shape the Web API result, as
 * "Use FetchXml with Web API" and "Page results using FetchXml" show it:
 *
 * - rows leave out null values ("data returned from FetchXML will not return properties with null values");
 * - `count`/`page` page the rows (5,000 at most a page). Without a paging cookie that is simple paging,
 *   which "can't return a data set larger than 50,000 records"; beyond that Dataverse answers "Paging
 *   cookie is required when trying to retrieve a set of records on any high pages." (quoted in
 *   bcolpaert/Colso.Xrm.DataTransporter#4; the code 0x80040203 is the sandbox's);
 * - with a `paging-cookie` from the page before (or after), the next page starts right after the cookie's
 *   last row (keyset paging): "if you request nonconsecutive pages, the paging cookie value is ignored";
 * - `@Microsoft.Dynamics.CRM.fetchxmlpagingcookie` and `@Microsoft.Dynamics.CRM.morerecords` come only when
 *   `Prefer: odata.include-annotations` asks for them, and neither on the last page;
 * - `returntotalrecordcount="true"` (or `$count=true`) adds `@odata.count`, up to 5,000 ("Count rows using
 *   FetchXml"), and, when asked for, `@Microsoft.Dynamics.CRM.totalrecordcount` and
 *   `…totalrecordcountlimitexceeded`; asked for without a count they are -1 and false, as Learn's
 *   responses show.
 */
import { badRequest, ErrorCodes, notFound, notImplemented } from "../errors";
import { entityByLogicalName, type EntityMetadata } from "../metadata";
import { Annotations } from "../odata/preferences";
import { MAX_PAGE_SIZE } from "../odata/retrieve";
import { etag, writeAttribute, type Json, type SerializeContext } from "../odata/serialize";
import { joinFragments } from "../query/sqlCondition";
import { fromRow, type RecordData } from "../storage/records";
import { BusinessUnitId } from "../users";
import { executeAggregate } from "./aggregate";
import { compileFetch, orderByClause, type CompiledFetch, type FetchRuntime } from "./compile";
import { keysetSegments } from "./keyset";
import { buildPagingCookie, cookieValue, pagingCookieAnnotation, parsePagingCookie, type PagingCookie } from "./pagingCookie";
import { parseFetchXml, type FetchQuery } from "./parse";

const ATTRIBUTE_NAME = "OData.Community.Display.V1.AttributeName";
export const PagingAnnotations = {
  pagingCookie: "Microsoft.Dynamics.CRM.fetchxmlpagingcookie",
  moreRecords: "Microsoft.Dynamics.CRM.morerecords",
} as const;

/** "The total number of rows that can be retrieved using simple paging is 50,000." */
export const SIMPLE_PAGING_LIMIT = 50_000;

function linkRecord(compiledLink: CompiledFetch["links"][number], row: Record<string, unknown>): RecordData {
  const prefixed: Record<string, unknown> = {};
  const prefix = `${compiledLink.sqlAlias}.`;
  for (const [key, value] of Object.entries(row)) if (key.startsWith(prefix)) prefixed[key.slice(prefix.length)] = value;
  return fromRow(compiledLink.entity, prefixed);
}

function shapeRow(ctx: SerializeContext, compiled: CompiledFetch, row: Record<string, unknown>): Json {
  const record = fromRow(compiled.entity, row);
  const json: Json = { "@odata.etag": etag(record) };
  for (const attribute of compiled.columns) {
    if (record[attribute.logicalName] === null) continue;
    const alias = compiled.columnAliases.get(attribute.logicalName);
    writeAttribute(ctx, json, attribute, record, alias);
  }
  for (const link of compiled.links) {
    const linked = linkRecord(link, row);
    for (const attribute of link.columns) {
      // An aliased column is named by its alias alone; the others by `<link alias>.<column>`.
      const alias = link.link.attributes.find((a) => a.name === attribute.logicalName)?.alias;
      const key = alias ?? `${link.resultAlias}.${attribute.logicalName}`;
      if (linked[attribute.logicalName] === null) continue;
      if (ctx.preferences.includes(ATTRIBUTE_NAME)) json[`${key}@${ATTRIBUTE_NAME}`] = attribute.logicalName;
      writeAttribute(ctx, json, attribute, linked, key);
    }
  }
  return json;
}

/** "The top attribute can't be specified with paging attribute page" (and count, returntotalrecordcount), error 0x80040203. */
function refuseTopWithPaging(query: FetchQuery): void {
  if (query.top === undefined) return;
  const paging = query.page !== undefined ? "page" : query.count !== undefined ? "count" : query.returnTotalRecordCount ? "returntotalrecordcount" : undefined;
  if (paging) throw badRequest(`The top attribute can't be specified with paging attribute ${paging}`, ErrorCodes.invalidArgument);
}

/** How a page is read: from the start (offset), or after/before the row a cookie kept. */
type Plan = { kind: "offset" } | { kind: "keyset"; backwards: boolean; values: unknown[] };

function planFor(compiled: CompiledFetch, cookie: PagingCookie | undefined, cookieText: string, page: number): Plan {
  if (!cookie || !compiled.cookieSupported) return { kind: "offset" };
  const backwards = page === cookie.page - 1;
  if (page !== cookie.page + 1 && !backwards) return { kind: "offset" };
  // A cookie from another query (other sort keys) cannot say where this one stands: it is ignored too.
  const keys = compiled.sortKeys;
  if (cookie.keys.length !== keys.length || cookie.keys.some((k, i) => k.name !== keys[i].cookieName)) return { kind: "offset" };
  const values = keys.map((key, i) => cookieValue(key, backwards ? cookie.keys[i].first : cookie.keys[i].last));
  if (values.some((v) => v === undefined)) {
    throw badRequest(`The paging-cookie '${cookieText.slice(0, 200)}' is not a paging cookie this service issued.`, ErrorCodes.invalidArgument);
  }
  return { kind: "keyset", backwards, values };
}

interface RowsPage {
  rows: Record<string, unknown>[];
  more: boolean;
}

function readRows(ctx: SerializeContext, compiled: CompiledFetch, plan: Plan, pageSize: number, page: number, top: number | undefined): RowsPage {
  const base = `${compiled.select} ${compiled.from} WHERE`;
  if (plan.kind === "offset") {
    const rows = ctx.store
      .prepare(`${base} ${compiled.where.sql} ${orderByClause(compiled.sortKeys)} LIMIT ? OFFSET ?`)
      .all(...compiled.where.params, pageSize + 1, (page - 1) * pageSize) as Record<string, unknown>[];
    return { rows: rows.slice(0, pageSize), more: top === undefined && rows.length > pageSize };
  }
  // Segment by segment, in sort order, until the page and one more row are read.
  const rows: Record<string, unknown>[] = [];
  for (const segment of keysetSegments(compiled.sortKeys, plan.values, plan.backwards)) {
    const where = joinFragments([compiled.where, segment], "AND");
    const read = ctx.store
      .prepare(`${base} ${where.sql} ${orderByClause(compiled.sortKeys, plan.backwards)} LIMIT ?`)
      .all(...where.params, pageSize + 1 - rows.length) as Record<string, unknown>[];
    rows.push(...read);
    if (rows.length > pageSize) break;
  }
  // Read backwards, the page ends where the cookie's page began: more rows follow it.
  if (plan.backwards) return { rows: rows.slice(0, pageSize).reverse(), more: true };
  return { rows: rows.slice(0, pageSize), more: rows.length > pageSize };
}

/** Rows the query matches, counted up to one past 5,000: all a count reports. */
function totalRows(ctx: SerializeContext, compiled: CompiledFetch, distinct: boolean): number {
  const inner = `SELECT ${distinct ? 'DISTINCT "t0".rowid' : "1"} ${compiled.from} WHERE ${compiled.where.sql} LIMIT ?`;
  const { total } = ctx.store.prepare(`SELECT COUNT(*) AS total FROM (${inner})`).get(...compiled.where.params, MAX_PAGE_SIZE + 1) as { total: number };
  return total;
}

export interface FetchOptions {
  /** `$count=true` beside `fetchXml`: "the same result as setting the returntotalrecordcount attribute". */
  count?: boolean;
}

export function executeFetch(ctx: SerializeContext, apiUrl: string, entitySet: EntityMetadata, fetchXml: string, runtime: FetchRuntime, options: FetchOptions = {}): Json {
  const query = parseFetchXml(fetchXml);
  if (query.entity.name !== entitySet.logicalName) {
    throw badRequest(
      `The entity name '${query.entity.name}' in the FetchXML does not match the entity set '${entitySet.entitySetName}' of the request.`,
    );
  }
  refuseTopWithPaging(query);
  const annotate = (term: string) => ctx.preferences.includes(term);
  const pageSize = Math.min(query.top ?? query.count ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const page = query.page ?? 1;
  const json: Json = { "@odata.context": `${apiUrl}$metadata#${entitySet.entitySetName}` };

  if (query.aggregate) {
    if (query.returnTotalRecordCount || options.count) throw notImplemented("a total record count (returntotalrecordcount, $count) of an aggregate FetchXML query");
    const result = executeAggregate(ctx, query, runtime, pageSize, page);
    if (annotate(Annotations.totalRecordCount)) json[`@${Annotations.totalRecordCount}`] = -1;
    if (annotate(Annotations.totalRecordCountLimitExceeded)) json[`@${Annotations.totalRecordCountLimitExceeded}`] = false;
    if (result.more && query.top === undefined && annotate(PagingAnnotations.moreRecords)) json[`@${PagingAnnotations.moreRecords}`] = true;
    json.value = result.value;
    return json;
  }

  const compiled = compileFetch(query, runtime);
  const cookie = query.pagingCookie ? parsePagingCookie(query.pagingCookie) : undefined;
  const plan = planFor(compiled, cookie, query.pagingCookie ?? "", page);
  if (plan.kind === "offset" && page > 1 && page * pageSize > SIMPLE_PAGING_LIMIT) {
    throw badRequest("Paging cookie is required when trying to retrieve a set of records on any high pages.", ErrorCodes.invalidArgument);
  }
  const { rows, more } = readRows(ctx, compiled, plan, pageSize, page, query.top);

  if (query.returnTotalRecordCount || options.count) {
    const total = totalRows(ctx, compiled, query.distinct);
    json["@odata.count"] = Math.min(total, MAX_PAGE_SIZE);
    if (annotate(Annotations.totalRecordCount)) json[`@${Annotations.totalRecordCount}`] = Math.min(total, MAX_PAGE_SIZE);
    if (annotate(Annotations.totalRecordCountLimitExceeded)) json[`@${Annotations.totalRecordCountLimitExceeded}`] = total > MAX_PAGE_SIZE;
  } else {
    if (annotate(Annotations.totalRecordCount)) json[`@${Annotations.totalRecordCount}`] = -1;
    if (annotate(Annotations.totalRecordCountLimitExceeded)) json[`@${Annotations.totalRecordCountLimitExceeded}`] = false;
  }
  if (more && compiled.cookieSupported && rows.length > 0 && annotate(PagingAnnotations.pagingCookie)) {
    const keyValues = (row: Record<string, unknown>) => compiled.sortKeys.map((_, i) => row[`__key${i}`]);
    const inner = buildPagingCookie(page, compiled.sortKeys, keyValues(rows[0]), keyValues(rows[rows.length - 1]));
    json[`@${PagingAnnotations.pagingCookie}`] = pagingCookieAnnotation(inner);
  }
  if (more && annotate(PagingAnnotations.moreRecords)) json[`@${PagingAnnotations.moreRecords}`] = true;
  json.value = rows.map((row) => shapeRow(ctx, compiled, row));
  return json;
}

export function runtimeFor(ctx: SerializeContext, userId: string, now: Date): FetchRuntime {
  return { userId, businessUnitId: BusinessUnitId, languageId: ctx.languageId, now };
}

export function runFetchXmlRequest(ctx: SerializeContext, apiUrl: string, entity: EntityMetadata, params: URLSearchParams, runtime: FetchRuntime): Json {
  return executeFetch(ctx, apiUrl, entity, params.get("fetchXml") ?? "", runtime, { count: params.get("$count") === "true" });
}

/** Runs a system view by id, as model-driven grids do. */
export function runSavedQuery(ctx: SerializeContext, apiUrl: string, entity: EntityMetadata, params: URLSearchParams, runtime: FetchRuntime): Json {
  const id = (params.get("savedQuery") ?? "").replace(/^\{|\}$/g, "");
  const savedQueryEntity = entityByLogicalName("savedquery") as EntityMetadata;
  const view = ctx.store.get(savedQueryEntity, id);
  if (!view) throw notFound("savedquery", id);
  if (view.returnedtypecode !== entity.logicalName) {
    throw badRequest(`The saved query '${id}' returns '${String(view.returnedtypecode)}' records, not '${entity.logicalName}'.`);
  }
  return executeFetch(ctx, apiUrl, entity, String(view.fetchxml ?? ""), runtime, { count: params.get("$count") === "true" });
}
