import type { SalesSession } from "../../shared/session";
import { bareId, entityInfo } from "./entityMetadata";
import { notImplemented } from "./strict";

/** What `request.getMetadata()` returns for the request objects scripts build (Client API reference). */
export interface RequestMetadata {
  boundParameter?: string | null;
  operationName: string;
  /** 0 action, 1 function, 2 CRUD. */
  operationType?: number;
  parameterTypes?: Record<string, { typeName: string; structuralProperty: number }>;
}

interface ExecutableRequest {
  getMetadata(): RequestMetadata;
  [name: string]: unknown;
}

/** structuralProperty values of parameterTypes. */
const EntityType = 5;

/** An entity reference the script wrote as `{ entityType, id }`, as Xrm.WebApi accepts it. */
function isEntityReference(value: unknown): value is { entityType: string; id: string } {
  return typeof value === "object" && value !== null && typeof (value as { entityType?: unknown }).entityType === "string" && typeof (value as { id?: unknown }).id === "string";
}

/** A `{ entityType, id }` parameter becomes the typed reference the Web API expects. */
async function serializeParameter(session: SalesSession, value: unknown, structuralProperty: number | undefined): Promise<unknown> {
  if (structuralProperty === EntityType && isEntityReference(value)) {
    const info = await entityInfo(session, value.entityType);
    return { "@odata.type": `Microsoft.Dynamics.CRM.${value.entityType}`, [info.primaryIdAttribute]: bareId(value.id) };
  }
  return value;
}

async function boundPath(session: SalesSession, request: ExecutableRequest, metadata: RequestMetadata): Promise<string> {
  if (!metadata.boundParameter) return "";
  const target = request[metadata.boundParameter];
  if (metadata.boundParameter === "entity" && isEntityReference(target)) {
    const info = await entityInfo(session, target.entityType);
    return `${info.entitySetName}(${bareId(target.id)})/Microsoft.Dynamics.CRM.`;
  }
  throw notImplemented(`Xrm.WebApi.online.execute for requests bound to '${metadata.boundParameter}' other than one record`);
}

function functionParameter(value: unknown): string {
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/**
 * Turns a request object into the Web API call the platform makes for it: an action is a POST of its
 * parameters (bound: on the record's URL), a function a GET with parameter aliases. CRUD requests
 * (operationType 2) are not needed by the solution's scripts.
 */
export async function executeRequest(session: SalesSession, request: ExecutableRequest): Promise<Response> {
  if (typeof request?.getMetadata !== "function") throw new Error("The request must have a getMetadata function.");
  const metadata = request.getMetadata();
  const operationType = metadata.operationType ?? 0;
  if (operationType === 2) throw notImplemented("Xrm.WebApi.online.execute for CRUD requests (operationType 2)");
  const prefix = await boundPath(session, request, metadata);
  const names = Object.keys(metadata.parameterTypes ?? {}).filter((name) => name !== metadata.boundParameter && request[name] !== undefined);
  if (operationType === 1) {
    const aliases = names.map((name, i) => `${name}=@p${i + 1}`).join(",");
    const values = names.map((name, i) => `@p${i + 1}=${encodeURIComponent(functionParameter(request[name]))}`).join("&");
    return session.fetchApi(`${prefix}${metadata.operationName}(${aliases})${values ? `?${values}` : ""}`);
  }
  const body: Record<string, unknown> = {};
  for (const name of names) {
    body[name] = await serializeParameter(session, request[name], metadata.parameterTypes?.[name]?.structuralProperty);
  }
  const action = prefix ? `${prefix}${metadata.operationName}` : metadata.operationName;
  return session.fetchApi(action, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}
