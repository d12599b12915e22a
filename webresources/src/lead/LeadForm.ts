import { LeadColumns, decideTransition, describeRefusal, ProspectStatus } from "../../../core/src";
import { confirmWithRep, errorMessage } from "../shared/dialogs";
import { normalizeId } from "../shared/ids";
import { plainText } from "../shared/plainText";
import { disqualifyReasonLabel, format, formTexts } from "../shared/strings";
import { userLanguageId } from "../shared/userContext";
import { commerceLeadOf, leadKnownFromForm, type CommerceLead } from "./commerceLead";
import { takeDisqualifyConfirmation } from "./disqualifyConfirmation";
import {
  LeadNotificationIds,
  clearLeadNotifications,
  isQualificationBlockShown,
  showCommerceLeadNotification,
  showQualificationBlock,
} from "./leadNotifications";

const FORM_TYPE_CREATE = 1;
/** SaveEventArguments.getSaveMode() values for the lead's state changes (Client API reference). */
const SAVE_MODE_DISQUALIFY = 15;
const SAVE_MODE_QUALIFY = 16;

/** Columns whose change can lift (or cause) a qualification block: registered as OnChange handlers. */
export const QualificationColumns = [
  LeadColumns.companyName,
  LeadColumns.lastName,
  LeadColumns.email,
  LeadColumns.currency,
] as const;

/**
 * OnLoad of a lead form: a Commerce B2B lead shows the prospect id, its Commerce status and what
 * Qualify / Disqualify will do. No Web API call when the form carries the Commerce columns (our
 * form does); otherwise one retrieve. A non-Commerce lead gets nothing.
 *
 * Returned as a promise so an app with async OnLoad waits for the notification; the platform's 10 s
 * timeout is kept on purpose (a slow network must not hold the form), and the promise never rejects.
 */
export async function onLoad(executionContext: Xrm.Events.LoadEventContext): Promise<void> {
  const form = executionContext.getFormContext();
  if (form.ui.getFormType() === FORM_TYPE_CREATE) return;
  const leadId = normalizeId(form.data.entity.getId());
  takeDisqualifyConfirmation(leadId);
  const languageId = userLanguageId();
  try {
    const lead = await commerceLeadOf(form, true);
    if (!lead || !lead.isCommerce) {
      clearLeadNotifications(form, leadId);
      return;
    }
    showCommerceLeadNotification(form, lead, languageId);
  } catch (error) {
    form.ui.setFormNotification(format(formTexts(languageId).actionFailed, errorMessage(error)), "WARNING", LeadNotificationIds.commerce);
  }
}

/**
 * OnChange of a qualification column: once the rep was told what is missing, keep that message
 * true while they fill the gaps, and remove it when nothing is missing any more. Reuses what the
 * form load read; no Web API call of its own.
 */
export async function onQualificationColumnChange(executionContext: Xrm.Events.EventContext): Promise<void> {
  const form = executionContext.getFormContext();
  if (!isQualificationBlockShown(normalizeId(form.data.entity.getId()))) return;
  const lead = await commerceLeadOf(form);
  if (lead && lead.isCommerce) showQualificationBlock(form, lead, userLanguageId());
}

/**
 * OnSave of a lead form, for Qualify / Disqualify that reach the form without our command (a
 * business process flow stage, another customization): the same rules as the commands.
 * - Qualify (save mode 16) of a Commerce lead that misses something is cancelled synchronously,
 *   with the list on the form (when the form alone tells; the server-side handler enforces anyway).
 * - Disqualify (save mode 15) of a Commerce lead asks the rep. The handler awaits a person, so it
 *   disables the 10 s async timeout before its first await and calls preventDefaultOnError: when the
 *   rep cancels, the partner may not be rejected, or anything fails, the returned promise rejects and
 *   the save does not happen. A non-Commerce lead is left alone, synchronously.
 */
export function onSave(executionContext: Xrm.Events.SaveEventContextAsync): Promise<void> | void {
  const form = executionContext.getFormContext();
  const args = executionContext.getEventArgs();
  const saveMode = args.getSaveMode() as number;
  if (saveMode !== SAVE_MODE_QUALIFY && saveMode !== SAVE_MODE_DISQUALIFY) return;
  const known = leadKnownFromForm(form);
  if (known && !known.isCommerce) return;
  const languageId = userLanguageId();

  if (saveMode === SAVE_MODE_QUALIFY) {
    if (known && !showQualificationBlock(form, known, languageId)) args.preventDefault();
    return;
  }

  args.disableAsyncTimeout();
  args.preventDefaultOnError();
  return confirmDisqualifySave(form, known, languageId);
}

async function confirmDisqualifySave(form: Xrm.FormContext, known: CommerceLead | undefined, languageId: number): Promise<void> {
  const lead = known ?? (await commerceLeadOf(form));
  if (!lead || !lead.isCommerce) return;
  const texts = formTexts(languageId);
  const transition = decideTransition(lead.prospectStatus ?? ProspectStatus.Pending, "disqualify");
  if (!transition.allowed) {
    const message = format(texts.disqualifyBlocked, describeRefusal(transition.reason, languageId));
    form.ui.setFormNotification(message, "ERROR", LeadNotificationIds.qualifyBlocked);
    throw new Error(message);
  }
  if (takeDisqualifyConfirmation(lead.id)) return;
  const reason = form.getAttribute(LeadColumns.statusCode)?.getValue() as number | null | undefined;
  const confirmed = await confirmWithRep(
    texts.disqualifyTitle,
    format(texts.disqualifyText, plainText(lead.prospectId), disqualifyReasonLabel(reason ?? null, languageId)),
    texts.disqualifyConfirm,
  );
  if (!confirmed) throw new Error("Disqualify cancelled by the user.");
}
