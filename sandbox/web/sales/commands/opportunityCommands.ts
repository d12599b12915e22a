/**
 * The sandbox's stand-in for what Dynamics 365 Sales' own opportunity commands do, built into the
 * Sales page: Close as Won / Close as Lost (form and view) open the Close Opportunity dialog, then
 * WinOpportunity / LoseOpportunity create the opportunity close activity and close the opportunity.
 * A refusal from the server (a plug-in or webhook step) shows in the error dialog.
 */
import { OpportunityState } from "../../../../core/src";
import type { OptionInfo } from "../clientApi/attributeMetadata";
import { bareId } from "../clientApi/entityMetadata";
import { closeTexts } from "./closeTexts";
import { showError, type FormCommandHost, type GridCommandHost } from "./leadCommands";

export interface CloseDetails {
  statusCode: number;
  actualRevenue: number | null;
  /** yyyy-mm-dd */
  closeDate: string;
  description: string;
}

export interface CloseQuestion {
  isWon: boolean;
  languageId: number;
  statusOptions: { value: number; text: string }[];
  actualRevenue: number | null;
  closeDate: string;
}

/** Shows the Close Opportunity dialog; null when the person cancels. */
export type AskCloseDetails = (question: CloseQuestion) => Promise<CloseDetails | null>;

export interface CloseOptions {
  isWon: boolean;
  languageId: number;
  /** The opportunity's statuscode options with their statecode, from the table's metadata. */
  statusOptions: readonly OptionInfo[];
  ask: AskCloseDetails;
}

export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** WinOpportunity / LoseOpportunity (unbound Web API actions) with the opportunity close the dialog filled in. */
export function closeRequest(opportunityId: string, isWon: boolean, details: CloseDetails, languageId: number) {
  return {
    OpportunityClose: {
      "@odata.type": "Microsoft.Dynamics.CRM.opportunityclose",
      subject: closeTexts(languageId).subject,
      "opportunityid@odata.bind": `/opportunities(${bareId(opportunityId)})`,
      actualend: details.closeDate,
      ...(details.actualRevenue !== null ? { actualrevenue: details.actualRevenue } : {}),
      ...(details.description ? { description: details.description } : {}),
    },
    Status: details.statusCode,
    getMetadata: () => ({
      boundParameter: null,
      operationType: 0,
      operationName: isWon ? "WinOpportunity" : "LoseOpportunity",
      parameterTypes: {
        OpportunityClose: { typeName: "mscrm.opportunityclose", structuralProperty: 5 },
        Status: { typeName: "Edm.Int32", structuralProperty: 1 },
      },
    }),
  };
}

/** The status reasons the dialog offers: those of the Won or the Lost status, as the metadata labels them. */
export function closeStatusOptions(isWon: boolean, statusOptions: readonly OptionInfo[]): { value: number; text: string }[] {
  const state = isWon ? OpportunityState.Won : OpportunityState.Lost;
  return statusOptions.filter((o) => o.state === state).map(({ value, text }) => ({ value, text }));
}

/** Asks the Close Opportunity questions, then closes; false when the person cancelled. */
async function close(xrm: FormCommandHost["xrm"], opportunityId: string, options: CloseOptions, estimatedValue: number | null): Promise<boolean> {
  const details = await options.ask({
    isWon: options.isWon,
    languageId: options.languageId,
    statusOptions: closeStatusOptions(options.isWon, options.statusOptions),
    actualRevenue: estimatedValue,
    closeDate: today(),
  });
  if (!details) return false;
  await xrm.WebApi.online.execute(closeRequest(opportunityId, options.isWon, details, options.languageId));
  return true;
}

/** Close as Won / Lost on the opportunity form: unsaved changes are saved first; the form reloads after. */
export async function closeOpportunity(host: FormCommandHost, options: CloseOptions): Promise<void> {
  const form = host.formContext;
  if (form.data.entity.getIsDirty()) {
    try {
      await host.saveAs(1);
    } catch {
      return;
    }
  }
  try {
    const estimated = form.getAttribute("estimatedvalue")?.getValue();
    if (await close(host.xrm, form.data.entity.getId(), options, typeof estimated === "number" ? estimated : null)) await host.reload();
  } catch (error) {
    await showError(host.xrm, error);
  }
}

/** Close as Won / Lost in an opportunity view: the selected opportunity (exactly one), then the grid refreshes. */
export async function closeOpportunityFromGrid(host: GridCommandHost, options: CloseOptions): Promise<void> {
  const [row] = host.selected;
  if (!row) return;
  try {
    if (await close(host.xrm, row.id, options, null)) host.refresh();
  } catch (error) {
    await showError(host.xrm, error);
  }
}
