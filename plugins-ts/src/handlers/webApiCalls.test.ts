/**
 * The Web API calls each kind of delivery makes — the round trips a synchronous step adds to a rep's
 * click — held exactly: none for a record that did not come from Commerce when the step's image says so;
 * otherwise ONE round trip for every synchronous step, whatever it decides: its records (ONE FetchXML
 * with link-entities for QualifyLead, WinOpportunity and LoseOpportunity, which carry no images), the
 * approver rule and the language a refusal speaks, as GET parts of one `$batch` (a batch counts one
 * request and one read). A hand-off reads once and writes in ONE change set. Counted in memory (every read
 * by what it asks, and which went together), and through the Node host over HTTP as the webhook's answer
 * reports them (`dataverse`). Numbers of calls only, never a time.
 */
import { LeadState, OpportunityState, ProspectStatus } from "../../../core/src";
import { inMemoryClient, type DataverseStore } from "../../test/dataverseStore";
import { ApproverIds, assignRole, Ids, newStore, seedApproverPolicy, seedInCommerce, seedLead, seedQualified } from "../../test/scenario";
import { startHarness, WebhookKey, type Harness } from "../../test/webhookHarness";
import {
  createRemoteExecutionContext,
  EmptyGuid,
  entity,
  entityReference,
  optionSetValue,
  parameters,
  serializeRemoteExecutionContext,
  webhookHeadersFor,
  type ContextValue,
  type RemoteExecutionContext,
} from "../executionContext";
import { Steps, type HandlerKey } from "../registration/steps";
import { Handlers, type Outcome } from ".";

const NOW = new Date("2026-11-25T19:30:00Z");
const stepOf = (handler: HandlerKey) => Steps.find((s) => s.handler === handler)!;

const base = (handler: HandlerKey, init: Partial<RemoteExecutionContext>) => {
  const step = stepOf(handler);
  return createRemoteExecutionContext({
    messageName: step.message,
    primaryEntityName: step.primaryEntity,
    stage: step.stage,
    mode: step.mode,
    userId: Ids.rep,
    operationCreatedOn: NOW,
    owningExtension: entityReference("sdkmessageprocessingstep", step.id),
    ...init,
  });
};

const qualify = (handler: "qualifyLead.validate" | "qualifyLead.handoff") =>
  base(handler, {
    primaryEntityId: Ids.lead,
    inputParameters: parameters({ LeadId: entityReference("lead", Ids.lead), CreateAccount: true, CreateContact: true, CreateOpportunity: true, Status: optionSetValue(3) }),
    outputParameters:
      handler === "qualifyLead.handoff"
        ? parameters({ CreatedEntities: [entityReference("account", Ids.account), entityReference("contact", Ids.contact), entityReference("opportunity", Ids.opportunity)] })
        : new Map(),
  });

const close = (handler: "winOpportunity.validate" | "winOpportunity.handoff" | "loseOpportunity.validate" | "loseOpportunity.handoff", opportunityId = Ids.opportunity) =>
  base(handler, {
    inputParameters: parameters({
      OpportunityClose: entity("opportunityclose", EmptyGuid, { opportunityid: entityReference("opportunity", opportunityId) }),
      Status: optionSetValue(handler.startsWith("win") ? 3 : 4),
    }),
  });

/** Update of statecode with the step's PreImage (the registered columns, null ones left out). */
function stateUpdate(handler: "leadState.validate" | "leadState.handoff" | "opportunityState.validate" | "opportunityState.handoff", to: number, image: Record<string, ContextValue>) {
  const entityName = handler.startsWith("lead") ? "lead" : "opportunity";
  const id = entityName === "lead" ? Ids.lead : Ids.opportunity;
  const registered = stepOf(handler).images[0].attributes;
  return base(handler, {
    primaryEntityId: id,
    inputParameters: parameters({ Target: entity(entityName, id, { statecode: optionSetValue(to) }) }),
    preEntityImages: new Map([["PreImage", entity(entityName, id, Object.fromEntries(Object.entries(image).filter(([c]) => registered.includes(c))))]]),
  });
}

const commerceLeadImage = (state: number, status: number = ProspectStatus.Pending) => ({
  statecode: optionSetValue(state),
  msdyn_b2bcommerceprospect: true,
  msdyn_b2bprospectstatus: optionSetValue(status),
});
const walkInLeadImage = (state: number) => ({ statecode: optionSetValue(state), msdyn_b2bcommerceprospect: false });

/** What a validation reads besides the records, in the same $batch: the approver variable and role, and the user's settings (language). */
const approverAndLanguage = ["environmentvariabledefinitions query", "roles FetchXML", "usersettingscollection(id)"] as const;

/** What a delivery cost, in memory: each read by what it asked for, and each write request with the rows it wrote. */
async function cost(store: DataverseStore, handler: HandlerKey, context: RemoteExecutionContext) {
  const reads = store.reads.length;
  const changeSets = store.changeSets.length;
  const dataverse = inMemoryClient(store);
  const outcome: Outcome = await Handlers[handler]({ context, trimmed: false, dataverse, now: () => NOW });
  return {
    outcome: outcome.kind,
    reads: store.reads.slice(reads).map((r) => r.replace(/^(\w+)(\?fetchXml=<fetch[^>]*><entity name="\w+">|\?\$select=[^&]*|\([^)]*\)).*$/, (_, set, what: string) => (what.startsWith("?fetchXml") ? `${set} FetchXML` : what.startsWith("(") ? `${set}(id)` : `${set} query`))),
    writes: store.changeSets.slice(changeSets).map((set) => set.map((w) => w.entitySet)),
    stats: { requests: dataverse.stats.requests, reads: dataverse.stats.reads, writes: dataverse.stats.writes },
  };
}

describe("a record that did not come from Commerce", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedApproverPolicy(store, { value: "yes" });
    seedLead(store, { msdyn_b2bcommerceprospect: false, msdyn_b2bprospectstatus: null, msdyn_prospectid: null });
    seedQualified(store, { opportunity: { _originatingleadid_value: null } });
  });

  it.each([
    ["a lead disqualified (validation)", "leadState.validate", LeadState.Disqualified],
    ["a lead disqualified (hand-off)", "leadState.handoff", LeadState.Disqualified],
    ["a lead reactivated (hand-off)", "leadState.handoff", LeadState.Open],
  ] as const)("%s: decided from the PreImage, no call", async (_, handler, to) => {
    expect(await cost(store, handler, stateUpdate(handler, to, walkInLeadImage(LeadState.Open)))).toEqual({
      outcome: "notApplicable",
      reads: [],
      writes: [],
      stats: { requests: 0, reads: 0, writes: 0 },
    });
  });

  it.each(["opportunityState.validate", "opportunityState.handoff"] as const)("an opportunity not qualified from a lead reopened (%s): decided from the PreImage, no call", async (handler) => {
    expect(await cost(store, handler, stateUpdate(handler, OpportunityState.Open, { statecode: optionSetValue(OpportunityState.Lost) }))).toMatchObject({
      outcome: "notApplicable",
      reads: [],
      stats: { requests: 0 },
    });
  });

  // No entity images for these messages (https://learn.microsoft.com/power-apps/developer/data-platform/understand-the-data-context#entity-images):
  // the record has to be read to know it is not a Commerce one. A validation reads, in the same round trip,
  // what it would need for a Commerce one (the approver rule, the language of a refusal).
  it.each([
    ["winOpportunity.validate", close("winOpportunity.validate"), ["leads FetchXML", ...approverAndLanguage]],
    ["loseOpportunity.validate", close("loseOpportunity.validate"), ["leads FetchXML", ...approverAndLanguage]],
    ["qualifyLead.validate", qualify("qualifyLead.validate"), ["leads(id)", "usersettingscollection(id)"]],
    ["winOpportunity.handoff", close("winOpportunity.handoff"), ["leads FetchXML"]],
    ["loseOpportunity.handoff", close("loseOpportunity.handoff"), ["leads FetchXML"]],
    ["qualifyLead.handoff", qualify("qualifyLead.handoff"), ["leads FetchXML"]],
  ] as const)("%s (no images for this message): one round trip, no write", async (handler, context, reads) => {
    expect(await cost(store, handler, context)).toEqual({ outcome: "notApplicable", reads, writes: [], stats: { requests: 1, reads: 1, writes: 0 } });
  });

  it("an opportunity whose originating lead is not a Commerce B2B one: still one round trip", async () => {
    store.get("opportunities", Ids.opportunity)!._originatingleadid_value = Ids.lead;
    expect(await cost(store, "winOpportunity.validate", close("winOpportunity.validate"))).toMatchObject({ outcome: "notApplicable", stats: { requests: 1 } });
  });
});

describe("a Commerce B2B record, cb2b_RequireApproverRole off (as shipped)", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedApproverPolicy(store);
    seedLead(store);
  });

  it("QualifyLead validation: one round trip (the lead and the user's language), allowed or refused", async () => {
    const oneRoundTrip = { reads: ["leads(id)", "usersettingscollection(id)"], writes: [], stats: { requests: 1, reads: 1, writes: 0 } };
    expect(await cost(store, "qualifyLead.validate", qualify("qualifyLead.validate"))).toEqual({ outcome: "allowed", ...oneRoundTrip });
    store.get("leads", Ids.lead)!.emailaddress1 = null;
    expect(await cost(store, "qualifyLead.validate", qualify("qualifyLead.validate"))).toEqual({ outcome: "refused", ...oneRoundTrip });
  });

  it("QualifyLead hand-off: one read, one change set (note and every row that needs a write); again: one read, nothing written", async () => {
    seedQualified(store);
    expect(await cost(store, "qualifyLead.handoff", qualify("qualifyLead.handoff"))).toEqual({
      outcome: "applied",
      reads: ["leads FetchXML"],
      writes: [["annotations", "leads", "accounts", "contacts"]],
      stats: { requests: 2, reads: 1, writes: 1 },
    });
    expect(await cost(store, "qualifyLead.handoff", qualify("qualifyLead.handoff"))).toEqual({ outcome: "unchanged", reads: ["leads FetchXML"], writes: [], stats: { requests: 1, reads: 1, writes: 0 } });
  });

  it("Close as Won validation: one round trip — one FetchXML for opportunity, lead, account and contact, the approver rule and the language", async () => {
    seedInCommerce(store);
    expect(await cost(store, "winOpportunity.validate", close("winOpportunity.validate"))).toEqual({
      outcome: "allowed",
      reads: ["leads FetchXML", ...approverAndLanguage],
      writes: [],
      stats: { requests: 1, reads: 1, writes: 0 },
    });
  });

  it("Close as Won refused while the customers are not in Commerce: the same one round trip", async () => {
    seedQualified(store);
    expect(await cost(store, "winOpportunity.validate", close("winOpportunity.validate"))).toEqual({
      outcome: "refused",
      reads: ["leads FetchXML", ...approverAndLanguage],
      writes: [],
      stats: { requests: 1, reads: 1, writes: 0 },
    });
  });

  it("Close as Lost validation: one round trip", async () => {
    seedInCommerce(store);
    expect(await cost(store, "loseOpportunity.validate", close("loseOpportunity.validate"))).toEqual({
      outcome: "allowed",
      reads: ["leads FetchXML", ...approverAndLanguage],
      writes: [],
      stats: { requests: 1, reads: 1, writes: 0 },
    });
  });

  it.each([
    ["win", "winOpportunity.handoff", OpportunityState.Won],
    ["lose", "loseOpportunity.handoff", OpportunityState.Lost],
  ] as const)("%s hand-off: one read (lead, opportunity, note, user), one change set (note and status)", async (_, handler, state) => {
    seedInCommerce(store);
    store.get("opportunities", Ids.opportunity)!.statecode = state;
    expect(await cost(store, handler, close(handler))).toEqual({ outcome: "applied", reads: ["leads FetchXML"], writes: [["annotations", "leads"]], stats: { requests: 2, reads: 1, writes: 1 } });
    expect(await cost(store, handler, close(handler))).toEqual({ outcome: "unchanged", reads: ["leads FetchXML"], writes: [], stats: { requests: 1, reads: 1, writes: 0 } });
  });

  it("a hand-off whose operation another user made last: the user is read once more for the note", async () => {
    seedInCommerce(store);
    const opportunity = store.get("opportunities", Ids.opportunity)!;
    opportunity.statecode = OpportunityState.Won;
    opportunity._modifiedby_value = Ids.finnishRep;
    expect(await cost(store, "winOpportunity.handoff", close("winOpportunity.handoff"))).toMatchObject({
      outcome: "applied",
      reads: ["leads FetchXML", "systemusers FetchXML"],
      writes: [["annotations", "leads"]],
    });
  });

  it("lead disqualified: the validation one round trip (the approver rule and the language; the lead is in the PreImage); the hand-off one read and one change set", async () => {
    expect(await cost(store, "leadState.validate", stateUpdate("leadState.validate", LeadState.Disqualified, commerceLeadImage(LeadState.Open)))).toEqual({
      outcome: "allowed",
      reads: [...approverAndLanguage],
      writes: [],
      stats: { requests: 1, reads: 1, writes: 0 },
    });
    store.get("leads", Ids.lead)!.statecode = LeadState.Disqualified;
    expect(await cost(store, "leadState.handoff", stateUpdate("leadState.handoff", LeadState.Disqualified, commerceLeadImage(LeadState.Open)))).toEqual({
      outcome: "applied",
      reads: ["leads FetchXML"],
      writes: [["annotations", "leads"]],
      stats: { requests: 2, reads: 1, writes: 1 },
    });
  });

  it("lead reactivated: the validation makes no call; the hand-off one read and one change set", async () => {
    store.get("leads", Ids.lead)!.msdyn_b2bprospectstatus = ProspectStatus.Rejected;
    const image = commerceLeadImage(LeadState.Disqualified, ProspectStatus.Rejected);
    expect(await cost(store, "leadState.validate", stateUpdate("leadState.validate", LeadState.Open, image))).toMatchObject({ outcome: "allowed", reads: [], stats: { requests: 0 } });
    expect(await cost(store, "leadState.handoff", stateUpdate("leadState.handoff", LeadState.Open, image))).toEqual({
      outcome: "applied",
      reads: ["leads FetchXML"],
      writes: [["annotations", "leads"]],
      stats: { requests: 2, reads: 1, writes: 1 },
    });
  });

  it("opportunity reopened: the validation one round trip (the lead and the language); the hand-off one read and one change set", async () => {
    seedInCommerce(store);
    store.get("leads", Ids.lead)!.msdyn_b2bprospectstatus = ProspectStatus.Rejected;
    const image = { statecode: optionSetValue(OpportunityState.Lost), originatingleadid: entityReference("lead", Ids.lead) };
    expect(await cost(store, "opportunityState.validate", stateUpdate("opportunityState.validate", OpportunityState.Open, image))).toEqual({
      outcome: "allowed",
      reads: ["leads(id)", "usersettingscollection(id)"],
      writes: [],
      stats: { requests: 1, reads: 1, writes: 0 },
    });
    expect(await cost(store, "opportunityState.handoff", stateUpdate("opportunityState.handoff", OpportunityState.Open, image))).toEqual({
      outcome: "applied",
      reads: ["leads FetchXML"],
      writes: [["annotations", "leads"]],
      stats: { requests: 2, reads: 1, writes: 1 },
    });
  });
});

describe("a Commerce B2B record, cb2b_RequireApproverRole on", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedApproverPolicy(store, { value: "yes" });
    seedLead(store);
    seedInCommerce(store);
  });

  it("an approver: the records, the variable, the role (one FetchXML) and the language, in one round trip", async () => {
    assignRole(store, Ids.rep, ApproverIds.roleCopy);
    expect(await cost(store, "winOpportunity.validate", close("winOpportunity.validate"))).toEqual({
      outcome: "allowed",
      reads: ["leads FetchXML", ...approverAndLanguage],
      writes: [],
      stats: { requests: 1, reads: 1, writes: 0 },
    });
  });

  it("refused, in the user's language: the same one round trip", async () => {
    expect(await cost(store, "loseOpportunity.validate", close("loseOpportunity.validate"))).toEqual({
      outcome: "refused",
      reads: ["leads FetchXML", ...approverAndLanguage],
      writes: [],
      stats: { requests: 1, reads: 1, writes: 0 },
    });
  });
});

describe("the same counts in the webhook's answer, over HTTP", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ log: false });
    seedApproverPolicy(h.store);
  });
  afterEach(() => h.close());

  const deliver = async (context: RemoteExecutionContext) => {
    const body = serializeRemoteExecutionContext(context);
    return h.post(body, { ...webhookHeadersFor(context, { organization: "contoso.crm4.dynamics.com" }), "x-cb2b-webhook-key": WebhookKey });
  };

  it("a walk-in lead disqualified: nothing", async () => {
    seedLead(h.store, { msdyn_b2bcommerceprospect: false });
    const response = await deliver(stateUpdate("leadState.validate", LeadState.Disqualified, walkInLeadImage(LeadState.Open)));
    expect(response.json).toMatchObject({ outcome: "notApplicable", dataverse: { requests: 0, reads: 0, writes: 0 } });
    expect(h.stub.requests).toEqual([]);
  });

  /** The requests the stub saw, a $batch with the GETs inside it. */
  const seen = () => h.stub.requests.map((r) => [`${r.method} ${r.path.split("?")[0]}`, ...(r.parts ?? []).map((p) => `${p.method} ${p.path.split("?")[0]}`)]);
  const closeBatch = ["POST /api/data/v9.2/$batch", "GET /api/data/v9.2/leads", "GET /api/data/v9.2/environmentvariabledefinitions", "GET /api/data/v9.2/roles", `GET /api/data/v9.2/usersettingscollection(${Ids.rep})`];

  it("Close as Won of an opportunity not from a Commerce lead: one request", async () => {
    seedLead(h.store);
    seedQualified(h.store, { opportunity: { _originatingleadid_value: null } });
    const response = await deliver(close("winOpportunity.validate"));
    expect(response.json).toMatchObject({ outcome: "notApplicable", dataverse: { requests: 1, reads: 1, writes: 0 } });
    expect(seen()).toEqual([closeBatch]);
  });

  it("Close as Won of a Commerce opportunity: the records, the approver rule and the language in one $batch", async () => {
    seedLead(h.store);
    seedInCommerce(h.store);
    const response = await deliver(close("winOpportunity.validate"));
    expect(response.json).toMatchObject({ outcome: "allowed", dataverse: { requests: 1, reads: 1, writes: 0 } });
    expect(seen()).toEqual([closeBatch]);
  });

  it("Close as Won refused in Finnish while the customers are not in Commerce: still one request", async () => {
    seedLead(h.store);
    seedQualified(h.store);
    const context = close("winOpportunity.validate");
    context.userId = Ids.finnishRep;
    context.initiatingUserId = Ids.finnishRep;
    const response = await deliver(context);
    expect(response.status).toBe(409);
    expect(response.json).toMatchObject({ outcome: "refused", dataverse: { requests: 1, reads: 1, writes: 0 } });
    expect(String(response.json.message)).toMatch(/^Asiakasyritys ei ole vielä Commercen organisaatioasiakas/);
  });

  it("the win hand-off: one read, then note and status in one $batch change set", async () => {
    seedLead(h.store);
    seedInCommerce(h.store);
    h.store.get("opportunities", Ids.opportunity)!.statecode = OpportunityState.Won;
    const response = await deliver(close("winOpportunity.handoff"));
    expect(response.json).toMatchObject({ outcome: "applied", dataverse: { requests: 2, reads: 1, writes: 1 } });
    const [read, batch] = h.stub.requests;
    expect(read).toMatchObject({ method: "GET", path: expect.stringMatching(/^\/api\/data\/v9\.2\/leads\?fetchXml=/) });
    expect(batch).toMatchObject({ method: "POST", path: "/api/data/v9.2/$batch" });
    expect(batch.parts!.map((p) => `${p.method} ${p.path.replace(/\(.*\)/, "")} ${p.ifMatch ?? "-"}`)).toEqual([
      "PATCH /api/data/v9.2/annotations -",
      `PATCH /api/data/v9.2/leads W/"1"`,
    ]);
    expect(h.store.changeSets).toHaveLength(1);
    expect(h.store.get("leads", Ids.lead)?.msdyn_b2bprospectstatus).toBe(ProspectStatus.Approved);
  });

  it("the QualifyLead hand-off: one read, one $batch change set", async () => {
    seedLead(h.store);
    seedQualified(h.store);
    const response = await deliver(qualify("qualifyLead.handoff"));
    expect(response.json).toMatchObject({ outcome: "applied", dataverse: { requests: 2, reads: 1, writes: 1 } });
    expect(h.store.changeSets.map((set) => set.map((w) => w.entitySet))).toEqual([["annotations", "leads", "accounts", "contacts"]]);
  });

  it("a change set that loses to a parallel delivery changes nothing, and the delivery is decided again", async () => {
    seedLead(h.store);
    seedInCommerce(h.store);
    h.store.get("opportunities", Ids.opportunity)!.statecode = OpportunityState.Lost;
    // Someone changes the lead right after this delivery read it: the status write's If-Match fails, so
    // the note created in the same change set is rolled back too.
    const query = h.store.query.bind(h.store);
    let changed = false;
    h.store.query = (entitySet, q) => {
      const rows = query(entitySet, q);
      if (!changed && entitySet === "leads") {
        changed = true;
        h.store.patch("leads", Ids.lead, { telephone1: "+358 40 123 4567" });
      }
      return rows;
    };
    const response = await deliver(close("loseOpportunity.handoff"));
    // Decided again on the lead as it is now: applied in the second attempt, once.
    expect(response.json).toMatchObject({ outcome: "applied", dataverse: { requests: 4, reads: 2, writes: 2 } });
    expect(h.store.changeSets).toHaveLength(1);
    expect(h.store.table("annotations").size).toBe(1);
  });
});
