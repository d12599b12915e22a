/**
 * `msdyn_b2bprospectstatus` changes only through the hand-off: the synchronous step on the hand-off
 * columns allows what the lead and its opportunity support and what application users (dual-write)
 * write, and refuses the rest, in the user's language.
 */
import { describeProspectColumnRefusal, LeadColumns, LeadState, OpportunityState, ProspectStatus } from "../../../core/src";
import { inMemoryClient, type DataverseStore } from "../../test/dataverseStore";
import { runHandler, TestNow as NOW } from "../../test/runHandler";
import { Ids, newStore, seedInCommerce, seedLead } from "../../test/scenario";
import {
  createRemoteExecutionContext,
  entity,
  entityReference,
  optionSetValue,
  parameters,
  type ContextValue,
  type RemoteExecutionContext,
} from "../executionContext";
import { findStep, Steps } from "../registration/steps";
import { Handlers, type Outcome } from ".";

const step = Steps.find((s) => s.handler === "prospectColumns.validate")!;
const dualWrite = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c09";
const webhookApp = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c0a";
const { Pending, Approved, Rejected } = ProspectStatus;

function seedUsers(store: DataverseStore): void {
  // Application users, as Dataverse has them: a systemuser with the application (client) id of the app registration.
  store.put("systemusers", dualWrite, { fullname: "# Dual Write", applicationid: "33976c19-1db5-4c02-810e-c243db79efde" });
  store.put("systemusers", webhookApp, { fullname: "# Commerce B2B webhook", applicationid: "5f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9" });
  // A person: no application id (the column is empty, as Dataverse keeps it for interactive users).
  store.put("systemusers", Ids.rep, { fullname: "Pat Rep", applicationid: null });
}

/**
 * The Update of the lead as the platform posts it to the step: Target with the requested columns, the
 * PreImage with the registered columns of the row as it is (null columns left out, as images do).
 */
function update(store: DataverseStore, requested: Record<string, ContextValue>, userId: string = Ids.rep): RemoteExecutionContext {
  const row = store.get("leads", Ids.lead)!;
  const image: Record<string, ContextValue> = { statecode: optionSetValue(row.statecode as number) };
  if (typeof row.msdyn_b2bcommerceprospect === "boolean") image.msdyn_b2bcommerceprospect = row.msdyn_b2bcommerceprospect;
  if (typeof row.msdyn_b2bprospectstatus === "number") image.msdyn_b2bprospectstatus = optionSetValue(row.msdyn_b2bprospectstatus);
  if (typeof row.msdyn_prospectid === "string") image.msdyn_prospectid = row.msdyn_prospectid;
  if (typeof row._qualifyingopportunityid_value === "string") image.qualifyingopportunityid = entityReference("opportunity", row._qualifyingopportunityid_value);
  expect(Object.keys(image).every((column) => step.images[0].attributes.includes(column))).toBe(true);
  const context = createRemoteExecutionContext({
    messageName: "Update",
    primaryEntityName: "lead",
    primaryEntityId: Ids.lead,
    stage: 10,
    mode: 0,
    userId,
    operationCreatedOn: NOW,
    owningExtension: entityReference("sdkmessageprocessingstep", step.id),
    inputParameters: parameters({ Target: entity("lead", Ids.lead, requested) }),
    preEntityImages: new Map([["PreImage", entity("lead", Ids.lead, image)]]),
  });
  expect(findStep(context)).toBe(step);
  return context;
}

const status = (value: number | null) => ({ [LeadColumns.prospectStatus]: value === null ? null : optionSetValue(value) });

const run = (store: DataverseStore, context: RemoteExecutionContext, trimmed = false): Promise<Outcome> => runHandler(store, "prospectColumns.validate", context, trimmed);

describe("a sales rep setting the prospect status directly", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedLead(store);
    seedUsers(store);
  });

  it("is refused for Approved on an open, unqualified lead, with the status the records support, reading only the user", async () => {
    const outcome = await run(store, update(store, status(Approved)));
    expect(outcome).toEqual({ kind: "refused", reason: "prospectStatusNotConsistent", message: describeProspectColumnRefusal("prospectStatusNotConsistent", 1033, Pending) });
    // One read: the user who changed it (not an application user) with their language.
    expect(store.reads).toEqual([expect.stringMatching(new RegExp(`^systemusers\\?fetchXml=.*<condition attribute="systemuserid" operator="eq" value="${Ids.rep}"/>.*<link-entity name="usersettings"`))]);
  });

  it("is refused in Finnish for a user whose UI language is 1035", async () => {
    const outcome = await run(store, update(store, status(Rejected), Ids.finnishRep));
    expect((outcome as { message: string }).message).toBe(describeProspectColumnRefusal("prospectStatusNotConsistent", 1035, Pending));
    expect((outcome as { message: string }).message).toMatch(/Tämän liidin tila on Odottaa\.$/);
  });

  it.each([
    // [case, lead state, opportunity state (null: none), requested, allowed]
    ["Pending on an open lead", LeadState.Open, null, Pending, true],
    ["Rejected on an open lead", LeadState.Open, null, Rejected, false],
    ["cleared on an open lead", LeadState.Open, null, null, false],
    ["Rejected on a disqualified lead", LeadState.Disqualified, null, Rejected, true],
    ["Pending on a disqualified lead", LeadState.Disqualified, null, Pending, false],
    ["Approved on a qualified lead, opportunity open", LeadState.Qualified, OpportunityState.Open, Approved, false],
    ["Approved on a qualified lead, opportunity won", LeadState.Qualified, OpportunityState.Won, Approved, true],
    ["Rejected on a qualified lead, opportunity won", LeadState.Qualified, OpportunityState.Won, Rejected, false],
    ["Rejected on a qualified lead, opportunity lost", LeadState.Qualified, OpportunityState.Lost, Rejected, true],
    ["Approved on a qualified lead, opportunity lost", LeadState.Qualified, OpportunityState.Lost, Approved, false],
  ] as const)("%s: %s", async (_, leadState, opportunityState, requested, allowed) => {
    seedLead(store, { statecode: leadState, msdyn_b2bprospectstatus: requested === Pending ? Rejected : Pending });
    if (opportunityState !== null) {
      seedInCommerce(store);
      store.get("leads", Ids.lead)!.statecode = leadState;
      store.get("opportunities", Ids.opportunity)!.statecode = opportunityState;
    }
    const outcome = await run(store, update(store, status(requested)));
    expect(outcome.kind).toBe(allowed ? "allowed" : "refused");
    if (!allowed) expect(outcome).toMatchObject({ reason: "prospectStatusNotConsistent" });
    expect(store.writes).toEqual([]);
  });

  it("finds a qualified lead's opportunity by originatingleadid when the lead names none", async () => {
    seedInCommerce(store);
    store.get("leads", Ids.lead)!._qualifyingopportunityid_value = null;
    store.get("opportunities", Ids.opportunity)!.statecode = OpportunityState.Won;
    await expect(run(store, update(store, status(Approved)))).resolves.toMatchObject({ kind: "allowed" });
    expect(store.reads).toEqual([expect.stringMatching(new RegExp(`^opportunities\\?fetchXml=.*<condition attribute="originatingleadid" operator="eq" value="${Ids.lead}"/>`))]);
  });
});

describe("the columns that say which Commerce prospect a lead is", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedLead(store);
    seedUsers(store);
  });

  it.each([
    ["msdyn_prospectid pointed at another prospect", { [LeadColumns.prospectId]: "PRS-000999" }],
    ["msdyn_b2bcommerceprospect switched off", { [LeadColumns.isCommerceB2BProspect]: false }],
  ])("refuses %s by a user", async (_, requested) => {
    await expect(run(store, update(store, requested))).resolves.toEqual({
      kind: "refused",
      reason: "dualWriteColumnsOnly",
      message: describeProspectColumnRefusal("dualWriteColumnsOnly", 1033),
    });
  });

  it("refuses to make a walk-in lead a Commerce B2B prospect", async () => {
    seedLead(store, { msdyn_b2bcommerceprospect: false, msdyn_prospectid: null, msdyn_b2bprospectstatus: null });
    await expect(run(store, update(store, { [LeadColumns.isCommerceB2BProspect]: true, ...status(Approved) }))).resolves.toMatchObject({
      kind: "refused",
      reason: "dualWriteColumnsOnly",
    });
  });
});

describe("application users", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedLead(store);
    seedUsers(store);
  });

  it("dual-write's application user mirrors Commerce: any status, and the prospect columns", async () => {
    await expect(run(store, update(store, status(Approved), dualWrite))).resolves.toMatchObject({ kind: "allowed" });
    await expect(run(store, update(store, { [LeadColumns.prospectId]: "PRS-000124" }, dualWrite))).resolves.toMatchObject({ kind: "allowed" });
    const userRead = expect.stringMatching(new RegExp(`^systemusers\\?fetchXml=.*<condition attribute="systemuserid" operator="eq" value="${dualWrite}"/>`));
    expect(store.reads).toEqual([userRead, userRead]);
  });

  it("is checked on the user who started the operation, not the one the step runs as", async () => {
    const asApp = { ...update(store, status(Approved), dualWrite), initiatingUserId: Ids.rep };
    await expect(run(store, asApp)).resolves.toMatchObject({ kind: "refused" });
  });
});

describe("what costs nothing", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedUsers(store);
  });

  it("a lead that is not a Commerce B2B lead is decided from the PreImage with no read", async () => {
    seedLead(store, { msdyn_b2bcommerceprospect: false });
    await expect(run(store, update(store, status(Approved)))).resolves.toMatchObject({ kind: "notApplicable" });
    expect(store.reads).toEqual([]);
  });

  it("a request repeating the values the lead has (dual-write's sync) is decided with no read", async () => {
    seedLead(store);
    const repeat = { ...status(Pending), [LeadColumns.prospectId]: "PRS-000123", [LeadColumns.isCommerceB2BProspect]: true };
    await expect(run(store, update(store, repeat, dualWrite))).resolves.toMatchObject({ kind: "notApplicable" });
    await expect(run(store, update(store, repeat))).resolves.toMatchObject({ kind: "notApplicable" });
    expect(store.reads).toEqual([]);
  });
});

describe("without a PreImage", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedLead(store);
    seedUsers(store);
  });

  it("reads the lead (a step registered by hand) and decides the same way", async () => {
    const context = update(store, status(Approved));
    context.preEntityImages.clear();
    await expect(run(store, context)).resolves.toMatchObject({ kind: "refused", reason: "prospectStatusNotConsistent" });
    expect(store.reads[0]).toMatch(new RegExp(`^leads\\(${Ids.lead}\\)$`));
  });

  it("refuses a trimmed change it cannot see, except from an application user", async () => {
    const trimmed = update(store, status(Approved));
    trimmed.inputParameters.clear();
    trimmed.preEntityImages.clear();
    await expect(run(store, trimmed, true)).resolves.toMatchObject({ kind: "refused", reason: "prospectChangeNotVisible" });
    await expect(run(store, { ...trimmed, userId: dualWrite, initiatingUserId: dualWrite }, true)).resolves.toMatchObject({ kind: "allowed" });
  });
});

describe("our own hand-off's status write", () => {
  /**
   * For every hand-off: once the operation that raised it committed, the hand-off runs and PATCHes the
   * lead as the webhook's own (here: not even an application) user; the synchronous step sees that
   * PATCH with the lead as it was just before and allows it — consistent by construction.
   */
  it.each([
    ["win", "WinOpportunity", { lead: LeadState.Qualified, opportunity: OpportunityState.Won, status: Pending }, Approved],
    ["lose", "LoseOpportunity", { lead: LeadState.Qualified, opportunity: OpportunityState.Lost, status: Pending }, Rejected],
    ["disqualify", "Update", { lead: LeadState.Disqualified, opportunity: null, status: Pending }, Rejected],
    ["reactivate", "Update", { lead: LeadState.Open, opportunity: null, status: Rejected }, Pending],
    ["reopen", "Update", { lead: LeadState.Qualified, opportunity: OpportunityState.Open, status: Rejected }, Pending],
  ] as const)("%s is allowed", async (event, message, records, written) => {
    const store = newStore();
    seedLead(store, { msdyn_b2bprospectstatus: records.status });
    seedUsers(store);
    const admin = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c0b";
    store.put("systemusers", admin, { fullname: "Admin", applicationid: null });
    if (records.opportunity !== null) {
      seedInCommerce(store);
      store.get("opportunities", Ids.opportunity)!.statecode = records.opportunity;
    }
    store.get("leads", Ids.lead)!.statecode = records.lead;
    const on = event === "disqualify" || event === "reactivate" ? "lead" : "opportunity";
    const handoff = Steps.find((s) => s.stage === 40 && s.message === message && s.primaryEntity === on)!;
    const context =
      message === "Update"
        ? createRemoteExecutionContext({
            messageName: "Update",
            primaryEntityName: handoff.primaryEntity,
            primaryEntityId: handoff.primaryEntity === "lead" ? Ids.lead : Ids.opportunity,
            stage: 40,
            mode: 1,
            userId: Ids.rep,
            inputParameters: parameters({
              Target: entity(handoff.primaryEntity, handoff.primaryEntity === "lead" ? Ids.lead : Ids.opportunity, {
                statecode: optionSetValue(handoff.primaryEntity === "lead" ? records.lead : (records.opportunity as number)),
              }),
            }),
          })
        : createRemoteExecutionContext({
            messageName: message,
            primaryEntityName: "opportunity",
            stage: 40,
            mode: 1,
            userId: Ids.rep,
            inputParameters: parameters({
              OpportunityClose: entity("opportunityclose", Ids.opportunity, { opportunityid: entityReference("opportunity", Ids.opportunity) }),
            }),
          });
    const before = structuredClone(store.get("leads", Ids.lead)!);
    const guardContext = update(store, status(written), admin);
    await expect(Handlers[handoff.handler]({ context, trimmed: false, dataverse: inMemoryClient(store), now: () => NOW })).resolves.toMatchObject({ kind: "applied" });
    const [patch] = store.writesTo("leads");
    expect(patch.data).toEqual({ [LeadColumns.prospectStatus]: written });
    // The step sees that PATCH against the lead as it was before it.
    store.put("leads", Ids.lead, before);
    await expect(run(store, guardContext)).resolves.toMatchObject({ kind: "allowed" });
  });
});
