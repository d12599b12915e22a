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
import type { BatchRead, WebApiRecord } from "../dataverse/client";
import { normalizeGuid } from "../executionContext";
import { rowsOf, type ReadPlan } from "./readPlan";
import type { HandlerInput, Outcome } from "./types";

/**
 * `cb2b_RequireApproverRole` on the server: when the environment variable is on, only holders of the
 * *Commerce B2B approver* role may win or lose a Commerce B2B opportunity or disqualify a Commerce B2B
 * lead, whatever the client (form, grid, API, flow). The form scripts show the same rule earlier.
 *
 * Read with the step's other reads, in its one round trip (`approverPlan`): the variable and, in the same
 * `$batch`, whether the user holds the role. The role query runs even when the variable turns out to be
 * off: that costs Dataverse one indexed read, reading it only afterwards would cost the rep a round trip.
 * A step reads it only for a record it knows or may find to be a Commerce B2B one.
 */

const { definition, value, valuesRelationship } = EnvironmentVariableTables;

/** The variable's definition with its value rows. */
const variableRead: BatchRead = {
  kind: "query",
  entitySet: definition.entitySet,
  query:
    `$select=${definition.defaultValue}&$filter=${definition.schemaName} eq '${EnvironmentVariables.requireApproverRole}'` +
    `&$expand=${valuesRelationship}($select=${value.value})`,
};

/** The variable's current value (an environmentvariablevalue row), else its default; off when the definition is missing. */
function approverRoleRequired(rows: WebApiRecord[]): boolean {
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

/** What the approver rule decides on. */
export interface ApproverFacts {
  /** `cb2b_RequireApproverRole` is on. */
  required: boolean;
  /** The user who started the operation holds the role, directly or through a team. */
  holdsRole: boolean;
  /** That user (InitiatingUserId: the person, also when the step runs under another user); null in a malformed context. */
  userId: string | null;
}

/** The user the rule is about: the one who started the operation. */
export function approverUser(input: HandlerInput): string | null {
  return normalizeGuid(input.context.initiatingUserId) ?? normalizeGuid(input.context.userId);
}

/** The rule's reads: the variable, and (one FetchXML) whether the user holds the role. */
export function approverPlan(input: HandlerInput): ReadPlan<ApproverFacts> {
  const userId = approverUser(input);
  // Nothing in the query needs escaping beyond the client's encodeURI: names and GUIDs only.
  const roleRead: BatchRead[] = userId === null ? [] : [{ kind: "query", entitySet: role.entitySet, query: `fetchXml=${approverRoleFetchXml(userId)}` }];
  return {
    reads: [variableRead, ...roleRead],
    // No user to check (a malformed context): nobody can be shown to hold the role.
    value: ([variable, held]) => ({ required: approverRoleRequired(rowsOf(variable)), holdsRole: held !== undefined && rowsOf(held).length > 0, userId }),
  };
}

/**
 * The refusal when the variable is on and the user who started the operation lacks the role, in that
 * user's language (`languageOf`, read in the same round trip); null when the event may go on.
 */
export function approverRefusal(facts: ApproverFacts, event: ApproverEvent, languageOf: (userId: string) => number): Outcome | null {
  if (!facts.required || facts.holdsRole) return null;
  const language = facts.userId === null ? Languages.English : languageOf(facts.userId);
  return { kind: "refused", reason: "approverRoleRequired", message: describeApproverRequired(event, language) };
}
