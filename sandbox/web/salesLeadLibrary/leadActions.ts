/**
 * Stand-in for Dynamics 365 Sales' own lead library (`Sales/Lead/Lead.js`): the commands the
 * solution hands non-Commerce leads to, implemented with the Client API as Sales does.
 */
import { LeadColumns, LeadState, LeadStatus } from "../../../core/src";

/** SaveEventArguments.getSaveMode() values Sales uses for the lead's state changes. */
export const SaveModes = { disqualify: 15, qualify: 16 } as const;

type GridControl = { refresh(): void };
type Reference = { Id: string; Name?: string; TypeName?: string };

const bare = (id: string) => id.replace(/[{}]/g, "").toLowerCase();

function message(error: unknown): string {
  return error && typeof error === "object" && "message" in error ? String((error as { message: unknown }).message) : String(error);
}

/** Sales' QualifyLead: account, contact and opportunity, lead status Qualified. */
export function qualifyLeadRequest(leadId: string, currencyId: string | null) {
  return {
    entity: { entityType: "lead", id: bare(leadId) },
    CreateAccount: true,
    CreateContact: true,
    CreateOpportunity: true,
    Status: LeadStatus.Qualified,
    ...(currencyId ? { OpportunityCurrencyId: { entityType: "transactioncurrency", id: bare(currencyId) } } : {}),
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

/** Saves in the given save mode; false when an OnSave handler (or the save itself) stopped it. */
async function saveAs(form: Xrm.FormContext, saveMode: number): Promise<boolean> {
  try {
    await form.data.save({ saveMode: saveMode as XrmEnum.SaveMode });
    return true;
  } catch {
    return false;
  }
}

/** Qualify on the lead form: save in Qualify mode, QualifyLead, then open the new opportunity. */
export async function qualifyLeadQuick(): Promise<void> {
  const form = Xrm.Page;
  if (!(await saveAs(form, SaveModes.qualify))) return;
  try {
    const currency = form.getAttribute(LeadColumns.currency)?.getValue() as Xrm.LookupValue[] | null | undefined;
    const response = await Xrm.WebApi.online.execute(qualifyLeadRequest(form.data.entity.getId(), currency?.[0]?.id ?? null));
    const opportunityId = await createdOpportunityId(response);
    if (opportunityId) await Xrm.Navigation.openForm({ entityName: "opportunity", entityId: opportunityId });
    else await form.data.refresh(false);
  } catch (error) {
    await Xrm.Navigation.openErrorDialog({ message: message(error) });
  }
}

/** The status code of a Disqualify menu button: a number, or the button's CommandProperties. */
function statusCodeOf(statusOrProperties: unknown): number | null {
  if (typeof statusOrProperties === "number") return statusOrProperties;
  const id = (statusOrProperties as { SourceControlId?: string } | undefined)?.SourceControlId ?? "";
  const last = Number(id.split("|").pop());
  return Number.isInteger(last) && last > 0 ? last : null;
}

/** Disqualify with a reason: save in Disqualify mode, then the lead becomes Disqualified with that status. */
export async function disqualifyLeadAs(statusOrProperties: unknown): Promise<void> {
  const form = Xrm.Page;
  const statusCode = statusCodeOf(statusOrProperties) ?? LeadStatus.Lost;
  // OnSave handlers read the chosen reason from the form; the state change itself is one update
  // after the save, so the status reason is not submitted with the save (it needs the new state).
  const status = form.getAttribute(LeadColumns.statusCode);
  status?.setValue(statusCode);
  status?.setSubmitMode("never");
  const saved = await saveAs(form, SaveModes.disqualify);
  status?.setSubmitMode("dirty");
  if (!saved) {
    await form.data.refresh(false).catch(() => undefined);
    return;
  }
  try {
    await Xrm.WebApi.updateRecord("lead", form.data.entity.getId(), { statecode: LeadState.Disqualified, statuscode: statusCode });
    await form.data.refresh(false);
  } catch (error) {
    await Xrm.Navigation.openErrorDialog({ message: message(error) });
  }
}

/** Qualify in a lead view: every selected lead into account, contact and opportunity, then the grid refreshes. */
export async function qualifyLeadsFromGrid(grid: GridControl, references: Reference[]): Promise<void> {
  try {
    for (const reference of references) {
      await Xrm.WebApi.online.execute(qualifyLeadRequest(reference.Id, null));
    }
  } catch (error) {
    await Xrm.Navigation.openErrorDialog({ message: message(error) });
  } finally {
    grid.refresh();
  }
}
