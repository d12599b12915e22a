import { ProspectStatus, type ProspectStatusValue } from "./columns";

/**
 * What happens in Sales that moves a Commerce B2B prospect:
 * - `win`: Close as Won on the opportunity qualified from the lead;
 * - `lose`: Close as Lost on that opportunity;
 * - `disqualify`: the lead is disqualified (statecode 2);
 * - `reopen`: the opportunity is reopened;
 * - `reactivate`: the lead is reactivated.
 */
export type HandoffEvent = "win" | "lose" | "disqualify" | "reopen" | "reactivate";

/**
 * The events that settle the partner in Commerce (approve or reject). When the environment variable
 * `cb2b_RequireApproverRole` is on, only holders of the *Commerce B2B approver* role may cause them.
 */
export const ApproverEvents = ["win", "lose", "disqualify"] as const;
export type ApproverEvent = (typeof ApproverEvents)[number];

export function requiresApprover(event: HandoffEvent): event is ApproverEvent {
  return (ApproverEvents as readonly string[]).includes(event);
}

export type TransitionRefusal =
  /** Commerce already created the customer hierarchy: approval cannot be taken back. */
  | "alreadyApproved"
  /** The prospect was rejected; the record must be reopened/reactivated before it can be approved. */
  | "rejectedMustReopenFirst";

export type TransitionDecision =
  | { allowed: true; next: ProspectStatusValue; changed: boolean }
  | { allowed: false; reason: TransitionRefusal };

/**
 * The prospect status state machine. Pending → Approved | Rejected; Rejected → Pending when the
 * record is reopened; Approved is final because Commerce cannot un-approve a partner.
 */
export function decideTransition(current: ProspectStatusValue, event: HandoffEvent): TransitionDecision {
  const to = (next: ProspectStatusValue): TransitionDecision => ({ allowed: true, next, changed: next !== current });
  if (current === ProspectStatus.Approved) {
    // Winning an already approved prospect again changes nothing; everything else would undo the approval.
    return event === "win" ? to(ProspectStatus.Approved) : { allowed: false, reason: "alreadyApproved" };
  }
  switch (event) {
    case "win":
      return current === ProspectStatus.Rejected ? { allowed: false, reason: "rejectedMustReopenFirst" } : to(ProspectStatus.Approved);
    case "lose":
    case "disqualify":
      return to(ProspectStatus.Rejected);
    case "reopen":
    case "reactivate":
      return to(ProspectStatus.Pending);
  }
}
