/**
 * The sandbox's stand-in for what Dynamics 365 Sales' own lead commands do, built into the Sales
 * page: Qualify and Disqualify on the lead form, Qualify in lead views. Solutions take part only
 * through documented extension points: the form's OnSave, raised with the save mode Sales uses
 * (Client API reference, getSaveMode: 15 Disqualify, 16 Qualify), and the server's plug-ins or
 * webhooks, whose refusal comes back from the Web API as an error and shows in the error dialog.
 */
import { LeadColumns, LeadState, LeadStatus } from "../../../../core/src";
import { bareId } from "../clientApi/entityMetadata";

/** SaveEventArguments.getSaveMode() values Sales raises OnSave with for the lead's state changes. */
export const SaveModes = { disqualify: 15, qualify: 16 } as const;

/** The open form a form command works on, as the page gives it to the command bar. */
export interface FormCommandHost {
  formContext: Xrm.FormContext;
  /**
   * Saves the form raising OnSave with this save mode, even when nothing changed. Rejects when an
   * OnSave handler cancelled the save (it told the rep why) or the save failed (the error dialog
   * already showed the server's message).
   */
  saveAs(saveMode: number): Promise<void>;
  /** Reads the record again (formContext.data.refresh without saving). */
  reload(): Promise<void>;
  xrm: Pick<typeof Xrm, "WebApi" | "Navigation">;
}

/** A view's command bar: the selected rows and the grid's refresh. */
export interface GridCommandHost {
  selected: { id: string; name: string }[];
  refresh(): void;
  xrm: Pick<typeof Xrm, "WebApi" | "Navigation">;
}

export function errorText(error: unknown): string {
  return error && typeof error === "object" && "message" in error ? String((error as { message: unknown }).message) : String(error);
}

/** The error dialog with the server's message (and its Dataverse error code when the Web API gave one). */
export async function showError(xrm: Pick<typeof Xrm, "Navigation">, error: unknown): Promise<void> {
  const errorCode = (error as { errorCode?: unknown } | null)?.errorCode;
  await xrm.Navigation.openErrorDialog({ message: errorText(error), ...(typeof errorCode === "number" ? { errorCode } : {}) });
}

/**
 * QualifyLead (Web API action bound to the lead): account, contact and opportunity, lead status
 * Qualified (3); the opportunity in the lead's currency when the form has it.
 */
export function qualifyLeadRequest(leadId: string, currencyId: string | null) {
  return {
    entity: { entityType: "lead", id: bareId(leadId) },
    CreateAccount: true,
    CreateContact: true,
    CreateOpportunity: true,
    Status: LeadStatus.Qualified,
    ...(currencyId ? { OpportunityCurrencyId: { entityType: "transactioncurrency", id: bareId(currencyId) } } : {}),
    getMetadata: () => ({
      boundParameter: "entity",
      operationType: 0,
      operationName: "QualifyLead",
      parameterTypes: {
        entity: { typeName: "mscrm.lead", structuralProperty: 5 },
        CreateAccount: { typeName: "Edm.Boolean", structuralProperty: 1 },
        CreateContact: { typeName: "Edm.Boolean", structuralProperty: 1 },
        CreateOpportunity: { typeName: "Edm.Boolean", structuralProperty: 1 },
        Status: { typeName: "Edm.Int32", structuralProperty: 1 },
        OpportunityCurrencyId: { typeName: "mscrm.transactioncurrency", structuralProperty: 5 },
      },
    }),
  };
}

/** The created opportunity's id in QualifyLead's response (a collection of the created records). */
async function createdOpportunityId(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { value?: Record<string, unknown>[] };
  const opportunity = (body.value ?? []).find((record) => String(record["@odata.type"] ?? "").endsWith(".opportunity"));
  return typeof opportunity?.opportunityid === "string" ? opportunity.opportunityid : undefined;
}

/**
 * Qualify on the lead form: the form saves with OnSave in save mode 16 (a handler may cancel it);
 * then QualifyLead, and the created opportunity opens (the lead when none was created). A refusal
 * from the server shows in the error dialog and the lead stays open.
 */
export async function qualifyLead(host: FormCommandHost): Promise<void> {
  try {
    await host.saveAs(SaveModes.qualify);
  } catch {
    return;
  }
  try {
    const currency = host.formContext.getAttribute(LeadColumns.currency)?.getValue() as Xrm.LookupValue[] | null | undefined;
    const response = await host.xrm.WebApi.online.execute(qualifyLeadRequest(host.formContext.data.entity.getId(), currency?.[0]?.id ?? null));
    const opportunityId = await createdOpportunityId(response);
    if (opportunityId) await host.xrm.Navigation.openForm({ entityName: "opportunity", entityId: opportunityId });
    else await host.reload();
  } catch (error) {
    await showError(host.xrm, error);
  }
}

/**
 * Disqualify with one of the lead's Disqualified status reasons (the menu lists them from the
 * statuscode metadata). The chosen reason is on the form while OnSave runs in save mode 15 (not
 * submitted with the save: it needs the new state); when no handler cancels, the lead becomes
 * Disqualified with that reason in one update, then the form reloads. A refusal from the server
 * shows in the error dialog.
 */
export async function disqualifyLead(host: FormCommandHost, statusCode: number): Promise<void> {
  const status = host.formContext.getAttribute(LeadColumns.statusCode);
  const before = status?.getValue() ?? null;
  status?.setValue(statusCode);
  status?.setSubmitMode("never");
  let saved = true;
  try {
    await host.saveAs(SaveModes.disqualify);
  } catch {
    saved = false;
  } finally {
    status?.setSubmitMode("dirty");
  }
  if (!saved) {
    status?.setValue(before);
    return;
  }
  try {
    await host.xrm.WebApi.updateRecord("lead", host.formContext.data.entity.getId(), { statecode: LeadState.Disqualified, statuscode: statusCode });
    await host.reload();
  } catch (error) {
    await showError(host.xrm, error);
  }
}

/**
 * Qualify in a lead view: QualifyLead for each selected lead (account, contact and opportunity);
 * one that fails does not stop the others. The grid then refreshes and the error dialog lists each
 * lead the server refused, with its message.
 */
export async function qualifyLeadsFromGrid(host: GridCommandHost): Promise<void> {
  const failures: string[] = [];
  for (const row of host.selected) {
    try {
      await host.xrm.WebApi.online.execute(qualifyLeadRequest(row.id, null));
    } catch (error) {
      failures.push(host.selected.length > 1 ? `${row.name}: ${errorText(error)}` : errorText(error));
    }
  }
  host.refresh();
  if (failures.length > 0) await host.xrm.Navigation.openErrorDialog({ message: failures.join("\n") });
}
