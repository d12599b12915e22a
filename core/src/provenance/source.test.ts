import { decideProvenanceSource, type SourceInputs } from "./source";

const leadId = "8d1f0b7e-3c4a-4f5e-9a6b-7c8d9e0f1a2b";
const onLead: SourceInputs = { formEntity: "lead", formRecordId: `{${leadId}}`, boundText: "PR-000042", boundLookup: null, commerceFlag: null };
const onOpportunity: SourceInputs = {
  formEntity: "opportunity",
  formRecordId: "9d1f0b7e-3c4a-4f5e-9a6b-7c8d9e0f1a2b",
  boundText: null,
  boundLookup: { entityType: "lead", id: leadId },
  commerceFlag: null,
};

describe("decideProvenanceSource", () => {
  it("queries the lead the form shows when it has a prospect id", () => {
    expect(decideProvenanceSource(onLead)).toEqual({ kind: "lead", leadId });
  });

  it.each([
    ["no prospect id", { boundText: null }],
    ["a blank prospect id", { boundText: "  " }],
    ["the Commerce flag off", { commerceFlag: false }],
    ["a lead not saved yet", { formRecordId: null }],
  ])("stays quiet on a lead with %s", (_label, change) => {
    expect(decideProvenanceSource({ ...onLead, ...change })).toEqual({ kind: "notCommerce" });
  });

  it("queries the originating lead from an opportunity, account or contact", () => {
    expect(decideProvenanceSource(onOpportunity)).toEqual({ kind: "lead", leadId });
    expect(decideProvenanceSource({ ...onOpportunity, formEntity: "account" })).toEqual({ kind: "lead", leadId });
  });

  it.each([
    ["no originating lead", { boundLookup: null }],
    ["a lookup to another table", { boundLookup: { entityType: "contact", id: leadId } }],
    ["a malformed id", { boundLookup: { entityType: "lead", id: "x" } }],
  ])("stays quiet on an opportunity with %s", (_label, change) => {
    expect(decideProvenanceSource({ ...onOpportunity, ...change })).toEqual({ kind: "notCommerce" });
  });
});
