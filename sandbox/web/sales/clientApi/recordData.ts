import type { SalesSession } from "../../shared/session";
import type { AttributeInfo } from "./attributeMetadata";
import { bareId, entityInfo, formId } from "./entityMetadata";
import type { AttributeState } from "./formModel";
import { webApiError } from "./webApiErrors";

const FORMATTED = "@OData.Community.Display.V1.FormattedValue";
const LOOKUP_TABLE = "@Microsoft.Dynamics.CRM.lookuplogicalname";

export interface RecordRead {
  values: Record<string, unknown>;
  etag: string | null;
  stateCode: number;
  primaryName: string | null;
}

const selectName = (info: AttributeInfo) => (info.kind === "lookup" ? `_${info.logicalName}_value` : info.logicalName);

/** A column as the Web API returns it → the value the Client API holds (lookups as LookupValue[], dates as Date). */
function clientValue(info: AttributeInfo, record: Record<string, unknown>): unknown {
  if (info.kind === "lookup") {
    const key = `_${info.logicalName}_value`;
    const id = record[key];
    if (typeof id !== "string") return null;
    const lookup: Xrm.LookupValue = {
      id: formId(id),
      name: (record[`${key}${FORMATTED}`] as string | undefined) ?? undefined,
      entityType: (record[`${key}${LOOKUP_TABLE}`] as string | undefined) ?? info.targets[0]?.entity ?? "",
    };
    return [lookup];
  }
  const value = record[info.logicalName];
  if (value === undefined || value === null) return null;
  if (info.kind === "datetime" && typeof value === "string") return new Date(value);
  return value;
}

/**
 * Reads the form's columns of one record with formatted values, its etag, its status (`hasStateCode`:
 * the table has statecode, whether or not the form shows it) and its primary name.
 */
export async function readRecord(session: SalesSession, entity: string, id: string, columns: AttributeInfo[], hasStateCode = true): Promise<RecordRead> {
  const table = await entityInfo(session, entity);
  const select = new Set(columns.map(selectName));
  select.add(table.primaryNameAttribute);
  if (hasStateCode) select.add("statecode");
  const response = await session.fetchApi(`${table.entitySetName}(${bareId(id)})?$select=${[...select].join(",")}`, {
    headers: { Prefer: 'odata.include-annotations="*"' },
  });
  if (!response.ok) throw await webApiError(response);
  const record = (await response.json()) as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const column of columns) values[column.logicalName] = clientValue(column, record);
  return {
    values,
    etag: typeof record["@odata.etag"] === "string" ? (record["@odata.etag"] as string) : null,
    stateCode: typeof record.statecode === "number" ? record.statecode : 0,
    primaryName: typeof record[table.primaryNameAttribute] === "string" ? (record[table.primaryNameAttribute] as string) : null,
  };
}

async function serializeColumn(session: SalesSession, attribute: AttributeState, body: Record<string, unknown>): Promise<void> {
  const { info, value } = attribute;
  if (info.kind === "lookup") {
    const lookup = (value as Xrm.LookupValue[] | null)?.[0];
    const target = lookup ? info.targets.find((t) => t.entity === lookup.entityType) ?? info.targets[0] : info.targets[0];
    if (!target) throw new Error(`The lookup column '${info.logicalName}' has no target table.`);
    body[`${target.navigationProperty}@odata.bind`] = lookup ? `/${(await entityInfo(session, lookup.entityType)).entitySetName}(${bareId(lookup.id)})` : null;
    return;
  }
  body[info.logicalName] = value instanceof Date ? value.toISOString() : value === "" ? null : value;
}

/** The body of a save: changed columns (and "always" submit mode columns), never "never" ones. */
export async function saveBody(session: SalesSession, attributes: AttributeState[], isDirty: (name: string) => boolean): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {};
  for (const attribute of attributes) {
    if (attribute.submitMode === "never") continue;
    if (attribute.submitMode === "always" || isDirty(attribute.name)) await serializeColumn(session, attribute, body);
  }
  return body;
}

/**
 * Writes a save: PATCH of the changed columns guarded by the etag read (a record changed meanwhile
 * fails with the platform's concurrency error), or POST for a new record. Returns the record id.
 */
export async function writeRecord(session: SalesSession, entity: string, id: string, etag: string | null, body: Record<string, unknown>): Promise<string> {
  const table = await entityInfo(session, entity);
  if (!id) {
    const response = await session.fetchApi(table.entitySetName, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (!response.ok) throw await webApiError(response);
    const match = /\(([0-9a-fA-F-]{36})\)\s*$/.exec(response.headers.get("OData-EntityId") ?? "");
    if (!match) throw new Error("The Web API did not return the id of the created record (OData-EntityId).");
    return match[1].toLowerCase();
  }
  if (Object.keys(body).length === 0) return id;
  const response = await session.fetchApi(`${table.entitySetName}(${bareId(id)})`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json", "If-Match": etag ?? "*" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await webApiError(response);
  return id;
}
