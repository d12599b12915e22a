/** Reading action parameters the way the Web API types them (entity-typed references with `@odata.type`). */
import { badRequest, notFound } from "../errors";
import { entityByLogicalName, type EntityMetadata } from "../metadata";
import type { EntityRef, RecordStore } from "../storage/records";

export type Body = Record<string, unknown>;

export function asBody(value: unknown): Body {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw badRequest("The action parameters must be a JSON object.");
  return value as Body;
}

export function booleanParameter(body: Body, name: string, required: boolean): boolean {
  const value = body[name];
  if (value === undefined && !required) return false;
  if (typeof value !== "boolean") throw badRequest(`The parameter '${name}' must be a boolean (Edm.Boolean).`);
  return value;
}

export function integerParameter(body: Body, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw badRequest(`The parameter '${name}' must be an integer (Edm.Int32).`);
  return value;
}

/**
 * An entity-typed parameter: `{ "@odata.type": "Microsoft.Dynamics.CRM.account", "accountid": "…" }`.
 * The referenced record must exist.
 */
export function referenceParameter(store: RecordStore, body: Body, name: string, allowed: string[]): EntityRef | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object") throw badRequest(`The parameter '${name}' must be an entity reference.`);
  const object = value as Record<string, unknown>;
  const odataType = String(object["@odata.type"] ?? "").replace(/^#?Microsoft\.Dynamics\.CRM\./, "");
  const candidates = odataType ? [odataType] : allowed;
  for (const logicalName of candidates) {
    const entity: EntityMetadata | undefined = entityByLogicalName(logicalName);
    const id = entity ? object[entity.primaryIdAttribute] : undefined;
    if (!entity || typeof id !== "string") continue;
    if (!allowed.includes(logicalName)) throw badRequest(`The parameter '${name}' cannot reference a '${logicalName}'.`);
    if (!store.exists(entity, id)) throw notFound(logicalName, id);
    return { logicalName, id: id.toLowerCase() };
  }
  throw badRequest(`The parameter '${name}' must name the entity type (@odata.type) and its primary key.`);
}
