import { requireFunction } from "../clientApi/scriptLoader";
import type { JavaScriptAction, RibbonDiff, RibbonParameter, RuleStep } from "./ribbonXml";

/** What rules and actions are evaluated against: the form or the grid the command bar belongs to. */
export interface CommandEnvironment {
  /** Form commands: the Client API form type (1 Create, 2 Existing, 3 Read Only, 4 Disabled). */
  formType?: number;
  /** Whether the user may write the record (form) or the table (grid). */
  canWrite: boolean;
  /** Grid commands: how many rows are selected. */
  selectionCount?: number;
  /** The value of a `<CrmParameter Value="…">` (PrimaryControl, SelectedControl, …). */
  crmParameter(name: string, sourceControlId: string): unknown;
  loadLibrary(name: string): Promise<void>;
}

const FORM_STATES: Record<string, number> = { Create: 1, Existing: 2, ReadOnly: 3, Disabled: 4, BulkEdit: 6 };

export function parameterValues(parameters: RibbonParameter[], env: CommandEnvironment, sourceControlId: string): unknown[] {
  return parameters.map((p) => (p.kind === "crm" ? env.crmParameter(p.value, sourceControlId) : p.value));
}

/**
 * A CustomRule: loads its library, calls the function with its parameters and awaits a Promise
 * result. A function that throws or rejects yields the rule's Default, as the platform does.
 */
async function customRule(step: Extract<RuleStep, { kind: "custom" }>, env: CommandEnvironment, sourceControlId: string): Promise<boolean> {
  try {
    await env.loadLibrary(step.library);
    const result = await requireFunction(step.functionName, step.library)(...parameterValues(step.parameters, env, sourceControlId));
    return result === true;
  } catch {
    return step.defaultValue;
  }
}

async function evaluateStep(step: RuleStep, env: CommandEnvironment, sourceControlId: string): Promise<boolean> {
  let value: boolean;
  switch (step.kind) {
    case "custom":
      value = await customRule(step, env, sourceControlId);
      break;
    case "formState":
      value = env.formType === undefined ? step.defaultValue : env.formType === FORM_STATES[step.state];
      break;
    case "recordPrivilege":
    case "entityPrivilege":
      // The sandbox's users hold their privileges at organization depth: write access is all the rule asks.
      value = step.privilege === "Read" || env.canWrite;
      break;
    case "selectionCount": {
      const count = env.selectionCount ?? 0;
      value = (step.minimum === undefined || count >= step.minimum) && (step.maximum === undefined || count <= step.maximum);
      break;
    }
    default:
      // A rule type the sandbox does not evaluate never enables a command by accident.
      return false;
  }
  return step.invert ? !value : value;
}

/** A rule is true when every step is; rules referenced but not in the diff belong to the stock ribbon: true. */
export async function evaluateRules(ruleIds: string[], diff: RibbonDiff, env: CommandEnvironment, sourceControlId: string): Promise<boolean> {
  const results = await Promise.all(
    ruleIds.map(async (id) => {
      const steps = diff.rules.get(id);
      if (!steps) return true;
      const values = await Promise.all(steps.map((s) => evaluateStep(s, env, sourceControlId)));
      return values.every(Boolean);
    }),
  );
  return results.every(Boolean);
}

/**
 * Runs a command's actions in order. `isNaN` is the documented way to only load a library; every
 * other function gets its parameters and is awaited when it returns a Promise.
 */
export async function runActions(actions: JavaScriptAction[], env: CommandEnvironment, sourceControlId: string): Promise<void> {
  for (const action of actions) {
    await env.loadLibrary(action.library);
    if (action.functionName === "isNaN") continue;
    await requireFunction(action.functionName, action.library)(...parameterValues(action.parameters, env, sourceControlId));
  }
}
