import { ProspectStatus } from "../../../core/src";
import type { DataverseStore } from "../../test/dataverseStore";
import { runHandler, TestNow as NOW } from "../../test/runHandler";
import { fixture, Ids, newStore, seedInCommerce, seedLead, seedQualified, SignUpCompanyName } from "../../test/scenario";
import {
  createRemoteExecutionContext,
  entity,
  entityReference,
  EmptyGuid,
  optionSetValue,
  parameters,
  parseRemoteExecutionContext,
  type ContextValue,
  type RemoteExecutionContextInit,
} from "../executionContext";
import { Steps } from "../registration/steps";
import { UnprocessableDeliveryError } from ".";


const run = runHandler;

const ctx = (init: Partial<RemoteExecutionContextInit> & Pick<RemoteExecutionContextInit, "messageName" | "primaryEntityName" | "stage" | "mode">) =>
  createRemoteExecutionContext({ userId: Ids.rep, operationCreatedOn: NOW, ...init });

const qualify = (flags: { account?: boolean; contact?: boolean; opportunity?: boolean } = {}, userId: string = Ids.rep) =>
  ctx({
    messageName: "QualifyLead",
    primaryEntityName: "lead",
    primaryEntityId: Ids.lead,
    stage: 10,
    mode: 0,
    userId,
    inputParameters: parameters({
      LeadId: entityReference("lead", Ids.lead),
      CreateAccount: flags.account ?? true,
      CreateContact: flags.contact ?? true,
      CreateOpportunity: flags.opportunity ?? true,
      Status: optionSetValue(3),
    }),
  });

const closeOpportunity = (message: "WinOpportunity" | "LoseOpportunity", stage: 10 | 40, userId: string = Ids.rep) =>
  ctx({
    messageName: message,
    primaryEntityName: "opportunity",
    stage,
    mode: stage === 10 ? 0 : 1,
    userId,
    inputParameters: parameters({
      OpportunityClose: entity("opportunityclose", EmptyGuid, { opportunityid: entityReference("opportunity", Ids.opportunity) }),
      Status: optionSetValue(message === "WinOpportunity" ? 3 : 4),
    }),
  });

/**
 * The PreImage the asynchronous SetState step registers (steps.ts): the registered columns of the row in
 * the store, null ones left out as the platform leaves them out, statecode as it was before the request.
 */
function preImageOf(store: DataverseStore, entityName: "lead" | "opportunity", id: string, before: number) {
  const row = store.get(entityName === "lead" ? "leads" : "opportunities", id) ?? {};
  const attributes: Record<string, ContextValue> = { statecode: optionSetValue(before) };
  if (entityName === "lead") {
    if (typeof row.msdyn_b2bcommerceprospect === "boolean") attributes.msdyn_b2bcommerceprospect = row.msdyn_b2bcommerceprospect;
    if (typeof row.msdyn_b2bprospectstatus === "number") attributes.msdyn_b2bprospectstatus = optionSetValue(row.msdyn_b2bprospectstatus);
  } else if (typeof row._originatingleadid_value === "string") {
    attributes.originatingleadid = entityReference("lead", row._originatingleadid_value);
  }
  const step = Steps.find((s) => s.message === "SetState" && s.primaryEntity === entityName && s.mode === 1)!;
  const registered = Object.fromEntries(Object.entries(attributes).filter(([column]) => step.images[0].attributes.includes(column)));
  expect(Object.keys(registered)).toContain("statecode");
  return new Map([["PreImage", entity(entityName, id, registered)]]);
}

const setState = (entityName: "lead" | "opportunity", id: string, state: number, stage: 10 | 40, before?: { store: DataverseStore; state: number }) =>
  ctx({
    messageName: "SetState",
    primaryEntityName: entityName,
    primaryEntityId: id,
    stage,
    mode: stage === 10 ? 0 : 1,
    inputParameters: parameters({ EntityMoniker: entityReference(entityName, id), State: optionSetValue(state), Status: optionSetValue(-1) }),
    preEntityImages: before === undefined ? new Map() : preImageOf(before.store, entityName, id, before.state),
  });

const notes = (store: DataverseStore) => [...store.table("annotations").values()];

describe("QualifyLead, synchronous validation", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedLead(store);
  });

  it("allows a qualification that creates account, contact and opportunity of a complete lead", async () => {
    await expect(run(store, "qualifyLead.validate", qualify())).resolves.toMatchObject({ kind: "allowed" });
    expect(store.writes).toEqual([]);
  });

  it("refuses a qualification that does not create all three records", async () => {
    const outcome = await run(store, "qualifyLead.validate", qualify({ account: false, opportunity: false }));
    expect(outcome).toEqual({
      kind: "refused",
      reason: "incompleteQualification",
      message: expect.stringMatching(/This qualification does not create an account or an opportunity\.$/),
    });
  });

  it("refuses a lead Commerce cannot make customers from, in the user's language", async () => {
    store.get("leads", Ids.lead)!.emailaddress1 = "";
    const outcome = await run(store, "qualifyLead.validate", qualify({}, Ids.finnishRep));
    expect(outcome).toMatchObject({ kind: "refused", reason: "qualificationProblems" });
    expect((outcome as { message: string }).message).toContain("Sähköposti puuttuu.");
  });

  it("leaves leads that are not Commerce B2B leads alone", async () => {
    store.get("leads", Ids.lead)!.msdyn_b2bcommerceprospect = false;
    await expect(run(store, "qualifyLead.validate", qualify({ account: false }))).resolves.toMatchObject({ kind: "notApplicable" });
  });
});

describe("QualifyLead, asynchronous hand-off (documented RemoteExecutionContext shape)", () => {
  let store: DataverseStore;
  const context = () => parseRemoteExecutionContext(fixture("qualifyLead.handoff.json"));
  beforeEach(() => {
    store = newStore();
    seedLead(store);
    seedQualified(store, { opportunity: { _originatingleadid_value: null } });
  });

  it("makes account and contact ready for Customers V3, links the opportunity and leaves a note", async () => {
    const outcome = await run(store, "qualifyLead.handoff", context());
    expect(outcome).toMatchObject({ kind: "applied" });
    expect(store.get("accounts", Ids.account)).toMatchObject({
      customertypecode: 3,
      _transactioncurrencyid_value: Ids.currency,
      _msdyn_customergroupid_value: Ids.customerGroup,
    });
    expect(store.get("contacts", Ids.contact)).toMatchObject({ msdyn_sellable: true, _transactioncurrencyid_value: Ids.currency });
    expect(store.get("opportunities", Ids.opportunity)).toMatchObject({ _originatingleadid_value: Ids.lead });
    expect(store.get("leads", Ids.lead)).toMatchObject({ _qualifyingopportunityid_value: Ids.opportunity });
    const [note] = notes(store);
    expect(note).toMatchObject({ _objectid_value: Ids.lead, subject: "Commerce B2B hand-off: lead qualified" });
    // "When" is the operation's time from the context (OperationCreatedOn).
    expect(note.notetext).toMatch(/Customers V3[\s\S]*\nBy Pat Rep on 2025-11-25 19:30 UTC\.$/);
    // The company name from the public sign-up form (with markup in it) stays out of the note.
    expect(SignUpCompanyName).toContain("<img");
    expect(note.notetext).not.toContain("Fabrikam");
    // Updates never create rows: every record write but the note is an If-Match update.
    expect(store.writes.filter((w) => w.upsert).map((w) => w.entitySet)).toEqual(["annotations"]);
  });

  it("changes nothing when the delivery comes again", async () => {
    await run(store, "qualifyLead.handoff", context());
    const writes = store.writes.length;
    await expect(run(store, "qualifyLead.handoff", context())).resolves.toMatchObject({ kind: "unchanged" });
    expect(store.writes.length).toBe(writes);
    expect(notes(store)).toHaveLength(1);
  });

  it("finds the created records through the Web API when the payload was trimmed", async () => {
    store.get("opportunities", Ids.opportunity)!._originatingleadid_value = Ids.lead;
    const trimmed = parseRemoteExecutionContext(fixture("qualifyLead.handoff.json"));
    trimmed.inputParameters.clear();
    trimmed.outputParameters.clear();
    await expect(run(store, "qualifyLead.handoff", trimmed, true)).resolves.toMatchObject({ kind: "applied" });
    // One read: the lead with whatever account, contact and opportunity name it as their originating lead (no id to filter on).
    expect(store.reads).toEqual([expect.stringMatching(/^leads\?fetchXml=.*<link-entity name="account" from="originatingleadid" to="leadid" link-type="outer" alias="account">(?:(?!<\/link-entity>).)*<\/link-entity>/)]);
    expect(store.reads[0]).not.toContain('attribute="accountid" operator="eq"');
    expect(store.get("accounts", Ids.account)?.customertypecode).toBe(3);
  });

  it("reports a qualification that did not create a contact", async () => {
    store.table("contacts").clear();
    const context = parseRemoteExecutionContext(fixture("qualifyLead.handoff.json"));
    context.outputParameters.set("CreatedEntities", [entityReference("account", Ids.account), entityReference("opportunity", Ids.opportunity)]);
    await expect(run(store, "qualifyLead.handoff", context)).resolves.toMatchObject({ kind: "refused", reason: "incompleteQualification" });
    expect(store.writes).toEqual([]);
  });
});

describe("WinOpportunity", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedLead(store);
  });

  it("refuses Close as Won while dual-write has not brought back Commerce's customer ids", async () => {
    seedQualified(store);
    const outcome = await run(store, "winOpportunity.validate", parseRemoteExecutionContext(fixture("winOpportunity.validate.json")));
    expect(outcome).toMatchObject({ kind: "refused", reason: "accountNotInCommerce,contactNotInCommerce" });
    expect((outcome as { message: string }).message).toMatch(/Customers V3 \(accounts\).*Customers V3 \(contacts\)/);
  });

  it("allows it once both customers exist in Commerce", async () => {
    seedInCommerce(store);
    await expect(run(store, "winOpportunity.validate", parseRemoteExecutionContext(fixture("winOpportunity.validate.json")))).resolves.toMatchObject({
      kind: "allowed",
    });
  });

  it("refuses to approve a rejected prospect", async () => {
    seedInCommerce(store);
    store.get("leads", Ids.lead)!.msdyn_b2bprospectstatus = ProspectStatus.Rejected;
    await expect(run(store, "winOpportunity.validate", closeOpportunity("WinOpportunity", 10))).resolves.toMatchObject({
      kind: "refused",
      reason: "rejectedMustReopenFirst",
    });
  });

  it("ignores opportunities that were not qualified from a Commerce B2B lead", async () => {
    seedQualified(store, { opportunity: { _originatingleadid_value: null } });
    await expect(run(store, "winOpportunity.validate", closeOpportunity("WinOpportunity", 10))).resolves.toMatchObject({ kind: "notApplicable" });
  });

  it("approves the prospect after the win and notes it in the initiating user's language", async () => {
    seedInCommerce(store);
    store.get("opportunities", Ids.opportunity)!.statecode = 1; // Close as Won has been committed
    const outcome = await run(store, "winOpportunity.handoff", closeOpportunity("WinOpportunity", 40, Ids.finnishRep));
    expect(outcome).toMatchObject({ kind: "applied" });
    expect(store.get("leads", Ids.lead)?.msdyn_b2bprospectstatus).toBe(ProspectStatus.Approved);
    const [note] = notes(store);
    expect(note.subject).toBe("Commerce B2B -luovutus: kumppani hyväksytty");
    expect(note.notetext).toMatch(/^Prospekti PRS-000123 hyväksyttiin: .*\nTekijä: Aino Myyjä, 2026-11-25 19:30 UTC\.$/);
    await expect(run(store, "winOpportunity.handoff", closeOpportunity("WinOpportunity", 40))).resolves.toMatchObject({ kind: "unchanged" });
  });

  it("cannot work out which opportunity was closed without OpportunityClose or PrimaryEntityId", async () => {
    seedInCommerce(store);
    const context = closeOpportunity("WinOpportunity", 10);
    context.inputParameters.clear();
    await expect(run(store, "winOpportunity.validate", context, true)).rejects.toThrow(UnprocessableDeliveryError);
  });
});

describe("LoseOpportunity", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedLead(store);
    seedInCommerce(store);
  });

  it("refuses Close as Lost once Commerce approved the partner", async () => {
    store.get("leads", Ids.lead)!.msdyn_b2bprospectstatus = ProspectStatus.Approved;
    const outcome = await run(store, "loseOpportunity.validate", closeOpportunity("LoseOpportunity", 10));
    expect(outcome).toEqual({ kind: "refused", reason: "alreadyApproved", message: expect.stringMatching(/^The partner is already approved in Commerce/) });
  });

  it("rejects the prospect after the loss", async () => {
    store.get("opportunities", Ids.opportunity)!.statecode = 2; // Close as Lost has been committed
    await expect(run(store, "loseOpportunity.handoff", closeOpportunity("LoseOpportunity", 40))).resolves.toMatchObject({ kind: "applied" });
    expect(store.get("leads", Ids.lead)?.msdyn_b2bprospectstatus).toBe(ProspectStatus.Rejected);
    expect(notes(store)[0].notetext).toMatch(/^Prospect PRS-000123 was rejected \(the opportunity was closed as lost\)/);
  });
});

describe("lead disqualified or reactivated", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedLead(store);
  });

  it("rejects the prospect of a lead disqualified with Update (documented context with PreImage)", async () => {
    store.get("leads", Ids.lead)!.statecode = 2;
    const outcome = await run(store, "leadState.handoff", parseRemoteExecutionContext(fixture("leadUpdate.handoff.json")));
    expect(outcome).toMatchObject({ kind: "applied" });
    expect(store.get("leads", Ids.lead)?.msdyn_b2bprospectstatus).toBe(ProspectStatus.Rejected);
    expect(notes(store)[0].notetext).toMatch(/^Prospekti PRS-000123 hylättiin \(liidi hylättiin\)/);
  });

  it("does nothing when the PreImage shows the lead was already disqualified", async () => {
    const context = parseRemoteExecutionContext(fixture("leadUpdate.handoff.json"));
    context.preEntityImages.get("PreImage")!.attributes.set("statecode", optionSetValue(2));
    await expect(run(store, "leadState.handoff", context)).resolves.toMatchObject({ kind: "unchanged" });
    expect(store.writes).toEqual([]);
  });

  it("allows disqualifying a pending prospect and refuses it once approved (SetState)", async () => {
    await expect(run(store, "leadState.validate", setState("lead", Ids.lead, 2, 10))).resolves.toMatchObject({ kind: "allowed" });
    store.get("leads", Ids.lead)!.msdyn_b2bprospectstatus = ProspectStatus.Approved;
    await expect(run(store, "leadState.validate", setState("lead", Ids.lead, 2, 10))).resolves.toMatchObject({ kind: "refused", reason: "alreadyApproved" });
  });

  it("refuses to reactivate a lead whose prospect Commerce approved", async () => {
    store.get("leads", Ids.lead)!.statecode = 1;
    store.get("leads", Ids.lead)!.msdyn_b2bprospectstatus = ProspectStatus.Approved;
    await expect(run(store, "leadState.validate", setState("lead", Ids.lead, 0, 10))).resolves.toMatchObject({ kind: "refused", reason: "alreadyApproved" });
  });

  it("puts a reactivated rejected lead back to pending", async () => {
    store.get("leads", Ids.lead)!.msdyn_b2bprospectstatus = ProspectStatus.Rejected;
    await expect(run(store, "leadState.handoff", setState("lead", Ids.lead, 0, 40, { store, state: 2 }))).resolves.toMatchObject({ kind: "applied" });
    expect(store.get("leads", Ids.lead)?.msdyn_b2bprospectstatus).toBe(ProspectStatus.Pending);
  });

  it("refuses a trimmed state change of an approved lead: the new state cannot be seen", async () => {
    store.get("leads", Ids.lead)!.msdyn_b2bprospectstatus = ProspectStatus.Approved;
    const context = setState("lead", Ids.lead, 0, 10);
    context.inputParameters.clear();
    await expect(run(store, "leadState.validate", context, true)).resolves.toMatchObject({ kind: "refused", reason: "alreadyApproved" });
  });
});

describe("opportunity reopened", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedLead(store);
    seedInCommerce(store);
    store.get("opportunities", Ids.opportunity)!.statecode = 2;
  });

  it("refuses to reopen once Commerce approved the partner", async () => {
    store.get("leads", Ids.lead)!.msdyn_b2bprospectstatus = ProspectStatus.Approved;
    const update = ctx({
      messageName: "Update",
      primaryEntityName: "opportunity",
      primaryEntityId: Ids.opportunity,
      stage: 10,
      mode: 0,
      inputParameters: parameters({ Target: entity("opportunity", Ids.opportunity, { statecode: optionSetValue(0) }) }),
    });
    await expect(run(store, "opportunityState.validate", update)).resolves.toMatchObject({ kind: "refused", reason: "alreadyApproved" });
  });

  it("puts the rejected prospect back to pending", async () => {
    store.get("leads", Ids.lead)!.msdyn_b2bprospectstatus = ProspectStatus.Rejected;
    store.get("opportunities", Ids.opportunity)!.statecode = 0; // the reopen has been committed
    await expect(run(store, "opportunityState.handoff", setState("opportunity", Ids.opportunity, 0, 40, { store, state: 2 }))).resolves.toMatchObject({ kind: "applied" });
    expect(store.get("leads", Ids.lead)?.msdyn_b2bprospectstatus).toBe(ProspectStatus.Pending);
    expect(notes(store)[0].notetext).toMatch(/pending again \(the opportunity was reopened\)/);
  });

  it("ignores state changes that are not a reopen", async () => {
    await expect(run(store, "opportunityState.validate", setState("opportunity", Ids.opportunity, 1, 10))).resolves.toMatchObject({ kind: "notApplicable" });
  });
});
