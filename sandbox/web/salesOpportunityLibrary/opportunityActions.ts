/**
 * Stand-in for Dynamics 365 Sales' opportunity library (`Sales/Opportunity/Opportunity_main_system_library.js`):
 * Close as Won / Lost open the Close Opportunity dialog, then WinOpportunity / LoseOpportunity
 * create the opportunity close activity and close the opportunity.
 */
import { LostStatuses, WonStatuses, closeTexts, statusLabel } from "./closeTexts";

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

type GridControl = { refresh(): void };
type Reference = { Id: string; Name?: string };

const bare = (id: string) => id.replace(/[{}]/g, "").toLowerCase();

function message(error: unknown): string {
  return error && typeof error === "object" && "message" in error ? String((error as { message: unknown }).message) : String(error);
}

export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** WinOpportunity / LoseOpportunity with the opportunity close the dialog filled in. */
export function closeRequest(opportunityId: string, isWon: boolean, details: CloseDetails, languageId: number) {
  return {
    OpportunityClose: {
      "@odata.type": "Microsoft.Dynamics.CRM.opportunityclose",
      subject: closeTexts(languageId).subject,
      "opportunityid@odata.bind": `/opportunities(${bare(opportunityId)})`,
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

/** The status reasons of Won / Lost, labelled as the form's statuscode column labels them when it has it. */
export function closeStatusOptions(isWon: boolean, languageId: number, form?: Xrm.FormContext): { value: number; text: string }[] {
  const formOptions = (form?.getAttribute("statuscode") as Xrm.Attributes.OptionSetAttribute | null | undefined)?.getOptions?.() ?? [];
  return (isWon ? WonStatuses : LostStatuses).map((value) => ({
    value,
    text: formOptions.find((o) => o.value === value)?.text ?? statusLabel(value, languageId),
  }));
}

async function close(opportunityId: string, isWon: boolean, ask: AskCloseDetails, form?: Xrm.FormContext): Promise<boolean> {
  const languageId = Xrm.Utility.getGlobalContext().userSettings.languageId;
  const estimated = form?.getAttribute("estimatedvalue")?.getValue();
  const details = await ask({
    isWon,
    languageId,
    statusOptions: closeStatusOptions(isWon, languageId, form),
    actualRevenue: typeof estimated === "number" ? estimated : null,
    closeDate: today(),
  });
  if (!details) return false;
  await Xrm.WebApi.online.execute(closeRequest(opportunityId, isWon, details, languageId));
  return true;
}

/** Close as Won / Lost on the opportunity form. */
export async function opportunityClose(isWon: boolean, ask: AskCloseDetails): Promise<void> {
  const form = Xrm.Page;
  try {
    if (form.data.entity.getIsDirty()) await form.data.save();
    if (await close(form.data.entity.getId(), isWon, ask, form)) await form.data.refresh(false);
  } catch (error) {
    await Xrm.Navigation.openErrorDialog({ message: message(error) });
  }
}

/** Close as Won / Lost in an opportunity view: the first selected opportunity, then the grid refreshes. */
export async function opportunityCloseFromGrid(references: Reference[], isWon: boolean, grid: GridControl, ask: AskCloseDetails): Promise<void> {
  const first = references[0];
  if (!first) return;
  try {
    if (await close(first.Id, isWon, ask)) grid.refresh();
  } catch (error) {
    await Xrm.Navigation.openErrorDialog({ message: message(error) });
  }
}
