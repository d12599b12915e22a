import { errorMessage } from "../shared/dialogs";
import { plainText } from "../shared/plainText";
import { format, formTexts, prospectStatusLabel } from "../shared/strings";
import { userLanguageId } from "../shared/userContext";
import { closeLostReasons, closeWonReasons } from "./closeRules";
import { commerceOpportunityOf } from "./commerceOpportunity";
import { opportunityTexts } from "./opportunityTexts";

export const OpportunityNotificationIds = {
  commerce: "cb2b.opportunity.commerce",
  closeWonBlocked: "cb2b.opportunity.closeWonBlocked",
  closeLostBlocked: "cb2b.opportunity.closeLostBlocked",
} as const;

const FORM_TYPE_CREATE = 1;

function clear(form: Xrm.FormContext): void {
  Object.values(OpportunityNotificationIds).forEach((id) => form.ui.clearFormNotification(id));
}

/**
 * OnLoad of an opportunity form. For an opportunity qualified from a Commerce B2B lead: what Close
 * as Won / Lost do in Commerce (winning approves the partner, losing rejects it) and, while the
 * server would refuse either, why: before the rep opens Sales' Close Opportunity dialog. One Web API
 * call; none when the opportunity has no originating lead. Other opportunities get nothing.
 *
 * Returned as a promise so an app with async OnLoad waits for the notifications; the platform's
 * 10 s timeout is kept (a network read must not hold the form), and the promise never rejects.
 */
export async function onLoad(executionContext: Xrm.Events.LoadEventContext): Promise<void> {
  const form = executionContext.getFormContext();
  if (form.ui.getFormType() === FORM_TYPE_CREATE) return;
  const languageId = userLanguageId();
  const texts = opportunityTexts(languageId);
  try {
    const opportunity = await commerceOpportunityOf(form);
    clear(form);
    if (!opportunity || !opportunity.isCommerce) return;
    form.ui.setFormNotification(
      format(texts.opportunityNotification, plainText(opportunity.prospectId), prospectStatusLabel(opportunity.prospectStatus, languageId)),
      "INFO",
      OpportunityNotificationIds.commerce,
    );
    const wonReasons = closeWonReasons(opportunity, languageId);
    if (wonReasons.length > 0) {
      form.ui.setFormNotification(format(texts.closeWonBlocked, wonReasons.join(" ")), "WARNING", OpportunityNotificationIds.closeWonBlocked);
    }
    const lostReasons = closeLostReasons(opportunity, languageId);
    if (lostReasons.length > 0) {
      form.ui.setFormNotification(format(texts.closeLostBlocked, lostReasons.join(" ")), "WARNING", OpportunityNotificationIds.closeLostBlocked);
    }
  } catch (error) {
    form.ui.setFormNotification(format(formTexts(languageId).actionFailed, errorMessage(error)), "WARNING", OpportunityNotificationIds.commerce);
  }
}
