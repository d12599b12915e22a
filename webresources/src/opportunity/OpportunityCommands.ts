import { confirmWithRep, errorMessage, tellRep } from "../shared/dialogs";
import { normalizeId } from "../shared/ids";
import { plainText } from "../shared/plainText";
import { userMayApprove } from "../shared/approverPolicy";
import { SalesActions, runSalesAction } from "../shared/salesActions";
import type { SelectedReference } from "../shared/selectedReference";
import { format, formTexts } from "../shared/strings";
import { userLanguageId } from "../shared/userContext";
import { closeLostReasons, closeWonReasons } from "./closeRules";
import { commerceOpportunityOf, retrieveCommerceOpportunity, type CommerceOpportunity } from "./commerceOpportunity";

/**
 * Enable rule of Close as Won (form): a Commerce opportunity is enabled only when the account and
 * contact are already Commerce customers and the partner is not rejected; the form's notification
 * says why otherwise. Everything else: enabled, as before.
 */
export async function closeAsWonEnabled(primaryControl: Xrm.FormContext): Promise<boolean> {
  try {
    const opportunity = await commerceOpportunityOf(primaryControl);
    return !opportunity || !opportunity.isCommerce || closeWonReasons(opportunity, userLanguageId()).length === 0;
  } catch {
    // Never hide a standard command because a read failed; the action checks again.
    return true;
  }
}

/** Enable rule of Close as Lost (form): disabled only for a partner Commerce already approved. */
export async function closeAsLostEnabled(primaryControl: Xrm.FormContext): Promise<boolean> {
  try {
    const opportunity = await commerceOpportunityOf(primaryControl);
    return !opportunity || !opportunity.isCommerce || closeLostReasons(opportunity, userLanguageId()).length === 0;
  } catch {
    return true;
  }
}

/**
 * The checks before a Commerce opportunity is handed to Sales' Close dialog: still allowed (the
 * data may have changed since the rule ran), the approver role when the environment asks for it
 * (winning only), and the rep's confirmation of what happens in Commerce. True to proceed.
 */
async function commerceCloseAllowed(opportunity: CommerceOpportunity, won: boolean): Promise<boolean> {
  const languageId = userLanguageId();
  const texts = formTexts(languageId);
  const reasons = won ? closeWonReasons(opportunity, languageId) : closeLostReasons(opportunity, languageId);
  if (reasons.length > 0) {
    await tellRep(format(won ? texts.closeWonBlocked : texts.closeLostBlocked, reasons.join(" ")));
    return false;
  }
  if (won && !(await userMayApprove())) {
    await tellRep(texts.approverRequired);
    return false;
  }
  const prospect = plainText(opportunity.prospectId);
  return won
    ? confirmWithRep(texts.closeWonTitle, format(texts.closeWonText, prospect), texts.closeWonConfirm)
    : confirmWithRep(texts.closeLostTitle, format(texts.closeLostText, prospect), texts.closeLostConfirm);
}

async function handOver(action: Parameters<typeof runSalesAction>[0], ...args: unknown[]): Promise<void> {
  if (!runSalesAction(action, ...args)) await tellRep(formTexts(userLanguageId()).platformMissing);
}

async function closeFromForm(primaryControl: Xrm.FormContext, won: boolean): Promise<void> {
  try {
    const opportunity = await commerceOpportunityOf(primaryControl);
    if (opportunity && opportunity.isCommerce && !(await commerceCloseAllowed(opportunity, won))) return;
    await handOver(SalesActions.closeOpportunityFromForm, won);
  } catch (error) {
    await tellRep(format(formTexts(userLanguageId()).actionFailed, errorMessage(error)));
  }
}

async function closeFromGrid(gridControl: Xrm.Controls.GridControl, selected: SelectedReference[], won: boolean): Promise<void> {
  try {
    // Sales' grid Close works on the first selected row (the command asks for exactly one).
    const first = selected[0];
    if (first) {
      const opportunity = await retrieveCommerceOpportunity(normalizeId(first.Id));
      if (opportunity.isCommerce && !(await commerceCloseAllowed(opportunity, won))) return;
    }
    await handOver(SalesActions.closeOpportunityFromGrid, selected, won, gridControl);
  } catch (error) {
    await tellRep(format(formTexts(userLanguageId()).actionFailed, errorMessage(error)));
  }
}

/** Close as Won (form): Commerce checks and confirmation, then Sales' own Close as Won dialog. */
export function closeAsWon(primaryControl: Xrm.FormContext): Promise<void> {
  return closeFromForm(primaryControl, true);
}

/** Close as Lost (form): a Commerce opportunity confirms the rejection first. */
export function closeAsLost(primaryControl: Xrm.FormContext): Promise<void> {
  return closeFromForm(primaryControl, false);
}

/** Close as Won (grid). */
export function closeAsWonFromGrid(gridControl: Xrm.Controls.GridControl, selected: SelectedReference[]): Promise<void> {
  return closeFromGrid(gridControl, selected, true);
}

/** Close as Lost (grid). */
export function closeAsLostFromGrid(gridControl: Xrm.Controls.GridControl, selected: SelectedReference[]): Promise<void> {
  return closeFromGrid(gridControl, selected, false);
}
