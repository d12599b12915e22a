import { AccountCustomerType, Entities, LeadState, OpportunityState, ProspectStatus } from "../columns";
import type {
  AccountSnapshot,
  ContactSnapshot,
  DeriveOptions,
  ProvenanceRecords,
  ProvenanceStep,
  ProvenanceTimeline,
  StepLink,
  WaitingCheck,
  WaitingTooLong,
} from "./types";
import { DefaultWaitingThresholdMinutes } from "./types";

/**
 * Derives the seven-step provenance timeline of a Commerce B2B lead from the records Sales holds.
 * Pure: the same records, options and `now` always give the same timeline.
 */
export function deriveProvenance(records: ProvenanceRecords, options: DeriveOptions): ProvenanceTimeline {
  const context = new DerivationContext(records, options);
  const steps: ProvenanceStep[] = [
    signedUp(context),
    prospectCreated(context),
    leadCreated(context),
    leadQualified(context),
    customersInCommerce(context),
    opportunityClosed(context),
    prospectDecided(context),
  ];
  return { steps, currentStepId: steps.find((step) => step.state === "waiting" && step.reason !== "awaitingEarlierStep")?.id ?? null };
}

/** The threshold in force: a missing, zero, negative or non-numeric value falls back to the default. */
export function effectiveWaitingThreshold(minutes: number | null | undefined): number {
  return typeof minutes === "number" && Number.isFinite(minutes) && minutes > 0 ? minutes : DefaultWaitingThresholdMinutes;
}

/** Normalizes a Dataverse id for comparison: lower case, no braces. */
export function normalizeId(id: string): string {
  return id.replace(/[{}]/g, "").toLowerCase();
}

class DerivationContext {
  readonly lead: ProvenanceRecords["lead"];
  readonly opportunity: ProvenanceRecords["opportunity"];
  readonly account: ProvenanceRecords["account"];
  readonly contact: ProvenanceRecords["contact"];
  readonly now: Date;
  readonly thresholdMinutes: number;
  private readonly current: { entityType: string; id: string } | null;

  constructor(records: ProvenanceRecords, options: DeriveOptions) {
    this.lead = records.lead;
    this.opportunity = records.opportunity;
    this.account = records.account;
    this.contact = records.contact;
    this.now = options.now;
    this.thresholdMinutes = effectiveWaitingThreshold(options.waitingThresholdMinutes);
    this.current = options.currentRecord ? { entityType: options.currentRecord.entityType, id: normalizeId(options.currentRecord.id) } : null;
  }

  get leadQualified(): boolean {
    return this.lead.stateCode === LeadState.Qualified;
  }

  get leadDisqualified(): boolean {
    return this.lead.stateCode === LeadState.Disqualified;
  }

  /** Qualification creates the opportunity, account and contact: the earliest of them dates it. */
  get qualifiedAt(): Date | null {
    return earliest([this.opportunity?.createdOn, this.account?.createdOn, this.contact?.createdOn]) ?? this.lead.modifiedOn;
  }

  link(role: StepLink["role"], entityType: string, id: string, name: string | null, extra: Partial<StepLink> = {}): StepLink {
    const current = this.current !== null && this.current.entityType === entityType && this.current.id === normalizeId(id);
    return { role, entityType, id, name, current, ...extra };
  }

  accountLink(account: AccountSnapshot): StepLink {
    return this.link("account", Entities.account.logicalName, account.id, account.name, {
      writtenToCommerce: written(account.accountNumber),
      commerceNumber: written(account.accountNumber) ? account.accountNumber : null,
    });
  }

  contactLink(contact: ContactSnapshot): StepLink {
    return this.link("contact", Entities.contact.logicalName, contact.id, contact.fullName, {
      writtenToCommerce: written(contact.contactPersonId),
      commerceNumber: written(contact.contactPersonId) ? contact.contactPersonId : null,
    });
  }

  opportunityLink(): StepLink[] {
    const opportunity = this.opportunity;
    return opportunity ? [this.link("opportunity", Entities.opportunity.logicalName, opportunity.id, opportunity.name)] : [];
  }

  /** A warning when a step that waits on dual-write (or the hand-off) has waited past the threshold. */
  overdue(since: Date | null, checks: WaitingCheck[]): WaitingTooLong | null {
    if (since === null) return null;
    const waitedMinutes = Math.floor((this.now.getTime() - since.getTime()) / 60000);
    return waitedMinutes > this.thresholdMinutes ? { waitedMinutes, checks } : null;
  }
}

function written(value: string | null): value is string {
  return value !== null && value.trim() !== "";
}

function earliest(dates: (Date | null | undefined)[]): Date | null {
  const present = dates.filter((d): d is Date => d instanceof Date);
  return present.length === 0 ? null : new Date(Math.min(...present.map((d) => d.getTime())));
}

function latest(dates: (Date | null | undefined)[]): Date | null {
  const present = dates.filter((d): d is Date => d instanceof Date);
  return present.length === 0 ? null : new Date(Math.max(...present.map((d) => d.getTime())));
}

function step(partial: Pick<ProvenanceStep, "id" | "state" | "reason"> & Partial<ProvenanceStep>): ProvenanceStep {
  return { time: null, detail: null, links: [], warning: null, ...partial };
}

function signedUp(c: DerivationContext): ProvenanceStep {
  const channel = c.lead.retailChannel;
  // Sales does not hold the sign-up time: the channel is what it knows about the sign-up.
  return channel?.name
    ? step({ id: "signedUp", state: "done", reason: "signedUpOnChannel", detail: channel.name })
    : step({ id: "signedUp", state: "done", reason: "signedUpChannelUnknown" });
}

function prospectCreated(c: DerivationContext): ProvenanceStep {
  return written(c.lead.prospectId)
    ? step({ id: "prospectCreated", state: "done", reason: "prospectIdAssigned", detail: c.lead.prospectId })
    : step({ id: "prospectCreated", state: "failed", reason: "prospectIdMissing" });
}

function leadCreated(c: DerivationContext): ProvenanceStep {
  const lead = c.lead;
  return step({
    id: "leadCreated",
    state: "done",
    reason: lead.createdByApplicationUser === true ? "createdByDualWrite" : "createdByUser",
    time: lead.createdOn,
    detail: lead.createdBy?.name ?? null,
    links: [c.link("lead", Entities.lead.logicalName, lead.id, lead.fullName ?? lead.companyName)],
  });
}

function leadQualified(c: DerivationContext): ProvenanceStep {
  if (c.leadDisqualified) {
    return step({ id: "leadQualified", state: "failed", reason: "disqualified", time: c.lead.modifiedOn });
  }
  if (!c.leadQualified) {
    return step({ id: "leadQualified", state: "waiting", reason: "awaitingQualification", time: c.lead.createdOn });
  }
  const links = [
    ...(c.account ? [c.accountLink(c.account)] : []),
    ...(c.contact ? [c.contactLink(c.contact)] : []),
    ...c.opportunityLink(),
  ];
  const complete = c.account !== null && c.contact !== null && c.opportunity !== null;
  return step({ id: "leadQualified", state: complete ? "done" : "failed", reason: complete ? "qualified" : "qualifiedIncomplete", time: c.qualifiedAt, links });
}

function customersInCommerce(c: DerivationContext): ProvenanceStep {
  const id = "customersInCommerce";
  if (c.leadDisqualified) return step({ id, state: "notApplicable", reason: "customersNotApplicable" });
  if (!c.leadQualified) return step({ id, state: "waiting", reason: "awaitingEarlierStep" });
  const { account, contact } = c;
  if (!account && !contact) return step({ id, state: "notApplicable", reason: "customersNotApplicable" });

  const links = [...(account ? [c.accountLink(account)] : []), ...(contact ? [c.contactLink(contact)] : [])];
  const pending = links.filter((link) => !link.writtenToCommerce);
  if (pending.length === 0) {
    // Dual-write stamps the Commerce number with an update, so the later modifiedon bounds when it arrived.
    return step({ id, state: "done", reason: "customersWritten", time: latest([account?.modifiedOn, contact?.modifiedOn]), links });
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
  const since = c.qualifiedAt;
  return step({
    id,
    state: "waiting",
    reason: pending.length < links.length ? "customersPartlyWritten" : "customersAwaitingWrite",
    time: since,
    links,
    warning: c.overdue(since, checks),
  });
}

function opportunityClosed(c: DerivationContext): ProvenanceStep {
  const id = "opportunityClosed";
  if (c.leadDisqualified) return step({ id, state: "notApplicable", reason: "opportunityNotApplicable" });
  if (!c.leadQualified) return step({ id, state: "waiting", reason: "awaitingEarlierStep" });
  const opportunity = c.opportunity;
  if (!opportunity) return step({ id, state: "notApplicable", reason: "opportunityNotApplicable" });
  const links = c.opportunityLink();
  const closedAt = opportunity.actualCloseDate ?? opportunity.modifiedOn;
  switch (opportunity.stateCode) {
    case OpportunityState.Won:
      return step({ id, state: "done", reason: "opportunityWon", time: closedAt, links });
    case OpportunityState.Lost:
      return step({ id, state: "failed", reason: "opportunityLost", time: closedAt, links });
    default:
      return step({ id, state: "waiting", reason: "opportunityOpen", time: opportunity.createdOn, links });
  }
}

function prospectDecided(c: DerivationContext): ProvenanceStep {
  const id = "prospectDecided";
  const opportunity = c.opportunity;
  const opportunityClosedAt = opportunity ? (opportunity.actualCloseDate ?? opportunity.modifiedOn) : null;
  const closed = opportunity !== null && (opportunity.stateCode === OpportunityState.Won || opportunity.stateCode === OpportunityState.Lost);
  // When Sales decided: the opportunity was closed, or else the lead was disqualified.
  const decidedAt = c.leadQualified && closed ? opportunityClosedAt : c.leadDisqualified ? c.lead.modifiedOn : null;

  if (c.lead.prospectStatus === ProspectStatus.Approved) {
    return step({ id, state: "done", reason: "prospectApproved", time: decidedAt ?? c.lead.modifiedOn });
  }
  if (c.lead.prospectStatus === ProspectStatus.Rejected) {
    return step({ id, state: "failed", reason: "prospectRejected", time: decidedAt ?? c.lead.modifiedOn });
  }
  if (decidedAt === null && !(c.leadDisqualified || closed)) {
    return step({ id, state: "waiting", reason: "awaitingEarlierStep" });
  }
  // Sales decided but the prospect status has not followed: the hand-off handler sets it, dual-write carries it.
  return step({
    id,
    state: "waiting",
    reason: "prospectPending",
    time: decidedAt,
    warning: c.overdue(decidedAt, ["handoffWebhook", "prospectsLeadsMap"]),
  });
}
