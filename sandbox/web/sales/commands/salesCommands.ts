import { SalesActions, SalesLibraries } from "../../../../webresources/src/shared/salesActions";
import type { CommandDefinition, RibbonDiff, RuleStep } from "./ribbonXml";

type Labels = { 1033: string; 1035: string };

/** A button of the Sales command bar: a ribbon command, or the form's own Save / Refresh. */
export interface CommandButton {
  key: string;
  label: Labels;
  icon: string;
  /** The ribbon command the button runs; undefined for Save / Refresh, which the form runs itself. */
  commandId?: string;
  builtin?: "save" | "refresh";
  /** A flyout with one item per status reason of this status (statecode): Disqualify. */
  menuForState?: number;
}

const FORM_EXISTING: RuleStep[] = [{ kind: "formState", state: "Existing", defaultValue: false, invert: false }];
const CAN_WRITE: RuleStep[] = [{ kind: "recordPrivilege", privilege: "Write", invert: false }];
const ONE_OR_MORE: RuleStep[] = [{ kind: "selectionCount", minimum: 1, invert: false }];
const EXACTLY_ONE: RuleStep[] = [{ kind: "selectionCount", minimum: 1, maximum: 1, invert: false }];

/** The stock rules Sales' own definitions reference (by the sandbox's names for them). */
export const StockRules = new Map<string, RuleStep[]>([
  ["Sandbox.Form.Existing", FORM_EXISTING],
  ["Sandbox.CanWrite", CAN_WRITE],
  ["Sandbox.Grid.OneOrMore", ONE_OR_MORE],
  ["Sandbox.Grid.ExactlyOne", EXACTLY_ONE],
]);

function stock(id: string, library: string, functionName: string, parameters: CommandDefinition["actions"][number]["parameters"], grid = false, exactlyOne = false): CommandDefinition {
  return {
    id,
    enableRules: grid ? [exactlyOne ? "Sandbox.Grid.ExactlyOne" : "Sandbox.Grid.OneOrMore"] : ["Sandbox.CanWrite"],
    displayRules: grid ? ["Sandbox.CanWrite"] : ["Sandbox.Form.Existing"],
    actions: [{ library, functionName, parameters }],
  };
}

/** What Sales ships for the commands the sandbox shows, used wherever no solution overrides them. */
export const StockCommands = new Map<string, CommandDefinition>(
  [
    stock("Mscrm.Form.lead.ConvertQuick", SalesLibraries.lead, SalesActions.qualifyLeadFromForm, []),
    stock("Mscrm.Form.lead.DisqualifyAs", SalesLibraries.lead, SalesActions.disqualifyLeadFromForm, [{ kind: "crm", value: "CommandProperties" }]),
    stock("Mscrm.HomepageGrid.lead.ConvertQuick", SalesLibraries.lead, SalesActions.qualifyLeadsFromGrid, [
      { kind: "crm", value: "SelectedControl" },
      { kind: "crm", value: "SelectedControlSelectedItemReferences" },
      { kind: "crm", value: "SelectedEntityTypeCode" },
    ], true),
    stock("Mscrm.Form.opportunity.MarkAsWon", SalesLibraries.opportunity, SalesActions.closeOpportunityFromForm, [{ kind: "bool", value: true }]),
    stock("Mscrm.Form.opportunity.MarkAsLost", SalesLibraries.opportunity, SalesActions.closeOpportunityFromForm, [{ kind: "bool", value: false }]),
    stock("Mscrm.HomepageGrid.opportunity.MarkAsWon", SalesLibraries.opportunity, SalesActions.closeOpportunityFromGrid, [
      { kind: "crm", value: "SelectedControlSelectedItemReferences" },
      { kind: "bool", value: true },
      { kind: "crm", value: "SelectedControl" },
    ], true, true),
    stock("Mscrm.HomepageGrid.opportunity.MarkAsLost", SalesLibraries.opportunity, SalesActions.closeOpportunityFromGrid, [
      { kind: "crm", value: "SelectedControlSelectedItemReferences" },
      { kind: "bool", value: false },
      { kind: "crm", value: "SelectedControl" },
    ], true, true),
  ].map((command) => [command.id, command]),
);

const SAVE: CommandButton = { key: "save", label: { 1033: "Save", 1035: "Tallenna" }, icon: "Save", builtin: "save" };
const REFRESH: CommandButton = { key: "refresh", label: { 1033: "Refresh", 1035: "Päivitä" }, icon: "Refresh", builtin: "refresh" };

/** The Sales form command bar of each table, in Sales' order. */
export const FormButtons: Record<string, CommandButton[]> = {
  lead: [
    SAVE,
    { key: "qualify", commandId: "Mscrm.Form.lead.ConvertQuick", label: { 1033: "Qualify", 1035: "Hyväksy" }, icon: "Accept" },
    { key: "disqualify", commandId: "Mscrm.Form.lead.DisqualifyAs", label: { 1033: "Disqualify", 1035: "Hylkää" }, icon: "Cancel", menuForState: 2 },
    REFRESH,
  ],
  opportunity: [
    SAVE,
    { key: "closeWon", commandId: "Mscrm.Form.opportunity.MarkAsWon", label: { 1033: "Close as Won", 1035: "Sulje voitettuna" }, icon: "Completed" },
    { key: "closeLost", commandId: "Mscrm.Form.opportunity.MarkAsLost", label: { 1033: "Close as Lost", 1035: "Sulje hävittynä" }, icon: "ErrorBadge" },
    REFRESH,
  ],
};

/** The Sales home grid command bar of each table. */
export const GridButtons: Record<string, CommandButton[]> = {
  lead: [{ key: "qualify", commandId: "Mscrm.HomepageGrid.lead.ConvertQuick", label: { 1033: "Qualify", 1035: "Hyväksy" }, icon: "Accept" }],
  opportunity: [
    { key: "closeWon", commandId: "Mscrm.HomepageGrid.opportunity.MarkAsWon", label: { 1033: "Close as Won", 1035: "Sulje voitettuna" }, icon: "Completed" },
    { key: "closeLost", commandId: "Mscrm.HomepageGrid.opportunity.MarkAsLost", label: { 1033: "Close as Lost", 1035: "Sulje hävittynä" }, icon: "ErrorBadge" },
  ],
};

/** The definition in force: the solution's override when it ships one, else Sales' own. */
export function commandInForce(commandId: string, diff: RibbonDiff): CommandDefinition | undefined {
  return diff.commands.get(commandId) ?? StockCommands.get(commandId);
}

/** Rules by id: the solution's, then the stock ones the stock definitions use. */
export function withStockRules(diff: RibbonDiff): RibbonDiff {
  const rules = new Map(StockRules);
  diff.rules.forEach((steps, id) => rules.set(id, steps));
  return { commands: diff.commands, rules };
}

/** Sales' SourceControlId of a Disqualify menu button: the status code is its last part. */
export function disqualifySourceControlId(statusCode: number): string {
  return `lead|NoRelationship|Form|Mscrm.Form.lead.DM.DisqualifyLeadAs.DisqualifyLeadAs.Controls.${statusCode}|${statusCode}`;
}

/** Entity type codes Sales passes as SelectedEntityTypeCode. */
export const EntityTypeCodes: Record<string, number> = { account: 1, contact: 2, opportunity: 3, lead: 4 };
