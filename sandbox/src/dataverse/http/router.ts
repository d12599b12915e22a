/**
 * Routes a request below `/api/data/v9.2/` to its handler: entity sets and records, bound and unbound
 * actions, WhoAmI and EntityDefinitions (what dataverse-ify asks for an entity set name). `$batch` is
 * unpacked in server.ts and each of its parts comes through here.
 */
import { DataverseError, ErrorCodes, notImplemented, resourceNotFound } from "../errors";
import { requireCustomizer } from "../import/customizerPrivilege";
import { importSolutionAsync } from "../import/importSolutionAsync";
import { allEntities, entityByLogicalName, entityBySetName } from "../metadata";
import { closeOpportunity } from "../messages/closeOpportunity";
import { qualifyLead, qualifyLeadResponse } from "../messages/qualifyLead";
import { BusinessUnitId, OrganizationId } from "../users";
import { handleManyToMany } from "./associations";
import { parseJsonBody, type ApiResponse, type HandlerContext } from "./context";
import { handleCollection, handleCount, handleRecord } from "./entitySet";

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

function requireMethod(ctx: HandlerContext, method: string): void {
  if (ctx.request.method !== method) {
    throw new DataverseError(405, ErrorCodes.notSupported, `The HTTP method '${ctx.request.method}' is not allowed on '${ctx.request.path}'.`);
  }
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

function entityDefinition(ctx: HandlerContext, logicalName: string): ApiResponse {
  requireMethod(ctx, "GET");
  const entity = entityByLogicalName(logicalName);
  if (!entity) {
    throw new DataverseError(404, "0x80040217", `Could not find entity with name '${logicalName}'.`);
  }
  return {
    status: 200,
    body: {
      "@odata.context": `${ctx.apiUrl}$metadata#EntityDefinitions/$entity`,
      LogicalName: entity.logicalName,
      EntitySetName: entity.entitySetName,
      PrimaryIdAttribute: entity.primaryIdAttribute,
      PrimaryNameAttribute: entity.primaryNameAttribute,
      OwnershipType: entity.ownership === "user" ? "UserOwned" : "OrganizationOwned",
    },
  };
}

function serviceDocument(ctx: HandlerContext): ApiResponse {
  const value = allEntities.map((e) => ({ name: e.entitySetName, kind: "EntitySet", url: e.entitySetName }));
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
  const definition = /^EntityDefinitions\(LogicalName='([^']+)'\)$/.exec(path);
  if (definition) return entityDefinition(ctx, definition[1]);
  if (path.startsWith("EntityDefinitions")) throw notImplemented(`metadata queries other than EntityDefinitions(LogicalName='…') ('${path}')`);

  const action = await unboundAction(ctx, path.replace(/^Microsoft\.Dynamics\.CRM\./, ""));
  if (action) return action;

  const match = /^([A-Za-z_]\w*)(?:\(([^)]*)\))?(?:\/(.+))?$/.exec(path);
  const entity = match ? entityBySetName(match[1]) : undefined;
  if (!match || !entity) throw resourceNotFound(match?.[1] ?? path);
  const [, , key, rest] = match;
  if (key === undefined) {
    if (rest === "$count") return handleCount(ctx, entity);
    if (rest) throw notImplemented(`'${path}' (bound functions or actions on an entity set)`);
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
  throw notImplemented(`'${rest}' on ${entity.entitySetName}(${id}) (single property access, $ref, or another bound operation)`);
}
