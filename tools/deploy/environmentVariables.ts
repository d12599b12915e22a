/**
 * Sets environment variable values: one `environmentvariablevalues` row per definition, found by the
 * definition's schema name, updated in place when it exists (so re-runs never duplicate) and created
 * bound to its definition otherwise. With dryRun nothing is written; the plan is returned either way.
 */
import type { EnvironmentVariableSetting } from "./settings";
import { DeployError, type WebApi } from "./webApi";

export interface EnvironmentVariableChange {
  readonly schemaName: string;
  readonly action: "create" | "update" | "unchanged";
}

interface DefinitionRow {
  environmentvariabledefinitionid: string;
  schemaname: string;
}

const odataString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export async function setEnvironmentVariables(
  api: WebApi,
  settings: readonly EnvironmentVariableSetting[],
  dryRun: boolean,
): Promise<EnvironmentVariableChange[]> {
  const changes: EnvironmentVariableChange[] = [];
  for (const { schemaName, value } of settings) {
    const defs = await api.request<{ value: DefinitionRow[] }>(
      "GET",
      `environmentvariabledefinitions?$select=environmentvariabledefinitionid,schemaname&$filter=schemaname eq ${odataString(schemaName)}`,
    );
    const def = defs.value[0];
    if (!def) throw new DeployError(`environment variable ${schemaName} is not defined in the environment (is the schema name right, and is the solution imported?)`);
    const values = await api.request<{ value: { environmentvariablevalueid: string; value: string | null }[] }>(
      "GET",
      `environmentvariablevalues?$select=environmentvariablevalueid,value&$filter=_environmentvariabledefinitionid_value eq ${def.environmentvariabledefinitionid}`,
    );
    const existing = values.value[0];
    const action = !existing ? "create" : existing.value === value ? "unchanged" : "update";
    changes.push({ schemaName, action });
    if (dryRun || action === "unchanged") continue;
    if (existing) {
      await api.request("PATCH", `environmentvariablevalues(${existing.environmentvariablevalueid})`, { value }, { "if-match": "*" });
    } else {
      await api.request("POST", "environmentvariablevalues", {
        schemaname: schemaName,
        value,
        "EnvironmentVariableDefinitionId@odata.bind": `/environmentvariabledefinitions(${def.environmentvariabledefinitionid})`,
      });
    }
  }
  return changes;
}
