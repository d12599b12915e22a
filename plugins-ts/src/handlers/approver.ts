import {
  ApproverRoleId,
  describeApproverRequired,
  EnvironmentVariables,
  EnvironmentVariableTables,
  isYes,
  Languages,
  SecurityTables,
  type ApproverEvent,
} from "../../../core/src";
import type { DataverseClient, WebApiRecord } from "../dataverse/client";
import { normalizeGuid } from "../executionContext";
import type { HandlerInput, Outcome } from "./types";
import { userLanguage } from "./users";

/**
 * `cb2b_RequireApproverRole` on the server: when the environment variable is on, only holders of the
 * *Commerce B2B approver* role may win or lose a Commerce B2B opportunity or disqualify a Commerce B2B
 * lead, whatever the client (form, grid, API, flow). The form scripts show the same rule earlier.
 *
 * Called only once a handler knows the record is a Commerce B2B one, so other records pay nothing.
 * One Web API request reads the variable; only when it is on does a second one (FetchXML) look for the role.
 */

const { definition, value, valuesRelationship } = EnvironmentVariableTables;

/** The variable's current value (an environmentvariablevalue row), else its default; off when the definition is missing. */
export async function approverRoleRequired(dataverse: DataverseClient): Promise<boolean> {
  const rows = await dataverse.retrieveMultiple(
    definition.entitySet,
    `$select=${definition.defaultValue}&$filter=${definition.schemaName} eq '${EnvironmentVariables.requireApproverRole}'` +
      `&$expand=${valuesRelationship}($select=${value.value})`,
  );
  const found = rows[0];
  if (!found) return false;
  const values = (Array.isArray(found[valuesRelationship]) ? found[valuesRelationship] : []) as WebApiRecord[];
  const current = values.find((v) => typeof v[value.value] === "string" && v[value.value] !== "");
  return isYes(current ? current[value.value] : found[definition.defaultValue]);
}

const { role, systemUserRoles, teamRoles, teamMembership } = SecurityTables;

/**
 * One FetchXML over the role table: a copy of the approver role (any business unit: `parentrootroleid`
 * is the shipped role's id) that the user holds directly (systemuserroles) or through a team they are
 * a member of (teamroles + teammembership). Outer joins filtered on the user, and an `or` on the link
 * aliases (condition `entityname`), so one row answers both ways.
 */
export function approverRoleFetchXml(userId: string): string {
  return [
    `<fetch top="1">`,
    `<entity name="${role.logicalName}">`,
    `<attribute name="${role.id}"/>`,
    `<filter type="and">`,
    `<condition attribute="${role.parentRootRole}" operator="eq" value="${ApproverRoleId}"/>`,
    `<filter type="or">`,
    `<condition entityname="direct" attribute="${systemUserRoles.user}" operator="eq" value="${userId}"/>`,
    `<condition entityname="member" attribute="${teamMembership.user}" operator="eq" value="${userId}"/>`,
    `</filter>`,
    `</filter>`,
    `<link-entity name="${systemUserRoles.logicalName}" from="${systemUserRoles.role}" to="${role.id}" link-type="outer" alias="direct" intersect="true">`,
    `<filter><condition attribute="${systemUserRoles.user}" operator="eq" value="${userId}"/></filter>`,
    `</link-entity>`,
    `<link-entity name="${teamRoles.logicalName}" from="${teamRoles.role}" to="${role.id}" link-type="outer" alias="teamrole" intersect="true">`,
    `<link-entity name="${teamMembership.logicalName}" from="${teamMembership.team}" to="${teamRoles.team}" link-type="outer" alias="member" intersect="true">`,
    `<filter><condition attribute="${teamMembership.user}" operator="eq" value="${userId}"/></filter>`,
    `</link-entity>`,
    `</link-entity>`,
    `</entity>`,
    `</fetch>`,
  ].join("");
}

/** Whether the user holds the approver role, directly or through a team. */
export async function hasApproverRole(dataverse: DataverseClient, userId: string): Promise<boolean> {
  const id = normalizeGuid(userId);
  if (id === null) return false;
  // Nothing in the query needs escaping beyond what the client's encodeURI does: names and GUIDs only.
  const rows = await dataverse.retrieveMultiple(role.entitySet, `fetchXml=${approverRoleFetchXml(id)}`);
  return rows.length > 0;
}

/**
 * The refusal when the variable is on and the user who started the operation (InitiatingUserId: the
 * person, also when the step runs under another user) lacks the role; null when the event may go on.
 */
export async function approverRefusal(input: HandlerInput, event: ApproverEvent): Promise<Outcome | null> {
  if (!(await approverRoleRequired(input.dataverse))) return null;
  const userId = normalizeGuid(input.context.initiatingUserId) ?? normalizeGuid(input.context.userId);
  // No user to check (a malformed context): nobody can be shown to hold the role.
  if (userId !== null && (await hasApproverRole(input.dataverse, userId))) return null;
  const language = userId === null ? Languages.English : await userLanguage(input.dataverse, userId);
  return { kind: "refused", reason: "approverRoleRequired", message: describeApproverRequired(event, language) };
}
