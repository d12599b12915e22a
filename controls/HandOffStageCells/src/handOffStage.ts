import { LeadColumns } from "../../../core/src/columns";
import { DefaultWaitingThresholdMinutes, deriveProvenance, parseProvenanceRows } from "../../../core/src/provenance";
import { ReviewDeadline } from "../../../core/src/reviewDeadline";
import { RECID, type RowData } from "./gridCustomizer";

/**
 * Where a Commerce B2B lead's hand-off stands: the step of the provenance timeline that waits on someone
 * (a rep, dual-write, the hand-off handler), or, once the chain has ended, how it ended: approved,
 * rejected, or stopped short (qualified without all of account, contact and opportunity).
 */
export const HandOffStages = ["leadQualified", "customersInCommerce", "opportunityClosed", "prospectDecided", "approved", "rejected", "incomplete"] as const;
export type HandOffStage = (typeof HandOffStages)[number];

export interface HandOffBadge {
  stage: HandOffStage;
  /** The review deadline has passed, or a dual-write step has waited longer than the timeline allows. */
  overdue: boolean;
}

/**
 * Reads the stage from the grid row alone: the views select the provenance query's columns under its
 * link aliases (lead columns by name, `opp.`, `acct.`, `cont.`), so the row is the shape
 * parseProvenanceRows reads, and the timeline derives it as the form's control does. No Web API call.
 * Null when the row carries no record id.
 *
 * The review deadline is the default one: the grid gives a customizer no parameters of its own, and
 * reading the environment variable would cost a Web API call.
 */
export function handOffBadge(rowData: RowData | undefined, now: Date): HandOffBadge | null {
  const records = rowData ? parseProvenanceRows([{ [LeadColumns.id]: rowData[RECID], ...rowData }]) : null;
  if (!records) return null;
  const { steps, currentStepId } = deriveProvenance(records, { now, thresholdMinutes: DefaultWaitingThresholdMinutes, reviewDeadlineHours: ReviewDeadline.defaultHours });
  const current = steps.find((step) => step.id === currentStepId);
  const decided = steps[steps.length - 1].state;
  return {
    // The first three steps are done or failed, never waiting, so the current step is one of the stages.
    stage: current ? (current.id as HandOffStage) : decided === "done" ? "approved" : decided === "failed" ? "rejected" : "incomplete",
    overdue: !!current && (current.waitedTooLong !== null || current.overdueSince !== undefined),
  };
}
