import type { ProspectStatusValue } from "../columns";

/**
 * The records the provenance timeline is derived from, as read in one query starting at the lead.
 * Text values (company, names) come from the public sign-up form: they are attacker-controlled and
 * must only ever be rendered as text.
 */
export interface LeadSnapshot {
  id: string;
  isCommerceB2BProspect: boolean;
  prospectId: string | null;
  prospectStatus: ProspectStatusValue | null;
  companyName: string | null;
  fullName: string | null;
  /** msdyn_retailchannel: the Commerce channel the partner signed up on. */
  retailChannel: RecordRef | null;
  stateCode: number | null;
  createdOn: Date | null;
  createdBy: RecordRef | null;
  /** True when the creator is an application user (dual-write runs as one); null when unknown. */
  createdByApplicationUser: boolean | null;
  modifiedOn: Date | null;
}

export interface OpportunitySnapshot {
  id: string;
  name: string | null;
  stateCode: number | null;
  createdOn: Date | null;
  actualCloseDate: Date | null;
  modifiedOn: Date | null;
}

export interface AccountSnapshot {
  id: string;
  name: string | null;
  /** Assigned by Commerce when dual-write writes the organization customer. */
  accountNumber: string | null;
  customerTypeCode: number | null;
  createdOn: Date | null;
  modifiedOn: Date | null;
}

export interface ContactSnapshot {
  id: string;
  fullName: string | null;
  /** Assigned by Commerce when dual-write writes the person customer. */
  contactPersonId: string | null;
  sellable: boolean | null;
  createdOn: Date | null;
  modifiedOn: Date | null;
}

export interface RecordRef {
  entityType: string;
  id: string;
  name: string | null;
}

export interface ProvenanceRecords {
  lead: LeadSnapshot;
  /** The opportunity the lead was qualified into (lead.qualifyingopportunityid). */
  opportunity: OpportunitySnapshot | null;
  /** The opportunity's account (parentaccountid). */
  account: AccountSnapshot | null;
  /** The opportunity's contact (parentcontactid). */
  contact: ContactSnapshot | null;
}

export const ProvenanceStepIds = [
  "signedUp",
  "prospectCreated",
  "leadCreated",
  "leadQualified",
  "customersInCommerce",
  "opportunityClosed",
  "prospectDecided",
] as const;
export type ProvenanceStepId = (typeof ProvenanceStepIds)[number];

/**
 * - `done`: happened;
 * - `waiting`: has not happened yet (see ProvenanceTimeline.currentStepId);
 * - `failed`: happened with a negative outcome (disqualified, lost, rejected) or cannot complete;
 * - `notApplicable`: cannot happen on this path (e.g. customers after a disqualified lead).
 */
export const StepStates = ["done", "waiting", "failed", "notApplicable"] as const;
export type StepState = (typeof StepStates)[number];

/** Why a step shows what it shows; each maps to one localized sentence in the control. */
export const StepReasons = [
  "signedUpOnChannel",
  "signedUpChannelUnknown",
  "prospectIdAssigned",
  "prospectIdMissing",
  "createdByDualWrite",
  "createdByUser",
  "qualified",
  "qualifiedIncomplete",
  "awaitingQualification",
  "disqualified",
  "customersWritten",
  "customersPartlyWritten",
  "customersAwaitingWrite",
  "customersNotApplicable",
  "opportunityWon",
  "opportunityLost",
  "opportunityOpen",
  "opportunityNotApplicable",
  "prospectApproved",
  "prospectRejected",
  "prospectPending",
  /** The step cannot happen before an earlier one (e.g. customers before qualification). */
  "awaitingEarlierStep",
] as const;
export type StepReason = (typeof StepReasons)[number];

/** What an admin should check when dual-write (or the hand-off) has not written back in time. */
export const WaitingChecks = [
  "customersV3AccountsMap",
  "accountIsCustomerType",
  "customersV3ContactsMap",
  "contactIsSellable",
  "prospectsLeadsMap",
  "handoffWebhook",
] as const;
export type WaitingCheck = (typeof WaitingChecks)[number];

export interface WaitingTooLong {
  /** Whole minutes the step has been waiting. */
  waitedMinutes: number;
  checks: WaitingCheck[];
}

/** A record the step links to (opens with the form); `current` marks the record the form shows. */
export interface StepLink {
  /** The table the link opens (its logical name), which is also the record's role in the hand-off. */
  role: "account" | "contact" | "opportunity" | "lead";
  id: string;
  /** Display name: attacker-controlled text. */
  name: string | null;
  current: boolean;
  /** For the customers step: whether Commerce's number has been written back onto this record. */
  writtenToCommerce?: boolean;
  /** The number Commerce assigned (accountnumber / msdyn_contactpersonid), when written back. */
  commerceNumber?: string | null;
}

export interface ProvenanceStep {
  id: ProvenanceStepId;
  state: StepState;
  reason: StepReason;
  /** When the step happened (done/failed), or since when it is waiting; null when Sales cannot know. */
  time: Date | null;
  /** Plain text the reason sentence mentions (channel name, prospect id, creator name): attacker-controlled. */
  detail: string | null;
  links: StepLink[];
  /** Set when a dual-write step waits longer than the threshold. */
  waitedTooLong: WaitingTooLong | null;
  /** Lead qualified, still waiting: when the review deadline passed (core/src/reviewDeadline.ts); absent when it has not. */
  overdueSince?: Date;
}

export interface ProvenanceTimeline {
  steps: ProvenanceStep[];
  /**
   * The step the hand-off stands at: the first waiting step that waits on someone (a rep, dual-write, the
   * hand-off handler) rather than on an earlier step; null when the chain has ended.
   */
  currentStepId: ProvenanceStepId | null;
}

export interface DeriveOptions {
  now: Date;
  /** Minutes a dual-write step may wait before it warns (the control's waitingThresholdMinutes input). */
  thresholdMinutes: number;
  /** The record the form shows, so its link is marked instead of opened. */
  currentRecord?: { entityType: string; id: string } | null;
  /** Hours a partner may wait for Sales' decision (`cb2b_ReviewDeadlineHours`); absent: no deadline is shown. */
  reviewDeadlineHours?: number | null;
}

export const DefaultWaitingThresholdMinutes = 30;
