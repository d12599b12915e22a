import { LeadState, OpportunityState, ProspectStatus } from "../columns";
import { deriveProvenance } from "./derive";
import type { ProvenanceRecords, ProvenanceStep, ProvenanceStepId } from "./types";

const t = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00Z`);
const ids = {
  lead: "11111111-1111-4111-8111-111111111111",
  opportunity: "22222222-2222-4222-8222-222222222222",
  account: "33333333-3333-4333-8333-333333333333",
  contact: "44444444-4444-4444-8444-444444444444",
};

/** A Commerce B2B lead qualified at 10:00, customers written back, opportunity won, prospect approved. */
function approvedChain(): ProvenanceRecords {
  return {
    lead: {
      id: ids.lead,
      isCommerceB2BProspect: true,
      prospectId: "PR-000042",
      prospectStatus: ProspectStatus.Approved,
      companyName: "Fabrikam Oy",
      fullName: "Aino Virtanen",
      retailChannel: { entityType: "msdyn_retailchannel", id: "55555555-5555-4555-8555-555555555555", name: "Fabrikam B2B" },
      stateCode: LeadState.Qualified,
      createdOn: t("09:00"),
      createdBy: { entityType: "systemuser", id: "66666666-6666-4666-8666-666666666666", name: "Dual-write app" },
      createdByApplicationUser: true,
      modifiedOn: t("11:00"),
    },
    opportunity: {
      id: ids.opportunity,
      name: "Fabrikam Oy",
      stateCode: OpportunityState.Won,
      createdOn: t("10:00"),
      actualCloseDate: t("10:45"),
      modifiedOn: t("10:45"),
    },
    account: { id: ids.account, name: "Fabrikam Oy", accountNumber: "CUS-000001", customerTypeCode: 3, createdOn: t("10:00"), modifiedOn: t("10:05") },
    contact: { id: ids.contact, fullName: "Aino Virtanen", contactPersonId: "CP-000001", sellable: true, createdOn: t("10:00"), modifiedOn: t("10:07") },
  };
}

function openLead(): ProvenanceRecords {
  const records = approvedChain();
  return {
    lead: { ...records.lead, stateCode: LeadState.Open, prospectStatus: ProspectStatus.Pending, modifiedOn: t("09:00") },
    opportunity: null,
    account: null,
    contact: null,
  };
}

/** Qualified at 10:00; nothing written back to Commerce yet; opportunity open. */
function qualifiedAwaitingCustomers(): ProvenanceRecords {
  const records = approvedChain();
  return {
    lead: { ...records.lead, prospectStatus: ProspectStatus.Pending },
    opportunity: { ...records.opportunity!, stateCode: OpportunityState.Open, actualCloseDate: null, modifiedOn: t("10:00") },
    account: { ...records.account!, accountNumber: null, modifiedOn: t("10:00") },
    contact: { ...records.contact!, contactPersonId: null, modifiedOn: t("10:00") },
  };
}

function derive(records: ProvenanceRecords, now = t("12:00"), waitingThresholdMinutes = 30, currentRecord: { entityType: string; id: string } | null = null) {
  return deriveProvenance(records, { now, thresholdMinutes: waitingThresholdMinutes, currentRecord });
}

function stepOf(steps: ProvenanceStep[], id: ProvenanceStepId): ProvenanceStep {
  const found = steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

const states = (steps: ProvenanceStep[]) => steps.map((s) => `${s.id}:${s.state}`);

describe("deriveProvenance", () => {
  it("shows the seven steps of an approved partner as done, each with what Sales knows", () => {
    const { steps, currentStepId } = derive(approvedChain());
    expect(states(steps)).toEqual([
      "signedUp:done",
      "prospectCreated:done",
      "leadCreated:done",
      "leadQualified:done",
      "customersInCommerce:done",
      "opportunityClosed:done",
      "prospectDecided:done",
    ]);
    expect(currentStepId).toBeNull();
    expect(stepOf(steps, "signedUp")).toMatchObject({ reason: "signedUpOnChannel", detail: "Fabrikam B2B", time: null });
    expect(stepOf(steps, "prospectCreated")).toMatchObject({ reason: "prospectIdAssigned", detail: "PR-000042" });
    expect(stepOf(steps, "leadCreated")).toMatchObject({ reason: "createdByDualWrite", detail: "Dual-write app", time: t("09:00") });
    expect(stepOf(steps, "leadQualified").time).toEqual(t("10:00"));
    expect(stepOf(steps, "leadQualified").links.map((l) => [l.role, l.id])).toEqual([
      ["account", ids.account],
      ["contact", ids.contact],
      ["opportunity", ids.opportunity],
    ]);
    const customers = stepOf(steps, "customersInCommerce");
    expect(customers).toMatchObject({ reason: "customersWritten", time: t("10:07"), waitedTooLong: null });
    expect(customers.links.map((l) => [l.role, l.writtenToCommerce, l.commerceNumber])).toEqual([
      ["account", true, "CUS-000001"],
      ["contact", true, "CP-000001"],
    ]);
    expect(stepOf(steps, "opportunityClosed")).toMatchObject({ reason: "opportunityWon", time: t("10:45") });
    expect(stepOf(steps, "prospectDecided")).toMatchObject({ reason: "prospectApproved", time: t("10:45") });
  });

  it("waits on the rep while the lead is open, and later steps wait on it without warnings", () => {
    const { steps, currentStepId } = derive(openLead(), t("23:00"));
    expect(states(steps).slice(3)).toEqual([
      "leadQualified:waiting",
      "customersInCommerce:waiting",
      "opportunityClosed:waiting",
      "prospectDecided:waiting",
    ]);
    expect(currentStepId).toBe("leadQualified");
    expect(stepOf(steps, "leadQualified")).toMatchObject({ reason: "awaitingQualification", time: t("09:00"), waitedTooLong: null });
    for (const id of ["customersInCommerce", "opportunityClosed", "prospectDecided"] as const) {
      expect(stepOf(steps, id)).toMatchObject({ reason: "awaitingEarlierStep", time: null, waitedTooLong: null });
    }
  });

  it("waits for dual-write to write the customers back, quietly within the threshold", () => {
    const { steps, currentStepId } = derive(qualifiedAwaitingCustomers(), t("10:30"));
    expect(currentStepId).toBe("customersInCommerce");
    expect(stepOf(steps, "customersInCommerce")).toMatchObject({ state: "waiting", reason: "customersAwaitingWrite", time: t("10:00"), waitedTooLong: null });
    expect(stepOf(steps, "opportunityClosed")).toMatchObject({ state: "waiting", reason: "opportunityOpen", time: t("10:00") });
    expect(stepOf(steps, "prospectDecided")).toMatchObject({ state: "waiting", reason: "awaitingEarlierStep" });
  });

  it("warns when the customers wait longer than the threshold, naming the maps to check", () => {
    const { steps } = derive(qualifiedAwaitingCustomers(), t("10:31"));
    expect(stepOf(steps, "customersInCommerce").waitedTooLong).toEqual({ waitedMinutes: 31, checks: ["customersV3AccountsMap", "customersV3ContactsMap"] });
  });

  it("uses the configured threshold", () => {
    expect(stepOf(derive(qualifiedAwaitingCustomers(), t("10:31"), 60).steps, "customersInCommerce").waitedTooLong).toBeNull();
    expect(stepOf(derive(qualifiedAwaitingCustomers(), t("11:01"), 60).steps, "customersInCommerce").waitedTooLong?.waitedMinutes).toBe(61);
  });

  it.each([0, -5, Number.NaN])("falls back to 30 minutes when the threshold is %p", (threshold) => {
    expect(stepOf(derive(qualifiedAwaitingCustomers(), t("10:30"), threshold).steps, "customersInCommerce").waitedTooLong).toBeNull();
    expect(stepOf(derive(qualifiedAwaitingCustomers(), t("10:31"), threshold).steps, "customersInCommerce").waitedTooLong).not.toBeNull();
  });

  it("adds the record checks that stop dual-write from taking the customer", () => {
    const records = qualifiedAwaitingCustomers();
    records.account = { ...records.account!, customerTypeCode: 1 };
    records.contact = { ...records.contact!, sellable: false };
    expect(stepOf(derive(records).steps, "customersInCommerce").waitedTooLong?.checks).toEqual([
      "customersV3AccountsMap",
      "accountIsCustomerType",
      "customersV3ContactsMap",
      "contactIsSellable",
    ]);
  });

  it("says when only one of the two customers has been written back", () => {
    const records = qualifiedAwaitingCustomers();
    records.account = { ...records.account!, accountNumber: "CUS-000007" };
    const customers = stepOf(derive(records).steps, "customersInCommerce");
    expect(customers).toMatchObject({ state: "waiting", reason: "customersPartlyWritten" });
    expect(customers.waitedTooLong?.checks).toEqual(["customersV3ContactsMap"]);
  });

  it("fails qualification when Sales did not create all three records", () => {
    const records = approvedChain();
    records.contact = null;
    const { steps } = derive(records);
    expect(stepOf(steps, "leadQualified")).toMatchObject({ state: "failed", reason: "qualifiedIncomplete" });
    expect(stepOf(steps, "leadQualified").links.map((l) => l.role)).toEqual(["account", "opportunity"]);
    expect(stepOf(steps, "customersInCommerce")).toMatchObject({ state: "done", reason: "customersWritten" });
  });

  it("marks the chain after a disqualified lead as not applicable and the prospect as rejected", () => {
    const records = openLead();
    records.lead = { ...records.lead, stateCode: LeadState.Disqualified, prospectStatus: ProspectStatus.Rejected, modifiedOn: t("09:30") };
    const { steps, currentStepId } = derive(records);
    expect(states(steps).slice(3)).toEqual([
      "leadQualified:failed",
      "customersInCommerce:notApplicable",
      "opportunityClosed:notApplicable",
      "prospectDecided:failed",
    ]);
    expect(stepOf(steps, "leadQualified")).toMatchObject({ reason: "disqualified", time: t("09:30") });
    expect(stepOf(steps, "prospectDecided")).toMatchObject({ reason: "prospectRejected", time: t("09:30") });
    expect(currentStepId).toBeNull();
  });

  it("warns when the lead was disqualified but the prospect status stayed pending", () => {
    const records = openLead();
    records.lead = { ...records.lead, stateCode: LeadState.Disqualified, modifiedOn: t("09:30") };
    expect(stepOf(derive(records, t("10:15")).steps, "prospectDecided")).toMatchObject({
      state: "waiting",
      reason: "prospectPending",
      time: t("09:30"),
      waitedTooLong: { waitedMinutes: 45, checks: ["handoffWebhook", "prospectsLeadsMap"] },
    });
  });

  it("shows a lost opportunity and a rejected prospect as failed, at the close date", () => {
    const records = approvedChain();
    records.opportunity = { ...records.opportunity!, stateCode: OpportunityState.Lost, actualCloseDate: t("11:30") };
    records.lead = { ...records.lead, prospectStatus: ProspectStatus.Rejected };
    const { steps } = derive(records);
    expect(stepOf(steps, "opportunityClosed")).toMatchObject({ state: "failed", reason: "opportunityLost", time: t("11:30") });
    expect(stepOf(steps, "prospectDecided")).toMatchObject({ state: "failed", reason: "prospectRejected", time: t("11:30") });
  });

  it("waits for the prospect status after Close as Won, and warns past the threshold", () => {
    const records = approvedChain();
    records.lead = { ...records.lead, prospectStatus: ProspectStatus.Pending };
    expect(stepOf(derive(records, t("11:00")).steps, "prospectDecided")).toMatchObject({ state: "waiting", reason: "prospectPending", waitedTooLong: null });
    expect(stepOf(derive(records, t("11:16")).steps, "prospectDecided").waitedTooLong).toEqual({
      waitedMinutes: 31,
      checks: ["handoffWebhook", "prospectsLeadsMap"],
    });
    expect(derive(records, t("11:16")).currentStepId).toBe("prospectDecided");
  });

  it("falls back to what it knows: unknown channel, missing prospect id, lead created by a person", () => {
    const records = approvedChain();
    records.lead = { ...records.lead, retailChannel: null, prospectId: "  ", createdByApplicationUser: false, createdBy: { entityType: "systemuser", id: ids.lead, name: "Pat Rep" } };
    const { steps } = derive(records);
    expect(stepOf(steps, "signedUp")).toMatchObject({ state: "done", reason: "signedUpChannelUnknown", detail: null });
    expect(stepOf(steps, "prospectCreated")).toMatchObject({ state: "failed", reason: "prospectIdMissing" });
    expect(stepOf(steps, "leadCreated")).toMatchObject({ reason: "createdByUser", detail: "Pat Rep" });
  });

  it("marks the record the form shows, whatever the id's case or braces", () => {
    const { steps } = derive(approvedChain(), t("12:00"), 30, { entityType: "account", id: `{${ids.account.toUpperCase()}}` });
    const links = stepOf(steps, "leadQualified").links;
    expect(links.filter((l) => l.current).map((l) => l.role)).toEqual(["account"]);
    expect(stepOf(steps, "leadCreated").links[0]).toMatchObject({ role: "lead", current: false });
  });

  it("is deterministic for the same input", () => {
    expect(derive(qualifiedAwaitingCustomers())).toEqual(derive(qualifiedAwaitingCustomers()));
  });
});
