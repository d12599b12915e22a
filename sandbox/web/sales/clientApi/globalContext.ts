import { entityByLogicalName } from "../../../src/dataverse/metadata";
import type { SalesSession } from "../../shared/session";
import { formId } from "./entityMetadata";
import { itemCollection } from "./itemCollection";
import { strict } from "./strict";

/** The Dataverse version the sandbox's Web API stands in for (api/data/v9.2). */
const VERSION = "9.2.0.0";

export interface UserRole {
  id: string;
  name: string;
}

/**
 * The user's security roles, read once at page load (userSettings.roles is synchronous) by expanding
 * the systemuserroles_association relationship on the user (one request). Where the metadata has no
 * systemuserroles table, users hold no roles and nothing is asked.
 */
export async function loadUserRoles(session: SalesSession): Promise<UserRole[]> {
  if (!entityByLogicalName("systemuserroles")) return [];
  const response = await session.fetchApi(`systemusers(${session.user.id})?$select=systemuserid&$expand=systemuserroles_association($select=roleid,name)`);
  if (!response.ok) return [];
  const body = (await response.json()) as { systemuserroles_association?: { roleid: string; name: string }[] };
  return (body.systemuserroles_association ?? []).map((role) => ({ id: role.roleid, name: role.name }));
}

/** Xrm.Utility.getGlobalContext(): who the user is, their language and roles, and the org URL. */
export function createGlobalContext(session: SalesSession, roles: readonly UserRole[]): Xrm.GlobalContext {
  const roleValues: Xrm.LookupValue[] = roles.map((role) => ({ id: formId(role.id), name: role.name, entityType: "role" }));
  const userSettings = strict("Xrm.Utility.getGlobalContext().userSettings", {
    userId: formId(session.user.id),
    userName: session.user.fullname,
    languageId: session.languageId,
    roles: itemCollection(() => roleValues, (role) => role.name),
    securityRoles: roleValues.map((role) => role.id.replace(/[{}]/g, "").toLowerCase()),
    isRTL: false,
    getTimeZoneOffsetMinutes: () => 0,
  });
  return strict("Xrm.Utility.getGlobalContext()", {
    userSettings,
    getClientUrl: () => session.clientUrl,
    getVersion: () => VERSION,
    getUserId: () => formId(session.user.id),
    getUserName: () => session.user.fullname,
    getUserLcid: () => session.languageId,
    getOrgLcid: () => 1033,
    getCurrentAppUrl: () => `${session.clientUrl}/main.aspx`,
  }) as unknown as Xrm.GlobalContext;
}
