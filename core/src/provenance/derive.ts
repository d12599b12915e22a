import { AccountCustomerType, LeadState, OpportunityState, ProspectStatus } from "../columns";
import { reviewOverdue } from "../reviewDeadline";
import type {
  DeriveOptions,
  ProvenanceRecords,
  ProvenanceStep,
  ProvenanceStepId,
  ProvenanceTimeline,
  StepLink,
  StepReason,
  StepState,
  WaitingCheck,
  WaitingTooLong,
} from "./types";
import { DefaultWaitingThresholdMinutes } from "./types";

/** The threshold in force: a missing, zero, negative or non-numeric value falls back to the default. */
export function effectiveWaitingThreshold(minutes: number | null | undefined): number {
  return Number.isFinite(minutes) && (minutes as number) > 0 ? (minutes as number) : DefaultWaitingThresholdMinutes;
}

/** Normalizes a Dataverse id for comparison: lower case, no braces. */
export function normalizeId(id: string): string {
  return id.replace(/[{}]/g, "").toLowerCase();
}

function written(value: string | null): value is string {
  return value !== null && value.trim() !== "";
}

/** The earliest (Math.min) or latest (Math.max) of the dates that are present; null when none is. */
function bound(pick: (...times: number[]) => number, dates: (Date | null | undefined)[]): Date | null {
  const times = dates.filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
  return times.length === 0 ? null : new Date(pick(...times));
}

// The states and the most repeated reason as locals: each use minifies to one letter (bundle.js budget).
const DONE = "done";
const WAITING = "waiting";
const FAILED = "failed";
const NOT_APPLICABLE = "notApplicable";
const EARLIER = "awaitingEarlierStep";
const DISQUALIFIED = "disqualified";
const LOST = "opportunityLost";
const REJECTED = "prospectRejected";

/** The reasons of failed steps that are a decision (disqualified, lost, rejected) rather than a fault. */
export const RejectionReasons: readonly StepReason[] = [DISQUALIFIED, LOST, REJECTED];

function step(id: ProvenanceStepId, state: StepState, reason: StepReason, time?: Date | null, more?: Partial<ProvenanceStep>): ProvenanceStep {
  return { id, state, reason, time: time || null, detail: null, links: [], waitedTooLong: null, ...more };
}

/**
 * Derives the seven-step provenance timeline of a Commerce B2B lead from the records Sales holds.
 * Pure: the same records, options and `now` always give the same timeline.
 *
 * Written as one function over local values (not a class with getters) because it ships in the
 * control's bundle.js, whose size has a budget (issue 14): locals minify to one letter, members do not.
 */
export function deriveProvenance(records: ProvenanceRecords, options: DeriveOptions): ProvenanceTimeline {
  const { lead, opportunity, account, contact } = records;
  const threshold = effectiveWaitingThreshold(options.thresholdMinutes);
  const current = options.currentRecord;
  const currentId = current ? normalizeId(current.id) : null;
  const qualified = lead.stateCode === LeadState.Qualified;
  const disqualified = lead.stateCode === LeadState.Disqualified;
  // Qualification creates the opportunity, account and contact: the earliest of them dates it.
  const qualifiedAt = bound(Math.min, [opportunity, account, contact].map((r) => r && r.createdOn)) || lead.modifiedOn;
  const closed = opportunity !== null && (opportunity.stateCode === OpportunityState.Won || opportunity.stateCode === OpportunityState.Lost);
  const closedAt = opportunity && (opportunity.actualCloseDate || opportunity.modifiedOn);

  /** A link's role is the table it opens. `commerceNumber` is given for the customers Commerce numbers. */
  function link(role: StepLink["role"], id: string, name: string | null, commerceNumber?: string | null): StepLink {
    const result: StepLink = { role, id, name, current: !!current && current.entityType === role && currentId === normalizeId(id) };
    if (commerceNumber !== undefined) {
      result.writtenToCommerce = written(commerceNumber);
      result.commerceNumber = written(commerceNumber) ? commerceNumber : null;
    }
    return result;
  }

  /** A warning when a step that waits on dual-write (or the hand-off) has waited past the threshold. */
  function overdue(since: Date | null, checks: WaitingCheck[]): WaitingTooLong | null {
    if (since === null) return null;
    const waitedMinutes = Math.floor((options.now.getTime() - since.getTime()) / 60000);
    return waitedMinutes > threshold ? { waitedMinutes, checks } : null;
  }

  const customerLinks: StepLink[] = [];
  if (account) customerLinks.push(link("account", account.id, account.name, account.accountNumber));
  if (contact) customerLinks.push(link("contact", contact.id, contact.fullName, contact.contactPersonId));
  const opportunityLinks = opportunity ? [link("opportunity", opportunity.id, opportunity.name)] : [];

  function leadQualified(): ProvenanceStep {
    const id = "leadQualified";
    if (disqualified) return step(id, FAILED, DISQUALIFIED, lead.modifiedOn);
    if (!qualified) {
      const overdue = options.reviewDeadlineHours ? reviewOverdue(lead, options.now, options.reviewDeadlineHours) : null;
      return step(id, WAITING, "awaitingQualification", lead.createdOn, overdue ? { overdueSince: overdue.deadline } : undefined);
    }
    const complete = account !== null && contact !== null && opportunity !== null;
    return step(id, complete ? DONE : FAILED, complete ? "qualified" : "qualifiedIncomplete", qualifiedAt, {
      links: [...customerLinks, ...opportunityLinks],
    });
  }

  function customersInCommerce(): ProvenanceStep {
    const id = "customersInCommerce";
    if (!qualified && !disqualified) return step(id, WAITING, EARLIER);
    if (disqualified || customerLinks.length === 0) return step(id, NOT_APPLICABLE, "customersNotApplicable");
    const pending = customerLinks.filter((l) => !l.writtenToCommerce).length;
    if (pending === 0) {
      // Dual-write stamps the Commerce number with an update, so the later modifiedon bounds when it arrived.
      return step(id, DONE, "customersWritten", bound(Math.max, [account, contact].map((r) => r && r.modifiedOn)), { links: customerLinks });
    }
    const checks: WaitingCheck[] = [];
    if (account && !written(account.accountNumber)) {
      checks.push("customersV3AccountsMap");
      if (account.customerTypeCode !== AccountCustomerType.Customer) checks.push("accountIsCustomerType");
    }
    if (contact && !written(contact.contactPersonId)) {
      checks.push("customersV3ContactsMap");
      if (contact.sellable !== true) checks.push("contactIsSellable");
    }
    return step(id, WAITING, pending < customerLinks.length ? "customersPartlyWritten" : "customersAwaitingWrite", qualifiedAt, {
      links: customerLinks,
      waitedTooLong: overdue(qualifiedAt, checks),
    });
  }

  function opportunityClosed(): ProvenanceStep {
    const id = "opportunityClosed";
    if (!qualified && !disqualified) return step(id, WAITING, EARLIER);
    if (disqualified || !opportunity) return step(id, NOT_APPLICABLE, "opportunityNotApplicable");
    const links = opportunityLinks;
    if (opportunity.stateCode === OpportunityState.Won) return step(id, DONE, "opportunityWon", closedAt, { links });
    if (opportunity.stateCode === OpportunityState.Lost) return step(id, FAILED, LOST, closedAt, { links });
    return step(id, WAITING, "opportunityOpen", opportunity.createdOn, { links });
  }

  function prospectDecided(): ProvenanceStep {
    const id = "prospectDecided";
    // When Sales decided: the opportunity was closed, or else the lead was disqualified.
    const decidedAt = qualified && closed ? closedAt : disqualified ? lead.modifiedOn : null;
    if (lead.prospectStatus === ProspectStatus.Approved) return step(id, DONE, "prospectApproved", decidedAt || lead.modifiedOn);
    if (lead.prospectStatus === ProspectStatus.Rejected) return step(id, FAILED, REJECTED, decidedAt || lead.modifiedOn);
    if (decidedAt === null && !(disqualified || closed)) return step(id, WAITING, EARLIER);
    // Sales decided but the prospect status has not followed: the hand-off handler sets it, dual-write carries it.
    return step(id, WAITING, "prospectPending", decidedAt, { waitedTooLong: overdue(decidedAt, ["handoffWebhook", "prospectsLeadsMap"]) });
  }

  const channel = lead.retailChannel;
  const steps = [
    // Sales does not hold the sign-up time: the channel is what it knows about the sign-up.
    channel && channel.name
      ? step("signedUp", DONE, "signedUpOnChannel", null, { detail: channel.name })
      : step("signedUp", DONE, "signedUpChannelUnknown"),
    written(lead.prospectId)
      ? step("prospectCreated", DONE, "prospectIdAssigned", null, { detail: lead.prospectId })
      : step("prospectCreated", FAILED, "prospectIdMissing"),
    step("leadCreated", DONE, lead.createdByApplicationUser === true ? "createdByDualWrite" : "createdByUser", lead.createdOn, {
      detail: lead.createdBy ? lead.createdBy.name : null,
      links: [link("lead", lead.id, lead.fullName || lead.companyName)],
    }),
    leadQualified(),
    customersInCommerce(),
    opportunityClosed(),
    prospectDecided(),
  ];
  const waiting = steps.find((s) => s.state === WAITING && s.reason !== EARLIER);
  return { steps, currentStepId: waiting ? waiting.id : null };
}
