/** CRUD on `<entityset>` and `<entityset>(<id>)`: GET, POST, PATCH (upsert), DELETE. */
import { DataverseError, ErrorCodes, notFound, notImplemented } from "../errors";
import { entityByLogicalName, navigationProperty, type EntityMetadata } from "../metadata";
import { manyToManyNavigation, oneToManyNavigation } from "../metadata/relationships";
import { parseFetchXml, type FetchEntity } from "../fetchxml/parse";
import type { ExpandItem } from "../odata/queryOptions";
import { requireAccess } from "../security/principal";
import { isEntityRef, type RecordData } from "../storage/records";
import { deserializeRecord } from "../odata/deserialize";
import { parseQueryOptions } from "../odata/queryOptions";
import { PreferenceApplied } from "../odata/preferences";
import { contextUrl, countRecords, MAX_PAGE_SIZE, retrieveMultiple, retrieveRecord } from "../odata/retrieve";
import { serializeRecord, type SerializeContext } from "../odata/serialize";
import { runFetchXmlRequest, runSavedQuery, runtimeFor } from "../fetchxml/request";
import { refuseIntersectWrite } from "./associations";
import { parseJsonBody, type ApiResponse, type HandlerContext } from "./context";

/** The tables a `$expand` reads from, each needing its Read privilege like the table queried. */
function expandedTables(entity: EntityMetadata, expand: ExpandItem[]): EntityMetadata[] {
  return expand.flatMap((item) => {
    const name =
      oneToManyNavigation(entity.logicalName, item.navigationProperty)?.referencingEntity ??
      manyToManyNavigation(entity.logicalName, item.navigationProperty)?.other.entity ??
      navigationProperty(entity, item.navigationProperty)?.target.entity;
    const target = name ? entityByLogicalName(name) : undefined;
    return target ? [target] : [];
  });
}

/** The tables a FetchXML query reads: its entity and every link-entity, however deep. */
function fetchTables(fetchXml: string): EntityMetadata[] {
  const found: EntityMetadata[] = [];
  const walk = (node: FetchEntity) => {
    const entity = entityByLogicalName(node.name);
    if (entity) found.push(entity);
    node.links.forEach(walk);
  };
  walk(parseFetchXml(fetchXml).entity);
  return found;
}

function requireRead(ctx: HandlerContext, entities: EntityMetadata[]): void {
  for (const entity of entities) requireAccess(ctx.store, ctx.caller, entity, "Read");
}

/** Create, plus Assign when the new record is given to someone other than the caller. */
function requireCreate(ctx: HandlerContext, entity: EntityMetadata, data: RecordData): void {
  requireAccess(ctx.store, ctx.caller, entity, "Create");
  const owner = data.ownerid;
  if (isEntityRef(owner) && !(owner.logicalName === "systemuser" && owner.id.toLowerCase() === ctx.caller.userId)) {
    requireAccess(ctx.store, ctx.caller, entity, "Assign");
  }
}

/** Write on the record as it is (depth), plus Assign when the change moves it to another owner. */
function requireWrite(ctx: HandlerContext, entity: EntityMetadata, existing: RecordData, data: RecordData): void {
  requireAccess(ctx.store, ctx.caller, entity, "Write", existing);
  const owner = data.ownerid;
  const current = existing.ownerid;
  if (isEntityRef(owner) && !(isEntityRef(current) && current.id.toLowerCase() === owner.id.toLowerCase())) {
    requireAccess(ctx.store, ctx.caller, entity, "Assign", existing);
  }
}

const entityIdUrl = (ctx: HandlerContext, entity: EntityMetadata, id: string) => `${ctx.apiUrl}${entity.entitySetName}(${id})`;

export function serializeContext(ctx: HandlerContext): SerializeContext {
  return { store: ctx.store, languageId: ctx.caller.languageId, preferences: ctx.preferences, memo: new Map() };
}

/**
 * `Preference-Applied` for what an answer honoured, one header per preference in the order given (Dataverse
 * writes `return=representation` before the annotations, the annotations before `odata.maxpagesize`:
 * "Do not use the OData v2.0 endpoint", https://learn.microsoft.com/power-apps/developer/model-driven-apps/best-practices/business-logic/do-not-use-odata-v2-endpoint).
 */
function preferenceApplied(...applied: (string | undefined)[]): Record<string, string[]> {
  const values = applied.filter((value): value is string => value !== undefined);
  return values.length > 0 ? { "Preference-Applied": values } : {};
}

/** The page size an OData query applied, echoed only when it is the one asked for (at most 5,000: "Page results using OData"). */
function pageSizeApplied(ctx: HandlerContext): string | undefined {
  const size = ctx.preferences.maxPageSize;
  return size !== undefined && size <= MAX_PAGE_SIZE ? PreferenceApplied.maxPageSize(size) : undefined;
}

/** Weak comparison (RFC 7232 2.3.2): `W/"5"` and `"5"` name the same version. */
const opaqueTag = (tag: string) => tag.trim().replace(/^W\//, "");

/**
 * "Conditional retrievals" (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api#conditional-retrievals):
 * `If-None-Match` naming the record's current etag answers 304 Not Modified with no body — but never for a
 * query with `$expand` or a request with `Prefer: odata.include-annotations`, whose answers depend on other records.
 */
function notModified(ctx: HandlerContext, currentEtag: string, expands: boolean): boolean {
  const ifNoneMatch = ctx.request.headers["if-none-match"];
  if (!ifNoneMatch || expands || ctx.preferences.annotationsHeader) return false;
  return ifNoneMatch.split(",").some((tag) => opaqueTag(tag) === opaqueTag(currentEtag));
}

function representation(ctx: HandlerContext, entity: EntityMetadata, id: string, status: number): ApiResponse {
  const query = parseQueryOptions(ctx.request.url.searchParams);
  const record = ctx.store.get(entity, id);
  if (!record) throw notFound(entity.logicalName, id);
  const body = {
    "@odata.context": contextUrl(ctx.apiUrl, entity, query, true),
    ...serializeRecord(serializeContext(ctx), entity, record, query.select, query.expand),
  };
  return {
    status,
    headers: {
      "OData-EntityId": entityIdUrl(ctx, entity, id),
      ...preferenceApplied(PreferenceApplied.returnRepresentation, ctx.preferences.annotationsHeader),
    },
    body,
  };
}

export async function handleCollection(ctx: HandlerContext, entity: EntityMetadata): Promise<ApiResponse> {
  const params = ctx.request.url.searchParams;
  if (ctx.request.method === "GET") {
    // FetchXML (and a saved query's FetchXML) sets its page size with the fetch element's count ("Page results using
    // FetchXml"); the sandbox applies no odata.maxpagesize there, so only the annotations are echoed.
    const headers = preferenceApplied(ctx.preferences.annotationsHeader);
    const serialize = serializeContext(ctx);
    const runtime = runtimeFor(serialize, ctx.caller.userId, ctx.engine.currentTime());
    if (params.has("fetchXml")) {
      requireRead(ctx, [entity, ...fetchTables(params.get("fetchXml") ?? "")]);
      return { status: 200, headers, body: runFetchXmlRequest(serialize, ctx.apiUrl, entity, params, runtime) };
    }
    if (params.has("savedQuery")) {
      requireRead(ctx, [entity, entityByLogicalName("savedquery") as EntityMetadata]);
      return { status: 200, headers, body: runSavedQuery(serialize, ctx.apiUrl, entity, params, runtime) };
    }
    if (params.has("userQuery")) throw notImplemented("personal views (userQuery)");
    const query = parseQueryOptions(params);
    requireRead(ctx, [entity, ...expandedTables(entity, query.expand)]);
    return {
      status: 200,
      headers: preferenceApplied(ctx.preferences.annotationsHeader, pageSizeApplied(ctx)),
      body: retrieveMultiple(serializeContext(ctx), ctx.apiUrl, ctx.request.url, entity, query),
    };
  }
  if (ctx.request.method === "POST") {
    if (entity.intersect) refuseIntersectWrite(entity);
    const data = deserializeRecord(entity, parseJsonBody(ctx.request.body, entity.entitySetName));
    requireCreate(ctx, entity, data);
    const id = await ctx.engine.execute(ctx.caller, (scope) => ctx.engine.create(scope, entity, data));
    if (ctx.preferences.returnRepresentation) return representation(ctx, entity, id, 201);
    return { status: 204, headers: { "OData-EntityId": entityIdUrl(ctx, entity, id) } };
  }
  throw new DataverseError(405, ErrorCodes.notSupported, `The HTTP method '${ctx.request.method}' is not allowed on '${entity.entitySetName}'.`);
}

export async function handleRecord(ctx: HandlerContext, entity: EntityMetadata, id: string): Promise<ApiResponse> {
  const { method, headers } = ctx.request;
  const ifMatch = headers["if-match"];
  if (entity.intersect && method !== "GET") refuseIntersectWrite(entity);
  switch (method) {
    case "GET": {
      const query = parseQueryOptions(ctx.request.url.searchParams);
      requireRead(ctx, [entity, ...expandedTables(entity, query.expand)]);
      const body = retrieveRecord(serializeContext(ctx), ctx.apiUrl, entity, id, query);
      const currentEtag = String(body["@odata.etag"]);
      if (notModified(ctx, currentEtag, query.expand.length > 0)) return { status: 304 };
      // The record's version as the `ETag` header too, the same value as `@odata.etag` (Do not use the OData v2.0 endpoint, Retrieve records).
      return { status: 200, headers: { ETag: currentEtag, ...preferenceApplied(ctx.preferences.annotationsHeader) }, body };
    }
    case "PATCH": {
      const data = deserializeRecord(entity, parseJsonBody(ctx.request.body, entity.entitySetName));
      const created = await ctx.engine.execute(ctx.caller, async (scope) => {
        const existing = ctx.store.get(entity, id);
        // "Limit upsert operations" (perform-conditional-operations-using-web-api): If-None-Match: * never
        // updates (412 DuplicateRecord), If-Match never creates (404); a stale If-Match etag is the engine's
        // 412 ConcurrencyVersionMismatch. `If-None-Match: null`, which clients send on every request, is no condition.
        if (existing && headers["if-none-match"] === "*") {
          throw new DataverseError(412, ErrorCodes.duplicateRecord, "A record with matching key values already exists.");
        }
        if (existing) {
          requireWrite(ctx, entity, existing, data);
          await ctx.engine.update(scope, entity, id, data, { ifMatch });
          return false;
        }
        // Upsert: PATCH to a missing id creates it, unless If-Match says it must exist.
        if (ifMatch) throw notFound(entity.logicalName, id);
        requireCreate(ctx, entity, data);
        await ctx.engine.create(scope, entity, { ...data, [entity.primaryIdAttribute]: id });
        return true;
      });
      if (ctx.preferences.returnRepresentation) return representation(ctx, entity, id, created ? 201 : 200);
      return { status: 204, headers: { "OData-EntityId": entityIdUrl(ctx, entity, id) } };
    }
    case "DELETE":
      await ctx.engine.execute(ctx.caller, (scope) => {
        const existing = ctx.store.get(entity, id);
        if (existing) requireAccess(ctx.store, ctx.caller, entity, "Delete", existing);
        return ctx.engine.delete(scope, entity, id, { ifMatch });
      });
      return { status: 204 };
    case "PUT":
      throw notImplemented("PUT of a single property");
    default:
      throw new DataverseError(405, ErrorCodes.notSupported, `The HTTP method '${method}' is not allowed on '${entity.entitySetName}(${id})'.`);
  }
}

/** `GET <set>/$count`: the number as plain text (capped at 5,000 like `$count=true`), `$filter` applied. */
export function handleCount(ctx: HandlerContext, entity: EntityMetadata): ApiResponse {
  if (ctx.request.method !== "GET") {
    throw new DataverseError(405, ErrorCodes.notSupported, `The HTTP method '${ctx.request.method}' is not allowed on '${entity.entitySetName}/$count'.`);
  }
  const query = parseQueryOptions(ctx.request.url.searchParams);
  requireRead(ctx, [entity]);
  return { status: 200, headers: { "Content-Type": "text/plain;charset=utf-8" }, text: String(countRecords(ctx.store, entity, query)) };
}
