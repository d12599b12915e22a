/**
 * Routes a request below `/api/data/v9.2/` to its handler: entity sets and records, bound and unbound
 * actions, WhoAmI and EntityDefinitions (what dataverse-ify asks for an entity set name). `$batch` is
 * unpacked in server.ts and each of its parts comes through here.
 */
import { DataverseError, notImplemented, resourceNotFound, unmodelledColumn, unmodelledMessage, unmodelledTable } from "../errors";
import { requireCustomizer } from "../import/customizerPrivilege";
import { importSolutionAsync } from "../import/importSolutionAsync";
import { entitiesInScope, entityBySetName, type EntityMetadata } from "../metadata";
import { unmodelledColumnOf } from "../metadata/columnSupport";
import { isUnmodelledMessage, unmodelledTableBySetName } from "../metadata/published";
import { closeOpportunity } from "../messages/closeOpportunity";
import { qualifyLead, qualifyLeadResponse } from "../messages/qualifyLead";
import { BusinessUnitId, OrganizationId } from "../users";
import { handleManyToMany } from "./associations";
import { parseJsonBody, type ApiResponse, type HandlerContext } from "./context";
import { entityDefinitions } from "./entityDefinitions";
import { handleCollection, handleCount, handleRecord } from "./entitySet";

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/**
 * A function or action called with the other HTTP method: Dataverse's routing finds no resource
 * ("No HTTP resource was found that matches the request URI", 404 with an empty code; Troubleshoot
 * Dataverse Web API client errors).
 */
function requireMethod(ctx: HandlerContext, method: string): void {
  if (ctx.request.method !== method) {
    const uri = `${ctx.apiUrl}${ctx.request.path}${ctx.request.url.search}`;
    throw new DataverseError(404, "", `No HTTP resource was found that matches the request URI '${uri}'.`);
  }
}

/** The first segment names nothing the sandbox serves: a standard table or message it does not model (501), else Dataverse's 404. */
function unknownSegment(path: string): DataverseError {
  const segment = /^[^(/]*/.exec(path)?.[0] ?? path;
  const table = unmodelledTableBySetName(segment);
  if (table) return unmodelledTable(table.logicalName, table.entitySetName);
  const message = segment.replace(/^Microsoft\.Dynamics\.CRM\./, "");
  if (isUnmodelledMessage(message)) return unmodelledMessage(message);
  return resourceNotFound(segment);
}

/** Something after `<set>(<id>)/` or `<set>/` the sandbox does not serve, named as precisely as it can be. */
function unservedBoundSegment(entity: EntityMetadata, rest: string, where: string): DataverseError {
  const name = rest.replace(/^Microsoft\.Dynamics\.CRM\./, "").replace(/\(.*$/s, "");
  if (isUnmodelledMessage(name)) return unmodelledMessage(name);
  const column = unmodelledColumnOf(entity, name);
  if (column) return unmodelledColumn(entity.logicalName, column);
  return notImplemented(`'${rest}' on ${where} (single property access, $ref, or another bound operation)`);
}

function whoAmI(ctx: HandlerContext): ApiResponse {
  requireMethod(ctx, "GET");
  return {
    status: 200,
    body: {
      "@odata.context": `${ctx.apiUrl}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
      BusinessUnitId,
      UserId: ctx.caller.userId,
      OrganizationId,
    },
  };
}

function serviceDocument(ctx: HandlerContext): ApiResponse {
  const value = entitiesInScope().map((e) => ({ name: e.entitySetName, kind: "EntitySet", url: e.entitySetName }));
  return { status: 200, body: { "@odata.context": `${ctx.apiUrl}$metadata`, value } };
}

async function unboundAction(ctx: HandlerContext, name: string): Promise<ApiResponse | undefined> {
  switch (name) {
    case "WinOpportunity":
    case "LoseOpportunity":
      requireMethod(ctx, "POST");
      await closeOpportunity(ctx.engine, ctx.caller, name, parseJsonBody(ctx.request.body));
      return { status: 204 };
    case "ImportSolution":
      requireMethod(ctx, "POST");
      await ctx.importSolution(ctx.caller, parseJsonBody(ctx.request.body));
      return { status: 204 };
    case "ImportSolutionAsync": {
      requireMethod(ctx, "POST");
      const started = await importSolutionAsync(ctx.engine, ctx.caller, parseJsonBody(ctx.request.body));
      return {
        status: 200,
        body: { "@odata.context": `${ctx.apiUrl}$metadata#Microsoft.Dynamics.CRM.ImportSolutionAsyncResponse`, ...started },
      };
    }
    case "PublishAllXml":
    case "PublishXml":
      // Forms, views and ribbons are live as soon as they are written here; publishing only checks the privilege.
      requireMethod(ctx, "POST");
      requireCustomizer(ctx.store, ctx.caller, "prvWriteQuery");
      return { status: 204 };
    case "WhoAmI":
    case "WhoAmI()":
      return whoAmI(ctx);
    default:
      return undefined;
  }
}

export async function route(ctx: HandlerContext): Promise<ApiResponse> {
  const path = ctx.request.path;
  if (path === "") return serviceDocument(ctx);
  if (path === "$metadata") throw notImplemented("the CSDL $metadata document");
  const definitions = entityDefinitions(ctx);
  if (definitions) return definitions;

  const action = await unboundAction(ctx, path.replace(/^Microsoft\.Dynamics\.CRM\./, ""));
  if (action) return action;

  const match = /^([A-Za-z_]\w*)(?:\(([^)]*)\))?(?:\/(.+))?$/.exec(path);
  const entity = match ? entityBySetName(match[1]) : undefined;
  if (!match || !entity) throw unknownSegment(path);
  const [, , key, rest] = match;
  if (key === undefined) {
    if (rest === "$count") return handleCount(ctx, entity);
    if (rest) {
      const name = rest.replace(/^Microsoft\.Dynamics\.CRM\./, "").replace(/\(.*$/s, "");
      if (isUnmodelledMessage(name)) throw unmodelledMessage(name);
      throw notImplemented(`'${path}' (bound functions or actions on an entity set)`);
    }
    return handleCollection(ctx, entity);
  }
  const guid = GUID.exec(key);
  if (!guid) throw notImplemented(`alternate keys ('${path}')`);
  const id = guid[1].toLowerCase();
  if (rest === undefined) return handleRecord(ctx, entity, id);
  const association = await handleManyToMany(ctx, entity, id, rest);
  if (association) return association;
  const bound = rest.replace(/^Microsoft\.Dynamics\.CRM\./, "");
  if (bound === "QualifyLead" && entity.logicalName === "lead") {
    requireMethod(ctx, "POST");
    const result = await qualifyLead(ctx.engine, ctx.caller, id, parseJsonBody(ctx.request.body));
    return { status: 200, body: qualifyLeadResponse(ctx.apiUrl, result) };
  }
  throw unservedBoundSegment(entity, rest, `${entity.entitySetName}(${id})`);
}
