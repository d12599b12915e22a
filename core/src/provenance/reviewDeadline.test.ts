import { LeadState, ProspectStatus } from "../columns";
import { deriveProvenance } from "./derive";
import type { ProvenanceRecords } from "./types";

const signedUp = new Date("2026-03-02T09:00:00Z");
const hoursLater = (h: number) => new Date(signedUp.getTime() + h * 3_600_000);

function waitingLead(overrides: Partial<ProvenanceRecords["lead"]> = {}): ProvenanceRecords {
  return {
    lead: {
      id: "11111111-1111-4111-8111-111111111111",
      isCommerceB2BProspect: true,
      prospectId: "PR-000042",
      prospectStatus: ProspectStatus.Pending,
      companyName: "Fabrikam Oy",
      fullName: "Aino Virtanen",
      retailChannel: null,
      stateCode: LeadState.Open,
      createdOn: signedUp,
      createdBy: null,
      createdByApplicationUser: true,
      modifiedOn: signedUp,
      ...overrides,
    },
    opportunity: null,
    account: null,
    contact: null,
  };
}

const leadQualified = (records: ProvenanceRecords, now: Date, reviewDeadlineHours?: number) =>
  deriveProvenance(records, { now, thresholdMinutes: 30, reviewDeadlineHours }).steps.find((s) => s.id === "leadQualified")!;

describe("provenance: the Lead qualified step and the review deadline", () => {
  it("is marked overdue, since the deadline, once a waiting lead is past it", () => {
    const step = leadQualified(waitingLead(), hoursLater(50), 48);
    expect(step).toMatchObject({ state: "waiting", reason: "awaitingQualification", time: signedUp, overdueSince: hoursLater(48) });
  });

  it("is not marked before the deadline, without a deadline, or once the lead is decided", () => {
    expect(leadQualified(waitingLead(), hoursLater(47), 48).overdueSince).toBeUndefined();
    expect(leadQualified(waitingLead(), hoursLater(500)).overdueSince).toBeUndefined();
    expect(leadQualified(waitingLead({ stateCode: LeadState.Disqualified, prospectStatus: ProspectStatus.Rejected }), hoursLater(500), 48).overdueSince).toBeUndefined();
  });

  it("follows the deadline in force: 24 hours marks a lead 30 hours old", () => {
    expect(leadQualified(waitingLead(), hoursLater(30), 24).overdueSince).toEqual(hoursLater(24));
  });
});
