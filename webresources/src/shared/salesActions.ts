/**
 * The actions Dynamics 365 Sales' own command definitions run for the commands we override. We
 * override a command only to put our checks first; after them we call exactly what the platform's
 * definition calls, with the same parameters, so everything else behaves as before.
 *
 * - Qualify (form) `Mscrm.Form.lead.ConvertQuick` → `Mscrm.LeadCommandActions.qualifyLeadQuick()`
 * - Qualify (grid) `Mscrm.HomepageGrid.lead.ConvertQuick` →
 *   `Mscrm.LeadGridCommandActions.qualifyLeadQuick(SelectedControl, SelectedControlSelectedItemReferences, SelectedEntityTypeCode)`
 * - Disqualify (form menu) `Mscrm.Form.lead.DisqualifyAs` → `Mscrm.LeadCommandActions.disqualifyLeadAs(statusCode)`
 * - Close as Won / Lost (form) `Mscrm.Form.opportunity.MarkAsWon|MarkAsLost` → `Mscrm.OpportunityCommandActions.opportunityClose(isWon)`
 * - Close as Won / Lost (grid) `Mscrm.HomepageGrid.opportunity.MarkAsWon|MarkAsLost` →
 *   `Mscrm.OpportunityGridCommandActions.opportunityClose(SelectedControlSelectedItemReferences, isWon, SelectedControl)`
 *
 * The RibbonDiffXml loads the Sales library first (a `JavaScriptFunction` with FunctionName
 * `isNaN`, the documented way to load a library without running anything), so these exist when our
 * action runs. They are looked up by name at run time because they belong to Sales, not to us.
 */
export const SalesLibraries = {
  lead: "Sales/Lead/Lead.js",
  opportunity: "Sales/Opportunity/Opportunity_main_system_library.js",
} as const;

export const SalesActions = {
  qualifyLeadFromForm: "Mscrm.LeadCommandActions.qualifyLeadQuick",
  qualifyLeadsFromGrid: "Mscrm.LeadGridCommandActions.qualifyLeadQuick",
  disqualifyLeadFromForm: "Mscrm.LeadCommandActions.disqualifyLeadAs",
  closeOpportunityFromForm: "Mscrm.OpportunityCommandActions.opportunityClose",
  closeOpportunityFromGrid: "Mscrm.OpportunityGridCommandActions.opportunityClose",
} as const;

export type SalesAction = (typeof SalesActions)[keyof typeof SalesActions];

type AnyFunction = (...args: unknown[]) => unknown;

function resolve(path: string): AnyFunction | undefined {
  let current: unknown = globalThis;
  for (const part of path.split(".")) {
    if (current === null || current === undefined) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return typeof current === "function" ? (current as AnyFunction) : undefined;
}

/** Runs the platform's own action; false when Sales' library is not loaded on this page. */
export function runSalesAction(action: SalesAction, ...args: unknown[]): boolean {
  const fn = resolve(action);
  if (!fn) return false;
  fn(...args);
  return true;
}
