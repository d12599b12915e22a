/**
 * `context.webAPI` over the sandbox Web API, with the platform's shapes: retrieveMultipleRecords
 * resolves `{ entities, nextLink }`, createRecord a lookup `{ id, entityType }`, and every failure
 * rejects with an ErrorResponse `{ errorCode, message, code }` (errorCode as the signed 32-bit number
 * Dataverse's hex code stands for).
 */
import type { SalesSession } from "../../shared/session";

type Json = Record<string, unknown>;

export interface PcfErrorResponse {
  errorCode: number;
  message: string;
  code: number;
  title: string;
  raw?: string;
}

export function toErrorResponse(status: number, body: unknown): PcfErrorResponse {
  const error = typeof body === "object" && body !== null ? (body as { error?: { code?: string; message?: string } }).error : undefined;
  const hex = error?.code && /^0x[0-9a-f]{1,8}$/i.test(error.code) ? parseInt(error.code, 16) | 0 : status;
  const message = error?.message ?? `HTTP ${status}`;
  return { errorCode: hex, code: hex, message, title: message, raw: typeof body === "string" ? body : JSON.stringify(body) };
}

async function fail(response: Response): Promise<never> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  throw toErrorResponse(response.status, body);
}

const bare = (id: string): string => id.replace(/^\{|\}$/g, "").toLowerCase();

export function createPcfWebApi(session: SalesSession): ComponentFramework.WebApi {
  const setNames = new Map<string, Promise<string>>();
  const setName = (logicalName: string): Promise<string> => {
    let pending = setNames.get(logicalName);
    if (!pending) {
      pending = session.fetchApi(`EntityDefinitions(LogicalName='${encodeURIComponent(logicalName)}')?$select=EntitySetName`).then(async (response) => {
        if (!response.ok) return fail(response);
        return ((await response.json()) as { EntitySetName: string }).EntitySetName;
      });
      // A failed lookup is not kept, so the next call asks again.
      pending.catch(() => setNames.delete(logicalName));
      setNames.set(logicalName, pending);
    }
    return pending;
  };
  const query = (options: string | undefined): string => (options ? (options.startsWith("?") ? options : `?${options}`) : "");

  return {
    async retrieveRecord(entityType, id, options) {
      const response = await session.fetchApi(`${await setName(entityType)}(${bare(id)})${query(options)}`);
      if (!response.ok) return fail(response);
      return (await response.json()) as ComponentFramework.WebApi.Entity;
    },
    async retrieveMultipleRecords(entityType, options, maxPageSize) {
      const headers: Record<string, string> = {};
      if (maxPageSize) headers.Prefer = `odata.maxpagesize=${maxPageSize}`;
      const response = await session.fetchApi(`${await setName(entityType)}${query(options)}`, { headers });
      if (!response.ok) return fail(response);
      const body = (await response.json()) as Json & { value: ComponentFramework.WebApi.Entity[] };
      const nextLink = body["@odata.nextLink"];
      return { entities: body.value, nextLink: typeof nextLink === "string" ? nextLink : (undefined as unknown as string) };
    },
    async createRecord(entityType, data) {
      const response = await session.fetchApi(await setName(entityType), { method: "POST", body: JSON.stringify(data) });
      if (!response.ok) return fail(response);
      const id = /\(([0-9a-fA-F-]{36})\)\s*$/.exec(response.headers.get("OData-EntityId") ?? "")?.[1] ?? "";
      return { id, entityType, name: "" } as ComponentFramework.LookupValue;
    },
    async updateRecord(entityType, id, data) {
      const response = await session.fetchApi(`${await setName(entityType)}(${bare(id)})`, { method: "PATCH", body: JSON.stringify(data), headers: { "If-Match": "*" } });
      if (!response.ok) return fail(response);
      return { id: bare(id), entityType, name: "" } as ComponentFramework.LookupValue;
    },
    async deleteRecord(entityType, id) {
      const response = await session.fetchApi(`${await setName(entityType)}(${bare(id)})`, { method: "DELETE" });
      if (!response.ok) return fail(response);
      return { id: bare(id), entityType, name: "" } as ComponentFramework.LookupValue;
    },
  };
}
