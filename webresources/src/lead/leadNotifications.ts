import { describeProblem, describeQualificationBlock } from "../../../core/src/texts/qualificationTexts";
import { QualificationRequirements, qualificationProblems, type QualificationProblem } from "../../../core/src/qualification";
import { plainText } from "../shared/plainText";
import { format, prospectStatusLabel } from "../shared/strings";
import { leadTexts } from "./leadTexts";
import type { CommerceLead } from "./commerceLead";

export const LeadNotificationIds = {
  commerce: "cb2b.lead.commerce",
  qualifyBlocked: "cb2b.lead.qualifyBlocked",
  /** On the controls of each column that stops qualification (body and header alike). */
  column: "cb2b.lead.qualifyColumn",
} as const;

/** Marks every control of every qualification column with its own problem, or clears the mark. */
function markColumns(form: Xrm.FormContext, problems: readonly QualificationProblem[], languageId: number): void {
  for (const { column } of QualificationRequirements) {
    const problem = problems.find((p) => p.column === column);
    form.getAttribute(column)?.controls.forEach((control) => {
      if (problem) control.setNotification(describeProblem(problem, languageId), LeadNotificationIds.column);
      else control.clearNotification(LeadNotificationIds.column);
    });
  }
}

/** The notification every Commerce lead shows: prospect id, Commerce status, what Qualify/Disqualify do. */
export function showCommerceLeadNotification(form: Xrm.FormContext, lead: CommerceLead, languageId: number): void {
  const text = format(
    leadTexts(languageId).leadNotification,
    plainText(lead.prospectId),
    prospectStatusLabel(lead.prospectStatus, languageId),
  );
  form.ui.setFormNotification(text, "INFO", LeadNotificationIds.commerce);
}

/** Leads whose form currently marks columns (so a lead that turns out not to be Commerce is unmarked). */
const blockShown = new Set<string>();

/**
 * Shows exactly what stops the lead from being qualified, or clears that message when nothing does.
 * Returns whether the lead may be qualified.
 */
export function showQualificationBlock(form: Xrm.FormContext, lead: CommerceLead, languageId: number): boolean {
  const problems = qualificationProblems(lead.qualification);
  markColumns(form, problems, languageId);
  if (problems.length === 0) {
    form.ui.clearFormNotification(LeadNotificationIds.qualifyBlocked);
    blockShown.delete(lead.id);
    return true;
  }
  form.ui.setFormNotification(describeQualificationBlock(problems, languageId), "ERROR", LeadNotificationIds.qualifyBlocked);
  blockShown.add(lead.id);
  return false;
}

export function clearLeadNotifications(form: Xrm.FormContext, leadId: string): void {
  form.ui.clearFormNotification(LeadNotificationIds.commerce);
  form.ui.clearFormNotification(LeadNotificationIds.qualifyBlocked);
  if (blockShown.delete(leadId)) markColumns(form, [], 0);
}
