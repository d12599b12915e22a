import type { SalesSession } from "../../shared/session";
import { bareId, entityInfo } from "./entityMetadata";
import { executeRequest } from "./executeRequest";
import { notImplemented, strict } from "./strict";
import { webApiError } from "./webApiErrors";

const ANNOTATIONS = { Prefer: 'odata.include-annotations="*"' };

function query(options: string | undefined): string {
  if (!options) return "";
  return options.startsWith("?") ? options : `?${options}`;
}

async function json(response: Response): Promise<Record<string, unknown>> {
  if (!response.ok) throw await webApiError(response);
  return (await response.json()) as Record<string, unknown>;
}

/** The id of a created record: the OData-EntityId header, as the platform reads it. */
function createdId(response: Response): string {
  const header = response.headers.get("OData-EntityId") ?? "";
  const match = /\(([0-9a-fA-F-]{36})\)\s*$/.exec(header);
  if (!match) throw new Error("The Web API did not return the id of the created record (OData-EntityId).");
  return match[1].toLowerCase();
}

/**
 * Xrm.WebApi over the sandbox's Web API. Answers and errors have the platform's shapes: records
 * with formatted-value annotations, `{ entities, nextLink }`, `{ entityType, id }`, and rejections
 * with `{ errorCode, message }`.
 */
export function createWebApi(session: SalesSession): Xrm.WebApi {
  const setOf = async (entity: string) => (await entityInfo(session, entity)).entitySetName;

  const online = {
    async retrieveRecord(entityLogicalName: string, id: string, options?: string) {
      return json(await session.fetchApi(`${await setOf(entityLogicalName)}(${bareId(id)})${query(options)}`, { headers: ANNOTATIONS }));
    },
    async retrieveMultipleRecords(entityLogicalName: string, options?: string, maxPageSize?: number) {
      const headers = { Prefer: `${ANNOTATIONS.Prefer}${maxPageSize ? `,odata.maxpagesize=${maxPageSize}` : ""}` };
      const body = await json(await session.fetchApi(`${await setOf(entityLogicalName)}${query(options)}`, { headers }));
      const result: Xrm.RetrieveMultipleResult = { entities: (body.value as Xrm.RetrieveMultipleResult["entities"]) ?? [], nextLink: "" };
      const next = body["@odata.nextLink"];
      if (typeof next === "string") result.nextLink = next;
      else delete (result as Partial<Xrm.RetrieveMultipleResult>).nextLink;
      return result;
    },
    async createRecord(entityLogicalName: string, data: object) {
      const response = await session.fetchApi(await setOf(entityLogicalName), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(data),
      });
      if (!response.ok) throw await webApiError(response);
      return { entityType: entityLogicalName, id: createdId(response) };
    },
    async updateRecord(entityLogicalName: string, id: string, data: object) {
      const response = await session.fetchApi(`${await setOf(entityLogicalName)}(${bareId(id)})`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json", "If-Match": "*" },
        body: JSON.stringify(data),
      });
      if (!response.ok) throw await webApiError(response);
      return { entityType: entityLogicalName, id: bareId(id) };
    },
    async deleteRecord(entityLogicalName: string, id: string) {
      const response = await session.fetchApi(`${await setOf(entityLogicalName)}(${bareId(id)})`, { method: "DELETE" });
      if (!response.ok) throw await webApiError(response);
      return { entityType: entityLogicalName, id: bareId(id) };
    },
    async execute(request: object) {
      const response = await executeRequest(session, request as Parameters<typeof executeRequest>[1]);
      if (!response.ok) throw await webApiError(response);
      return response as Xrm.ExecuteResponse;
    },
    executeMultiple(): never {
      throw notImplemented("Xrm.WebApi.online.executeMultiple");
    },
  };
  const onlineApi = strict("Xrm.WebApi.online", online) as unknown as Xrm.WebApiOnline;
  return strict("Xrm.WebApi", {
    ...online,
    online: onlineApi,
    isAvailableOffline: () => false,
  }) as unknown as Xrm.WebApi;
}
