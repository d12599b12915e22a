import { LeadColumns, ProspectStatus } from "../../../core/src/columns";
import { describeQualificationBlock } from "../../../core/src/texts/qualificationTexts";
import { describeRefusal } from "../../../core/src/texts/refusalTexts";
import { decideTransition } from "../../../core/src/prospectStateMachine";
import { qualificationProblems } from "../../../core/src/qualification";
import { confirmWithRep, errorMessage } from "../shared/dialogs";
import { normalizeId } from "../shared/ids";
import { plainText } from "../shared/plainText";
import { format, formTexts } from "../shared/strings";
import { userLanguageId } from "../shared/userContext";
import { commerceLeadOf, leadKnownFromForm, type CommerceLead } from "./commerceLead";
import { disqualifyReasonLabel, leadTexts } from "./leadTexts";
import { LeadNotificationIds, clearLeadNotifications, showCommerceLeadNotification, showQualificationBlock } from "./leadNotifications";

// The review deadline's OnLoad handler (its own, see reviewDeadline.ts) is published with the form's others.
export { onLoadReviewDeadline } from "./reviewDeadline";

const FORM_TYPE_CREATE = 1;
/** An existing record the user may edit: the only state in which Qualify is offered. */
const FORM_TYPE_UPDATE = 2;
/**
 * SaveEventArguments.getSaveMode() values Sales raises OnSave with when a rep qualifies or
 * disqualifies a lead (Client API reference, getSaveMode: 15 Disqualify, 16 Qualify, table Lead).
 */
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
 * Qualify / Disqualify will do, and, while the lead is open, exactly what stops Qualify (on the form
 * and at each column), before the rep clicks it. No Web API call when the form carries the Commerce
 * columns (our form does); otherwise one retrieve. A non-Commerce lead gets nothing.
 *
 * Returned as a promise so an app with async OnLoad waits for the notification; the platform's 10 s
 * timeout is kept on purpose (a slow network must not hold the form), and the promise never rejects.
 */
export async function onLoad(executionContext: Xrm.Events.LoadEventContext): Promise<void> {
  const form = executionContext.getFormContext();
  if (form.ui.getFormType() === FORM_TYPE_CREATE) return;
  const leadId = normalizeId(form.data.entity.getId());
  const languageId = userLanguageId();
  try {
    const lead = await commerceLeadOf(form, true);
    if (!lead || !lead.isCommerce) {
      clearLeadNotifications(form, leadId);
      return;
    }
    showCommerceLeadNotification(form, lead, languageId);
    if (form.ui.getFormType() === FORM_TYPE_UPDATE) showQualificationBlock(form, lead, languageId);
  } catch (error) {
    form.ui.setFormNotification(format(formTexts(languageId).actionFailed, errorMessage(error)), "WARNING", LeadNotificationIds.commerce);
  }
}

/**
 * OnChange of a qualification column of an open Commerce lead: keeps the list of what stops Qualify
 * true while the rep fills the gaps, and removes it when nothing is missing any more. Reuses what the
 * form load read; no Web API call of its own when that read succeeded. Never rejects.
 */
export async function onQualificationColumnChange(executionContext: Xrm.Events.EventContext): Promise<void> {
  const form = executionContext.getFormContext();
  if (form.ui.getFormType() !== FORM_TYPE_UPDATE) return;
  try {
    const lead = await commerceLeadOf(form);
    if (lead && lead.isCommerce) showQualificationBlock(form, lead, userLanguageId());
  } catch {
    // OnLoad already said the lead could not be read; the Qualify save and the server check again.
  }
}

/**
 * OnSave of a lead form, for the saves Sales raises when the rep qualifies or disqualifies the lead,
 * whatever started them (the command bar, a business process flow stage, another customization):
 * - Qualify (save mode 16) of a Commerce lead that misses something is cancelled (preventDefault),
 *   with the list on the form. When the form lacks a column the check needs, the check awaits the
 *   lead the form load read and cancels through preventDefaultOnError; a failed read cancels nothing
 *   (the webhook enforces the same rule on the server).
 * - Disqualify (save mode 15) of a Commerce lead asks the rep, naming the chosen reason. The handler
 *   awaits a person, so it disables the 10 s async timeout before its first await and calls
 *   preventDefaultOnError: when the rep cancels, the partner may not be rejected any more, or the
 *   lead cannot be read, the returned promise rejects and the save does not happen.
 * Every other save, and every save of a non-Commerce lead the form identifies, is left alone, synchronously.
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
    if (known) {
      if (!showQualificationBlock(form, known, languageId)) args.preventDefault();
      return;
    }
    args.preventDefaultOnError();
    return checkQualifySave(form, languageId);
  }

  args.disableAsyncTimeout();
  args.preventDefaultOnError();
  return confirmDisqualifySave(form, known, languageId);
}

async function checkQualifySave(form: Xrm.FormContext, languageId: number): Promise<void> {
  let lead: CommerceLead | null;
  try {
    lead = await commerceLeadOf(form);
  } catch {
    return;
  }
  if (!lead || !lead.isCommerce || showQualificationBlock(form, lead, languageId)) return;
  throw new Error(describeQualificationBlock(qualificationProblems(lead.qualification), languageId));
}

async function confirmDisqualifySave(form: Xrm.FormContext, known: CommerceLead | undefined, languageId: number): Promise<void> {
  const texts = leadTexts(languageId);
  let lead: CommerceLead | null;
  try {
    lead = known ?? (await commerceLeadOf(form));
  } catch (error) {
    const message = format(formTexts(languageId).actionFailed, errorMessage(error));
    form.ui.setFormNotification(message, "ERROR", LeadNotificationIds.qualifyBlocked);
    throw new Error(message);
  }
  if (!lead || !lead.isCommerce) return;
  const transition = decideTransition(lead.prospectStatus ?? ProspectStatus.Pending, "disqualify");
  if (!transition.allowed) {
    const message = format(texts.disqualifyBlocked, describeRefusal(transition.reason, languageId));
    form.ui.setFormNotification(message, "ERROR", LeadNotificationIds.qualifyBlocked);
    throw new Error(message);
  }
  const reason = form.getAttribute(LeadColumns.statusCode)?.getValue() as number | null | undefined;
  const confirmed = await confirmWithRep(
    texts.disqualifyTitle,
    format(texts.disqualifyText, plainText(lead.prospectId), disqualifyReasonLabel(reason ?? null, languageId)),
    texts.disqualifyConfirm,
    texts.cancel,
  );
  if (!confirmed) throw new Error("Disqualify cancelled by the user.");
}
