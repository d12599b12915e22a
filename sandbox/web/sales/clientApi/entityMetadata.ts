import type { SalesSession } from "../../shared/session";
import { webApiError } from "./webApiErrors";

/** What Xrm.WebApi and the form need to know about a table: the same answer EntityDefinitions gives. */
export interface EntityInfo {
  logicalName: string;
  entitySetName: string;
  primaryIdAttribute: string;
  primaryNameAttribute: string;
}

const cache = new Map<string, Promise<EntityInfo>>();

/** EntityDefinitions(LogicalName='…'), once per session and table. A failed read is retried next time. */
export function entityInfo(session: SalesSession, logicalName: string): Promise<EntityInfo> {
  const key = `${session.apiUrl}|${session.user.id}|${logicalName}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = (async () => {
      const response = await session.fetchApi(
        `EntityDefinitions(LogicalName='${encodeURIComponent(logicalName)}')?$select=LogicalName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute`,
      );
      if (!response.ok) throw await webApiError(response);
      const body = (await response.json()) as Record<string, string>;
      return {
        logicalName: body.LogicalName,
        entitySetName: body.EntitySetName,
        primaryIdAttribute: body.PrimaryIdAttribute,
        primaryNameAttribute: body.PrimaryNameAttribute,
      };
    })();
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

/** Record ids as the Web API wants them in a URL: no braces, lower case. */
export function bareId(id: string): string {
  return id.replace(/[{}]/g, "").toLowerCase();
}

/** Record ids as the form Client API returns them: braces, upper case. */
export function formId(id: string): string {
  return `{${bareId(id).toUpperCase()}}`;
}
