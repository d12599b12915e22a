import { ApproverRoleName, EnvironmentVariables } from "../../../core/src";
import { userHasRole } from "./userContext";

/** Two options environment variables hold "yes" / "no" (older exports: "true" / "false", "1" / "0"). */
function isYes(value: unknown): boolean {
  return typeof value === "string" && ["yes", "true", "1"].includes(value.trim().toLowerCase());
}

/**
 * Whether the admin switched on `cb2b_RequireApproverRole` in this environment: its current value
 * when one is set, otherwise its default. One Web API call, made only when a rep approves.
 */
export async function approverRoleRequired(): Promise<boolean> {
  const result = await Xrm.WebApi.retrieveMultipleRecords(
    "environmentvariabledefinition",
    `?$select=defaultvalue,schemaname&$filter=schemaname eq '${EnvironmentVariables.requireApproverRole}'` +
      "&$expand=environmentvariabledefinition_environmentvariablevalue($select=value)",
  );
  const definition = result.entities[0];
  if (!definition) return false;
  const values = (definition.environmentvariabledefinition_environmentvariablevalue ?? []) as { value?: string }[];
  const current = values.find((v) => typeof v.value === "string" && v.value !== "");
  return isYes(current ? current.value : definition.defaultvalue);
}

/** Whether this user may approve a partner (win the opportunity) here. */
export async function userMayApprove(): Promise<boolean> {
  return !(await approverRoleRequired()) || userHasRole(ApproverRoleName);
}
