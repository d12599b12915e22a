/** `GET <set>?fetchXml=…` and `GET <set>?savedQuery=<id>`: run FetchXML and shape the Web API result. */
import { badRequest, notFound } from "../errors";
import { entityByLogicalName, type EntityMetadata } from "../metadata";
import { Annotations } from "../odata/preferences";
import { MAX_PAGE_SIZE } from "../odata/retrieve";
import { etag, writeAttribute, type Json, type SerializeContext } from "../odata/serialize";
import { fromRow, type RecordData } from "../storage/records";
import { BusinessUnitId } from "../users";
import { compileFetch, type CompiledFetch, type FetchRuntime } from "./compile";
import { parseFetchXml } from "./parse";

const ATTRIBUTE_NAME = "OData.Community.Display.V1.AttributeName";

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
    const alias = compiled.columnAliases.get(attribute.logicalName);
    writeAttribute(ctx, json, attribute, record, alias);
  }
  for (const link of compiled.links) {
    const linked = linkRecord(link, row);
    for (const attribute of link.columns) {
      // An aliased column is named by its alias alone; the others by `<link alias>.<column>`.
      const alias = link.link.attributes.find((a) => a.name === attribute.logicalName)?.alias;
      const key = alias ?? `${link.resultAlias}.${attribute.logicalName}`;
      // Outer links with no match leave the aliased columns out, as Dataverse does.
      if (linked[attribute.logicalName] === null) continue;
      if (ctx.preferences.includes(ATTRIBUTE_NAME)) json[`${key}@${ATTRIBUTE_NAME}`] = attribute.logicalName;
      writeAttribute(ctx, json, attribute, linked, key);
    }
  }
  return json;
}

export function executeFetch(ctx: SerializeContext, apiUrl: string, entitySet: EntityMetadata, fetchXml: string, runtime: FetchRuntime): Json {
  const query = parseFetchXml(fetchXml);
  if (query.entity.name !== entitySet.logicalName) {
    throw badRequest(
      `The entity name '${query.entity.name}' in the FetchXML does not match the entity set '${entitySet.entitySetName}' of the request.`,
    );
  }
  if (query.top !== undefined && (query.count !== undefined || query.page !== undefined)) {
    throw badRequest("The top attribute can't be specified with paging attribute page or count.", "0x80040203");
  }
  const compiled = compileFetch(query, runtime);
  const pageSize = Math.min(query.top ?? query.count ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const page = query.page ?? 1;
  const rows = ctx.store
    .prepare(`${compiled.select} ${compiled.from} WHERE ${compiled.where.sql} ${compiled.orderBy} LIMIT ? OFFSET ?`)
    .all(...compiled.where.params, pageSize + 1, (page - 1) * pageSize) as Record<string, unknown>[];
  const more = query.top === undefined && rows.length > pageSize;
  const json: Json = { "@odata.context": `${apiUrl}$metadata#${entitySet.entitySetName}` };
  if (query.returnTotalRecordCount) {
    const { total } = ctx.store
      .prepare(`SELECT COUNT(${query.distinct ? "DISTINCT t0.rowid" : "*"}) AS total ${compiled.from} WHERE ${compiled.where.sql}`)
      .get(...compiled.where.params) as { total: number };
    json[`@${Annotations.totalRecordCount}`] = Math.min(total, MAX_PAGE_SIZE);
    json[`@${Annotations.totalRecordCountLimitExceeded}`] = total > MAX_PAGE_SIZE;
  }
  json.value = rows.slice(0, pageSize).map((row) => shapeRow(ctx, compiled, row));
  if (more) json["@Microsoft.Dynamics.CRM.morerecords"] = true;
  return json;
}

export function runtimeFor(ctx: SerializeContext, userId: string, now: Date): FetchRuntime {
  return { userId, businessUnitId: BusinessUnitId, languageId: ctx.languageId, now };
}

export function runFetchXmlRequest(ctx: SerializeContext, apiUrl: string, entity: EntityMetadata, params: URLSearchParams, runtime: FetchRuntime): Json {
  return executeFetch(ctx, apiUrl, entity, params.get("fetchXml") ?? "", runtime);
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
  return executeFetch(ctx, apiUrl, entity, String(view.fetchxml ?? ""), runtime);
}
