/**
 * The Sales command bars the sandbox shows, as built-in page behaviour: which buttons each table's
 * form and home grid have, in Sales' order, and when each is shown and enabled. The keys are the
 * sandbox's own names; what a button does is in leadCommands.ts / opportunityCommands.ts.
 */
import { LeadState } from "../../../../core/src";
import type { LanguageId } from "../../shared/session";

type Labels = { 1033: string; 1035: string };

export type FormCommandKey = "save" | "qualify" | "disqualify" | "closeWon" | "closeLost" | "refresh";
export type GridCommandKey = "qualify" | "closeWon" | "closeLost";

export interface CommandButton<K extends string = string> {
  key: K;
  label: Labels;
  icon: string;
  /** A flyout with one item per status reason of this status (statecode): Disqualify. */
  menuForState?: number;
}

export interface CommandState {
  visible: boolean;
  enabled: boolean;
}

const SAVE: CommandButton<"save"> = { key: "save", label: { 1033: "Save", 1035: "Tallenna" }, icon: "Save" };
const REFRESH: CommandButton<"refresh"> = { key: "refresh", label: { 1033: "Refresh", 1035: "Päivitä" }, icon: "Refresh" };
const QUALIFY = { key: "qualify", label: { 1033: "Qualify", 1035: "Hyväksy" }, icon: "Accept" } as const;
const CLOSE_WON = { key: "closeWon", label: { 1033: "Close as Won", 1035: "Sulje voitettuna" }, icon: "Completed" } as const;
const CLOSE_LOST = { key: "closeLost", label: { 1033: "Close as Lost", 1035: "Sulje hävittynä" }, icon: "ErrorBadge" } as const;

/** The form command bar of each table. */
export const FormButtons: Record<string, CommandButton<FormCommandKey>[]> = {
  lead: [
    SAVE,
    QUALIFY,
    { key: "disqualify", label: { 1033: "Disqualify", 1035: "Hylkää" }, icon: "Cancel", menuForState: LeadState.Disqualified },
    REFRESH,
  ],
  opportunity: [SAVE, CLOSE_WON, CLOSE_LOST, REFRESH],
};

/** The home grid command bar of each table. */
export const GridButtons: Record<string, CommandButton<GridCommandKey>[]> = {
  lead: [QUALIFY],
  opportunity: [CLOSE_WON, CLOSE_LOST],
};

const FORM_TYPE_UPDATE = 2;
const FORM_TYPE_READ_ONLY = 3;
const FORM_TYPE_DISABLED = 4;

/**
 * Form commands: Save where the record can be written, Refresh always; the state changes (Qualify,
 * Disqualify, Close as Won / Lost) only on an existing open record (form type Update), enabled for a
 * user who may write it. A qualified, disqualified, won or lost record opens read-only without them.
 */
export function formCommandState(key: FormCommandKey, formType: number, canWrite: boolean): CommandState {
  if (key === "refresh") return { visible: true, enabled: true };
  if (key === "save") return { visible: true, enabled: canWrite && formType !== FORM_TYPE_READ_ONLY && formType !== FORM_TYPE_DISABLED };
  const visible = formType === FORM_TYPE_UPDATE;
  return { visible, enabled: visible && canWrite };
}

/** Grid commands: Qualify works on every selected lead, Close as Won / Lost on exactly one opportunity. */
export function gridCommandState(entityName: string, selectionCount: number): CommandState {
  const enabled = entityName === "opportunity" ? selectionCount === 1 : selectionCount >= 1;
  return { visible: true, enabled };
}

export const label = (button: CommandButton, languageId: LanguageId) => button.label[languageId] ?? button.label[1033];
