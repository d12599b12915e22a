import {
  ProspectStatus,
  decideTransition,
  describeQualificationBlock,
  describeRefusal,
  qualificationProblems,
} from "../../../core/src";
import { confirmWithRep, errorMessage, tellRep } from "../shared/dialogs";
import { normalizeId } from "../shared/ids";
import { plainText } from "../shared/plainText";
import { SalesActions, runSalesAction } from "../shared/salesActions";
import type { SelectedReference } from "../shared/selectedReference";
import { disqualifyReasonLabel, format, formTexts } from "../shared/strings";
import { userLanguageId } from "../shared/userContext";
import { commerceLeadOf, retrieveLeads } from "./commerceLead";
import { rememberDisqualifyConfirmed } from "./disqualifyConfirmation";
import { showQualificationBlock } from "./leadNotifications";
import { qualifyCreatingAllRecords } from "./qualifyLeadRequest";

async function runOrTell(action: Parameters<typeof runSalesAction>[0], ...args: unknown[]): Promise<void> {
  if (!runSalesAction(action, ...args)) await tellRep(formTexts(userLanguageId()).platformMissing);
}

/**
 * Enable rule of Qualify (form). A Commerce lead whose partner Commerce already rejected cannot be
 * qualified (reactivating the lead puts it back to Pending); everything else stays as Sales decides.
 * Resolves without a Web API call when the form carries the Commerce columns.
 */
export async function qualifyEnabled(primaryControl: Xrm.FormContext): Promise<boolean> {
  try {
    const lead = await commerceLeadOf(primaryControl);
    return !lead || !lead.isCommerce || lead.prospectStatus !== ProspectStatus.Rejected;
  } catch {
    // The rule must not hide a standard command because a lookup failed; the action checks again.
    return true;
  }
}

/**
 * Qualify (form). A non-Commerce lead goes straight to Sales' own Qualify. A Commerce B2B lead is
 * qualified only when it carries what Commerce needs (otherwise the form lists what is missing and
 * nothing happens), and then always into account + contact + opportunity; the form refreshes after.
 */
export async function qualify(primaryControl: Xrm.FormContext): Promise<void> {
  const form = primaryControl;
  const languageId = userLanguageId();
  try {
    const lead = await commerceLeadOf(form);
    if (!lead || !lead.isCommerce) {
      await runOrTell(SalesActions.qualifyLeadFromForm);
      return;
    }
    if (!showQualificationBlock(form, lead, languageId) || !lead.currencyId) return;
    if (form.data.entity.getIsDirty()) await form.data.save();
    await qualifyCreatingAllRecords(lead.id, lead.currencyId);
    await form.data.refresh(false);
  } catch (error) {
    await tellRep(format(formTexts(languageId).actionFailed, errorMessage(error)));
  }
}

/**
 * Qualify (grid). One Web API call reads the selected leads. If any selected Commerce B2B lead misses
 * something, the rep gets the list and nothing is qualified; otherwise the Commerce leads are
 * qualified into account + contact + opportunity and the rest go to Sales' own grid Qualify.
 */
export async function qualifyFromGrid(
  gridControl: Xrm.Controls.GridControl,
  selected: SelectedReference[],
  entityTypeCode: number,
): Promise<void> {
  const languageId = userLanguageId();
  const texts = formTexts(languageId);
  try {
    const leads = await retrieveLeads(selected.map((ref) => ref.Id));
    const commerceIds = new Set(leads.filter((lead) => lead.isCommerce).map((lead) => lead.id));
    const commerceLeads = leads.filter((lead) => lead.isCommerce);
    const blocked = commerceLeads
      .map((lead) => ({ lead, problems: qualificationProblems(lead.qualification) }))
      .filter((entry) => entry.problems.length > 0);
    if (blocked.length > 0) {
      const lines = blocked.map(({ lead, problems }) =>
        format(texts.gridLeadLine, plainText(lead.displayName), describeQualificationBlock(problems, languageId)),
      );
      await tellRep([texts.gridQualifyBlocked, ...lines].join("\n"));
      return;
    }
    for (const lead of commerceLeads) {
      await qualifyCreatingAllRecords(lead.id, lead.currencyId as string);
    }
    const others = selected.filter((ref) => !commerceIds.has(normalizeId(ref.Id)));
    if (others.length > 0) await runOrTell(SalesActions.qualifyLeadsFromGrid, gridControl, others, entityTypeCode);
    if (commerceLeads.length > 0) gridControl.refresh();
  } catch (error) {
    await tellRep(format(texts.actionFailed, errorMessage(error)));
  }
}

/** The Disqualify menu passes its button id, which ends with "|<statuscode>" (e.g. "...Controls.4|4"). */
export function disqualifyStatusCode(commandProperties: unknown): number | null {
  const source = (commandProperties as { SourceControlId?: unknown } | null)?.SourceControlId;
  if (typeof source !== "string") return null;
  const match = /\|(\d+)$/.exec(source);
  return match ? Number(match[1]) : null;
}

/**
 * Disqualify (form menu, one entry per reason). A Commerce B2B lead asks first, naming the reason
 * and the consequence (Commerce rejects the partner and emails the rejection); a partner Commerce
 * already approved cannot be rejected any more. Non-Commerce leads go straight to Sales.
 */
export async function disqualifyAs(primaryControl: Xrm.FormContext, commandProperties: unknown): Promise<void> {
  const statusCode = disqualifyStatusCode(commandProperties);
  const languageId = userLanguageId();
  const texts = formTexts(languageId);
  try {
    const lead = await commerceLeadOf(primaryControl);
    if (!lead || !lead.isCommerce) {
      await runOrTell(SalesActions.disqualifyLeadFromForm, statusCode);
      return;
    }
    const transition = decideTransition(lead.prospectStatus ?? ProspectStatus.Pending, "disqualify");
    if (!transition.allowed) {
      await tellRep(format(texts.disqualifyBlocked, describeRefusal(transition.reason, languageId)));
      return;
    }
    const confirmed = await confirmWithRep(
      texts.disqualifyTitle,
      format(texts.disqualifyText, plainText(lead.prospectId), disqualifyReasonLabel(statusCode, languageId)),
      texts.disqualifyConfirm,
    );
    if (!confirmed) return;
    rememberDisqualifyConfirmed(lead.id);
    await runOrTell(SalesActions.disqualifyLeadFromForm, statusCode);
  } catch (error) {
    await tellRep(format(texts.actionFailed, errorMessage(error)));
  }
}
