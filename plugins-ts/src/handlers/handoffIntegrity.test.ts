/**
 * Hand-offs act on the records as they are now, never on the message alone, and converge on one write:
 * forged, stale, replayed and out-of-order deliveries change nothing; any number of deliveries of one
 * approval give one status write and one note. Against the in-memory Dataverse (every write counted),
 * and through the Node host over HTTP.
 */
import { randomUUID } from "node:crypto";
import { LeadState, OpportunityState, ProspectStatus } from "../../../core/src";
import { inMemoryClient, type DataverseStore } from "../../test/dataverseStore";
import { runHandler, TestNow as NOW } from "../../test/runHandler";
import { fixture, Ids, newStore, seedInCommerce, seedLead, seedQualified } from "../../test/scenario";
import { startHarness, WebhookKey, type Harness } from "../../test/webhookHarness";
import { DataverseError } from "../dataverse/errors";
import {
  createRemoteExecutionContext,
  EmptyGuid,
  entity,
  entityReference,
  optionSetValue,
  parameters,
  parseRemoteExecutionContext,
  serializeRemoteExecutionContext,
  webhookHeadersFor,
  type ContextValue,
  type RemoteExecutionContext,
} from "../executionContext";
import { Steps } from "../registration/steps";
import { retryingConcurrentChanges } from "./concurrency";
import { noteId } from "./handoffNote";

const stepOf = (handler: string) => Steps.find((s) => s.handler === handler)!;

const run = runHandler;

/** The asynchronous step's delivery after Close as Won / Lost, with its own RequestId and CorrelationId. */
const closed = (message: "WinOpportunity" | "LoseOpportunity", ids: { requestId?: string; correlationId?: string } = {}) =>
  createRemoteExecutionContext({
    messageName: message,
    primaryEntityName: "opportunity",
    stage: 40,
    mode: 1,
    userId: Ids.rep,
    operationCreatedOn: NOW,
    requestId: ids.requestId ?? randomUUID(),
    correlationId: ids.correlationId ?? randomUUID(),
    owningExtension: entityReference("sdkmessageprocessingstep", stepOf(message === "WinOpportunity" ? "winOpportunity.handoff" : "loseOpportunity.handoff").id),
    inputParameters: parameters({
      OpportunityClose: entity("opportunityclose", EmptyGuid, { opportunityid: entityReference("opportunity", Ids.opportunity) }),
      Status: optionSetValue(message === "WinOpportunity" ? 3 : 4),
    }),
  });

/** The asynchronous lead/opportunity state step's delivery (Update), with the PreImage as the platform took it. */
function stateChanged(entityName: "lead" | "opportunity", to: number, before: number): RemoteExecutionContext {
  const id = entityName === "lead" ? Ids.lead : Ids.opportunity;
  const image: Record<string, ContextValue> =
    entityName === "lead"
      ? { statecode: optionSetValue(before), msdyn_b2bcommerceprospect: true, msdyn_b2bprospectstatus: optionSetValue(ProspectStatus.Pending) }
      : { statecode: optionSetValue(before), originatingleadid: entityReference("lead", Ids.lead) };
  return createRemoteExecutionContext({
    messageName: "Update",
    primaryEntityName: entityName,
    primaryEntityId: id,
    stage: 40,
    mode: 1,
    userId: Ids.rep,
    operationCreatedOn: NOW,
    inputParameters: parameters({ Target: entity(entityName, id, { statecode: optionSetValue(to) }) }),
    preEntityImages: new Map([["PreImage", entity(entityName, id, image)]]),
  });
}

const lead = (store: DataverseStore) => store.get("leads", Ids.lead)!;
const opportunity = (store: DataverseStore) => store.get("opportunities", Ids.opportunity)!;
const notes = (store: DataverseStore) => [...store.table("annotations").values()];

describe("a hand-off the records do not bear out changes nothing", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedLead(store);
    seedInCommerce(store);
  });

  it("a forged or stale Win for an opportunity that is open: nothing approved", async () => {
    expect(opportunity(store).statecode).toBe(OpportunityState.Open);
    const outcome = await run(store, "winOpportunity.handoff", closed("WinOpportunity"));
    expect(outcome).toEqual({ kind: "notApplicable", reason: "opportunityNotWon", message: expect.stringMatching(/is not won now \(state 0\)/) });
    expect(store.writes).toEqual([]);
    expect(lead(store).msdyn_b2bprospectstatus).toBe(ProspectStatus.Pending);
  });

  it("a Win replayed after the opportunity was lost, or a Lose for a won opportunity: nothing written", async () => {
    opportunity(store).statecode = OpportunityState.Lost;
    await expect(run(store, "winOpportunity.handoff", closed("WinOpportunity"))).resolves.toMatchObject({ kind: "notApplicable", reason: "opportunityNotWon" });
    opportunity(store).statecode = OpportunityState.Won;
    await expect(run(store, "loseOpportunity.handoff", closed("LoseOpportunity"))).resolves.toMatchObject({ kind: "notApplicable", reason: "opportunityNotLost" });
    expect(store.writes).toEqual([]);
  });

  it("a won opportunity whose originating lead was never qualified does not approve it", async () => {
    // Someone pointed a won opportunity's originatingleadid at a Commerce lead that is still open.
    lead(store).statecode = LeadState.Open;
    lead(store)._qualifyingopportunityid_value = null;
    opportunity(store).statecode = OpportunityState.Won;
    const outcome = await run(store, "winOpportunity.handoff", closed("WinOpportunity"));
    expect(outcome).toMatchObject({ kind: "notApplicable", reason: "recordsDisagree" });
    expect(store.writes).toEqual([]);
  });

  it("a won opportunity that is not the one the lead was qualified into does not approve it", async () => {
    const other = "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6f05";
    store.put("opportunities", other, { statecode: OpportunityState.Won, _originatingleadid_value: Ids.lead, _parentaccountid_value: Ids.account, _parentcontactid_value: Ids.contact });
    const context = closed("WinOpportunity");
    context.inputParameters.set("OpportunityClose", entity("opportunityclose", EmptyGuid, { opportunityid: entityReference("opportunity", other) }));
    await expect(run(store, "winOpportunity.handoff", context)).resolves.toMatchObject({ kind: "notApplicable", reason: "anotherOpportunity" });
    expect(store.writes).toEqual([]);
  });

  it("a stale disqualify delivery for a lead that is open now: nothing rejected", async () => {
    lead(store).statecode = LeadState.Open;
    lead(store)._qualifyingopportunityid_value = null;
    const outcome = await run(store, "leadState.handoff", stateChanged("lead", LeadState.Disqualified, LeadState.Open));
    expect(outcome).toEqual({
      kind: "notApplicable",
      reason: "leadStateDiffers",
      message: `The delivery is about state 2 of lead ${Ids.lead}, but the lead is in state 0 now: nothing changed.`,
    });
    expect(store.writes).toEqual([]);
  });

  it("the documented disqualification context arriving after the lead was reactivated: nothing rejected", async () => {
    lead(store).statecode = LeadState.Open;
    await expect(run(store, "leadState.handoff", parseRemoteExecutionContext(fixture("leadUpdate.handoff.json")))).resolves.toMatchObject({
      kind: "notApplicable",
      reason: "leadStateDiffers",
    });
    expect(store.writes).toEqual([]);
  });

  it("a reactivation delivered while the lead is disqualified, and a reopen while the opportunity is lost: nothing written", async () => {
    lead(store).statecode = LeadState.Disqualified;
    lead(store).msdyn_b2bprospectstatus = ProspectStatus.Rejected;
    await expect(run(store, "leadState.handoff", stateChanged("lead", LeadState.Open, LeadState.Disqualified))).resolves.toMatchObject({
      kind: "notApplicable",
      reason: "leadStateDiffers",
    });
    lead(store).statecode = LeadState.Qualified;
    opportunity(store).statecode = OpportunityState.Lost;
    await expect(run(store, "opportunityState.handoff", stateChanged("opportunity", OpportunityState.Open, OpportunityState.Lost))).resolves.toMatchObject({
      kind: "notApplicable",
      reason: "opportunityNotOpen",
    });
    expect(store.writes).toEqual([]);
  });

  it("a trimmed lead delivery is decided by the lead's state now", async () => {
    lead(store).statecode = LeadState.Open;
    const trimmed = stateChanged("lead", LeadState.Disqualified, LeadState.Open);
    trimmed.inputParameters.clear();
    trimmed.preEntityImages.clear();
    // Open now and still pending: nothing to do, and nothing written.
    await expect(run(store, "leadState.handoff", trimmed, true)).resolves.toMatchObject({ kind: "unchanged" });
    expect(store.writes).toEqual([]);
  });
});

describe("QualifyLead's hand-off only on a qualified lead and the records created from it", () => {
  let store: DataverseStore;
  const context = () => parseRemoteExecutionContext(fixture("qualifyLead.handoff.json"));
  beforeEach(() => {
    store = newStore();
    seedLead(store);
    seedQualified(store);
  });

  it("changes nothing while the lead is not qualified", async () => {
    lead(store).statecode = LeadState.Open;
    await expect(run(store, "qualifyLead.handoff", context())).resolves.toMatchObject({ kind: "notApplicable", reason: "leadNotQualified" });
    expect(store.writes).toEqual([]);
  });

  it("changes nothing when a created record named in the delivery does not exist", async () => {
    store.table("accounts").clear();
    await expect(run(store, "qualifyLead.handoff", context())).resolves.toMatchObject({ kind: "notApplicable", reason: "qualifiedRecordsMissing" });
    expect(store.writes).toEqual([]);
  });

  it("changes nothing when the account named came from another lead", async () => {
    store.get("accounts", Ids.account)!._originatingleadid_value = Ids.otherLead;
    await expect(run(store, "qualifyLead.handoff", context())).resolves.toMatchObject({ kind: "notApplicable", reason: "notQualifiedFromLead" });
    expect(store.writes).toEqual([]);
  });
});

describe("one approval delivered 100 times at once", () => {
  const deliveries = () => Array.from({ length: 100 }, () => closed("WinOpportunity"));

  it("writes the status once and the note once, whatever the RequestIds and CorrelationIds (in memory)", async () => {
    const store = newStore();
    seedLead(store);
    seedInCommerce(store);
    opportunity(store).statecode = OpportunityState.Won;
    const contexts = deliveries();
    expect(new Set(contexts.map((c) => c.requestId)).size).toBe(100);
    expect(new Set(contexts.map((c) => c.correlationId)).size).toBe(100);
    const outcomes = await Promise.all(contexts.map((context) => run(store, "winOpportunity.handoff", context)));
    expect(outcomes.filter((o) => o.kind === "applied")).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === "unchanged")).toHaveLength(99);
    expect(store.writesTo("leads")).toEqual([expect.objectContaining({ data: { msdyn_b2bprospectstatus: ProspectStatus.Approved }, upsert: false })]);
    expect(store.writesTo("annotations")).toHaveLength(1);
    expect(notes(store)).toEqual([
      expect.objectContaining({ annotationid: noteId({ entity: "opportunity", id: Ids.opportunity }, { kind: "approved", prospectId: "PRS-000123" }) }),
    ]);
  });

  it("writes the status once and the note once through the Node host over HTTP", async () => {
    const h: Harness = await startHarness({ log: false });
    try {
      seedLead(h.store);
      seedInCommerce(h.store);
      opportunity(h.store).statecode = OpportunityState.Won;
      const answers = await Promise.all(
        deliveries().map(async (context) => {
          const body = serializeRemoteExecutionContext(context);
          return h.post(body, { ...webhookHeadersFor(context, { organization: "contoso.crm4.dynamics.com" }), "x-cb2b-webhook-key": WebhookKey });
        }),
      );
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      // Distinct RequestIds: no delivery joined another; each decided on the records.
      expect(answers.filter((a) => a.json.delivery && (a.json.delivery as { duplicate: boolean }).duplicate)).toEqual([]);
      expect(answers.filter((a) => a.json.outcome === "applied")).toHaveLength(1);
      expect(h.store.writesTo("leads")).toHaveLength(1);
      expect(h.store.writesTo("annotations")).toHaveLength(1);
      expect(h.store.table("annotations").size).toBe(1);
      // The losers' conditional writes were refused, not carried out: every status write (in its change
      // set with the note) was made at the version read.
      const leadPatches = h.stub.requests.flatMap((r) => [r, ...(r.parts ?? [])]).filter((r) => r.method === "PATCH" && r.path.includes("/leads("));
      expect(leadPatches.length).toBeGreaterThan(0);
      expect(leadPatches.filter((r) => !/^W\/"\d+"$/.test(r.ifMatch ?? ""))).toEqual([]);
    } finally {
      await h.close();
    }
  }, 30_000);
});

describe("the hand-off note", () => {
  it("is one note per record and transition, refreshed when the transition happens again", async () => {
    const store = newStore();
    seedLead(store);
    seedInCommerce(store);
    opportunity(store).statecode = OpportunityState.Lost;
    await expect(run(store, "loseOpportunity.handoff", closed("LoseOpportunity"))).resolves.toMatchObject({ kind: "applied" });
    // Reopened (the hand-off sets Pending and notes it), then lost again a day later by another user.
    opportunity(store).statecode = OpportunityState.Open;
    await expect(run(store, "opportunityState.handoff", { ...stateChanged("opportunity", OpportunityState.Open, OpportunityState.Lost), userId: Ids.finnishRep, initiatingUserId: Ids.finnishRep })).resolves.toMatchObject({ kind: "applied" });
    opportunity(store).statecode = OpportunityState.Lost;
    const again = { ...closed("LoseOpportunity"), operationCreatedOn: new Date("2026-11-26T08:00:00Z") };
    await expect(run(store, "loseOpportunity.handoff", again)).resolves.toMatchObject({ kind: "applied" });
    const rejected = store.get("annotations", noteId({ entity: "opportunity", id: Ids.opportunity }, { kind: "rejected", prospectId: null, cause: "lose" }))!;
    expect(notes(store)).toHaveLength(2); // rejected (refreshed) and pending again
    expect(rejected.notetext).toMatch(/\nBy Pat Rep on 2026-11-26 08:00 UTC\.$/);
    // A delivery of that same loss again: the note already says it, so nothing is written.
    const writes = store.writes.length;
    lead(store).msdyn_b2bprospectstatus = ProspectStatus.Pending; // as if the status write had failed after the note
    await expect(run(store, "loseOpportunity.handoff", again)).resolves.toMatchObject({ kind: "applied" });
    expect(store.writes.slice(writes).map((w) => w.entitySet)).toEqual(["leads"]);
  });

  it("does not depend on the delivery's ids", () => {
    const event = { kind: "approved", prospectId: "PRS-1" } as const;
    expect(noteId({ entity: "opportunity", id: Ids.opportunity }, event)).toBe(noteId({ entity: "opportunity", id: Ids.opportunity }, event));
    expect(noteId({ entity: "opportunity", id: Ids.opportunity }, event)).not.toBe(noteId({ entity: "lead", id: Ids.opportunity }, event));
    expect(noteId({ entity: "lead", id: Ids.lead }, { kind: "rejected", prospectId: null, cause: "disqualify" })).not.toBe(
      noteId({ entity: "lead", id: Ids.lead }, { kind: "rejected", prospectId: null, cause: "lose" }),
    );
  });
});

describe("deciding again after a parallel delivery won", () => {
  const input = { context: closed("WinOpportunity"), trimmed: false, dataverse: inMemoryClient(newStore()), now: () => NOW };

  it("runs the hand-off again on 412, and fails as transient when the rows keep changing", async () => {
    let calls = 0;
    const conflict = () => new DataverseError("PATCH /leads answered 412", 412, null, false);
    const settlesOnSecond = retryingConcurrentChanges(async () => {
      calls++;
      if (calls === 1) throw conflict();
      return { kind: "unchanged", message: "already approved" };
    });
    await expect(settlesOnSecond(input)).resolves.toMatchObject({ kind: "unchanged" });
    expect(calls).toBe(2);
    const neverSettles = retryingConcurrentChanges(async () => {
      throw conflict();
    });
    await expect(neverSettles(input)).rejects.toMatchObject({ status: 412, transient: true });
    const otherError = retryingConcurrentChanges(async () => {
      throw new DataverseError("PATCH /leads answered 403", 403, null, false);
    });
    await expect(otherError(input)).rejects.toMatchObject({ status: 403, transient: false });
  });
});

describe("the host's log line says why a delivery changed nothing", () => {
  it("carries the outcome, the reason code and the detail, and no partner data", async () => {
    const h = await startHarness();
    try {
      seedLead(h.store);
      seedInCommerce(h.store);
      const context = closed("WinOpportunity");
      const body = serializeRemoteExecutionContext(context);
      const response = await h.post(body, { ...webhookHeadersFor(context, { organization: "contoso.crm4.dynamics.com" }), "x-cb2b-webhook-key": WebhookKey });
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({ outcome: "notApplicable", reason: "opportunityNotWon" });
      expect(h.logs).toEqual([
        expect.objectContaining({ event: "webhook.delivery", status: 200, outcome: "notApplicable", reason: "opportunityNotWon", detail: expect.stringMatching(/is not won now/) }),
      ]);
      expect(JSON.stringify(h.logs)).not.toContain("Fabrikam");
      expect(h.store.writes).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
