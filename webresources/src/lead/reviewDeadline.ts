import { Entities, EnvironmentVariableTables, LeadColumns, ProspectStatus } from "../../../core/src/columns";
import { format } from "../../../core/src/messages";
import { reviewDeadlineHoursFrom, reviewDeadlineQueryOptions, reviewOverdue } from "../../../core/src/reviewDeadline";
import { normalizeId } from "../shared/ids";
import { userLanguageId } from "../shared/userContext";
import { leadTexts } from "./leadTexts";

export const ReviewDeadlineNotificationId = "cb2b.lead.reviewDeadline";

const FORM_TYPE_CREATE = 1;

/** The review deadline in force (`cb2b_ReviewDeadlineHours`' current value, else its default; core's rule). */
export async function reviewDeadlineHours(): Promise<number> {
  const result = await Xrm.WebApi.retrieveMultipleRecords(EnvironmentVariableTables.definition.logicalName, reviewDeadlineQueryOptions());
  return reviewDeadlineHoursFrom(result.entities as Record<string, unknown>[]);
}

/** What the form itself says: false when it shows a lead that is not a Pending Commerce one, so nothing needs reading. */
function mayBeAwaitingReview(form: Xrm.FormContext): boolean {
  const flag = form.getAttribute(LeadColumns.isCommerceB2BProspect);
  const status = form.getAttribute(LeadColumns.prospectStatus);
  if (flag && flag.getValue() !== true) return false;
  if (status && status.getValue() !== ProspectStatus.Pending) return false;
  return true;
}

/**
 * OnLoad of the lead form (its own handler, so the Commerce notification never waits on it): a Commerce B2B
 * lead still awaiting review whose partner signed up longer ago than the review deadline shows a warning
 * with the deadline and when it passed. Reads the lead's sign-up time and state and the deadline (two Web API
 * requests, in parallel) only for a lead the form shows as a Pending Commerce one. Never rejects: the
 * lists and the onboarding timeline show the same, so a failed read only leaves the warning out.
 */
export async function onLoadReviewDeadline(executionContext: Xrm.Events.LoadEventContext): Promise<void> {
  const form = executionContext.getFormContext();
  const id = normalizeId(form.data.entity.getId());
  if (form.ui.getFormType() === FORM_TYPE_CREATE || !id || !mayBeAwaitingReview(form)) {
    form.ui.clearFormNotification(ReviewDeadlineNotificationId);
    return;
  }
  try {
    const [lead, hours] = (await Promise.all([
      Xrm.WebApi.retrieveRecord(
        Entities.lead.logicalName,
        id,
        `?$select=${[LeadColumns.createdOn, LeadColumns.stateCode, LeadColumns.isCommerceB2BProspect, LeadColumns.prospectStatus].join(",")}`,
      ),
      reviewDeadlineHours(),
    ])) as [Record<string, unknown>, number];
    const createdOn = typeof lead[LeadColumns.createdOn] === "string" ? new Date(lead[LeadColumns.createdOn] as string) : null;
    const overdue = reviewOverdue(
      {
        isCommerceB2BProspect: lead[LeadColumns.isCommerceB2BProspect] === true,
        stateCode: typeof lead[LeadColumns.stateCode] === "number" ? (lead[LeadColumns.stateCode] as number) : null,
        prospectStatus: typeof lead[LeadColumns.prospectStatus] === "number" ? (lead[LeadColumns.prospectStatus] as number) : null,
        createdOn: createdOn && !Number.isNaN(createdOn.getTime()) ? createdOn : null,
      },
      new Date(),
      hours,
    );
    if (!overdue) {
      form.ui.clearFormNotification(ReviewDeadlineNotificationId);
      return;
    }
    const languageId = userLanguageId();
    const when = overdue.deadline.toLocaleString(languageId === 1035 ? "fi-FI" : "en-US", { dateStyle: "medium", timeStyle: "short" });
    form.ui.setFormNotification(format(leadTexts(languageId).reviewOverdue, String(hours), when), "WARNING", ReviewDeadlineNotificationId);
  } catch {
    form.ui.clearFormNotification(ReviewDeadlineNotificationId);
  }
}
