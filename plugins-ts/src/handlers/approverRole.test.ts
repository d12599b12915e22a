/**
 * `cb2b_RequireApproverRole` on the server, and records that are not Commerce B2B ones costing nothing.
 * Handlers run against the in-memory Dataverse (every read is recorded), and through the Node host over
 * HTTP, where the webhook's answer counts the Web API requests of the delivery.
 */
import { ApproverRoleId, LeadColumns, OpportunityColumns, ProspectStatus } from "../../../core/src";
import type { DataverseStore } from "../../test/dataverseStore";
import { runHandler, TestNow as NOW } from "../../test/runHandler";
import { ApproverIds, assignRole, Ids, newStore, seedApproverPolicy, seedInCommerce, seedLead, seedQualified, teamWithRole } from "../../test/scenario";
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
  type EntityValue,
  type RemoteExecutionContext,
} from "../executionContext";
import { approverRoleFetchXml } from "./approver";

const otherUser = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c03";

const run = runHandler;

const close = (message: "WinOpportunity" | "LoseOpportunity", userId: string = Ids.rep, initiatingUserId: string = userId) =>
  createRemoteExecutionContext({
    messageName: message,
    primaryEntityName: "opportunity",
    stage: 10,
    mode: 0,
    userId,
    initiatingUserId,
    operationCreatedOn: NOW,
    inputParameters: parameters({
      OpportunityClose: entity("opportunityclose", EmptyGuid, { opportunityid: entityReference("opportunity", Ids.opportunity) }),
      Status: optionSetValue(message === "WinOpportunity" ? 3 : 4),
    }),
  });

/** The registered PreImage of the lead/opportunity state steps, null columns left out as the platform does. */
function leadImage(flag: boolean | null, status: number | null, state = 0): EntityValue {
  const attributes: Record<string, ContextValue> = { statecode: optionSetValue(state) };
  if (flag !== null) attributes[LeadColumns.isCommerceB2BProspect] = flag;
  if (status !== null) attributes[LeadColumns.prospectStatus] = optionSetValue(status);
  return entity("lead", Ids.lead, attributes);
}

function opportunityImage(originatingLeadId: string | null, state: number): EntityValue {
  const attributes: Record<string, ContextValue> = { statecode: optionSetValue(state) };
  if (originatingLeadId !== null) attributes[OpportunityColumns.originatingLead] = entityReference("lead", originatingLeadId);
  return entity("opportunity", Ids.opportunity, attributes);
}

/** Lead state change as the synchronous step receives it: Update (Target) or SetState (EntityMoniker), with the PreImage. */
function leadStateChange(how: "Update" | "SetState", state: number, image: EntityValue, userId: string = Ids.rep) {
  return createRemoteExecutionContext({
    messageName: how,
    primaryEntityName: "lead",
    primaryEntityId: Ids.lead,
    stage: 10,
    mode: 0,
    userId,
    operationCreatedOn: NOW,
    inputParameters:
      how === "Update"
        ? parameters({ Target: entity("lead", Ids.lead, { statecode: optionSetValue(state), statuscode: optionSetValue(state === 2 ? 6 : 1) }) })
        : parameters({ EntityMoniker: entityReference("lead", Ids.lead), State: optionSetValue(state), Status: optionSetValue(-1) }),
    preEntityImages: new Map([["PreImage", image]]),
  });
}

function opportunityReopen(how: "Update" | "SetState", image: EntityValue) {
  return createRemoteExecutionContext({
    messageName: how,
    primaryEntityName: "opportunity",
    primaryEntityId: Ids.opportunity,
    stage: 10,
    mode: 0,
    userId: Ids.rep,
    operationCreatedOn: NOW,
    inputParameters:
      how === "Update"
        ? parameters({ Target: entity("opportunity", Ids.opportunity, { statecode: optionSetValue(0) }) })
        : parameters({ EntityMoniker: entityReference("opportunity", Ids.opportunity), State: optionSetValue(0), Status: optionSetValue(-1) }),
    preEntityImages: new Map([["PreImage", image]]),
  });
}

const roleQueries = (store: DataverseStore) => store.reads.filter((r) => r.startsWith("roles?"));
const variableReads = (store: DataverseStore) => store.reads.filter((r) => r.startsWith("environmentvariabledefinitions?"));

describe("cb2b_RequireApproverRole on, user without the approver role", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedLead(store);
    seedInCommerce(store);
    seedApproverPolicy(store, { value: "yes" });
    // A role that is not the approver role, held directly and through a team: not enough.
    assignRole(store, Ids.rep, ApproverIds.otherRole);
    teamWithRole(store, ApproverIds.otherTeam, ApproverIds.otherRole, [Ids.rep, Ids.finnishRep]);
    // The approver role held by someone else, and by a team the reps are not in.
    assignRole(store, otherUser, ApproverIds.roleCopy);
    teamWithRole(store, ApproverIds.team, ApproverIds.roleCopy, [otherUser]);
  });

  it("refuses Close as Won, in English", async () => {
    await expect(run(store, "winOpportunity.validate", close("WinOpportunity"))).resolves.toEqual({
      kind: "refused",
      reason: "approverRoleRequired",
      message:
        "Only users with the Commerce B2B approver security role can close this Commerce B2B opportunity as won: it approves the partner in Commerce. Ask an administrator to assign the role to you or to one of your teams.",
    });
    expect(variableReads(store)).toHaveLength(1);
    expect(roleQueries(store)).toEqual([`roles?fetchXml=${approverRoleFetchXml(Ids.rep)}`]);
    expect(store.writes).toEqual([]);
  });

  it("refuses Close as Won and Close as Lost in Finnish for a user whose UI language is 1035", async () => {
    const won = await run(store, "winOpportunity.validate", close("WinOpportunity", Ids.finnishRep));
    expect(won).toMatchObject({ kind: "refused", reason: "approverRoleRequired" });
    expect((won as { message: string }).message).toMatch(/^Vain käyttäjät, joilla on käyttöoikeusrooli Commerce B2B approver, voivat sulkea tämän Commercen B2B-myyntimahdollisuuden voitettuna/);
    const lost = await run(store, "loseOpportunity.validate", close("LoseOpportunity", Ids.finnishRep));
    expect((lost as { message: string }).message).toMatch(/voivat sulkea tämän Commercen B2B-myyntimahdollisuuden hävittynä: se hylkää kumppanin Commercessa\./);
  });

  it("refuses Close as Lost, in English", async () => {
    const outcome = await run(store, "loseOpportunity.validate", close("LoseOpportunity"));
    expect(outcome).toMatchObject({ kind: "refused", reason: "approverRoleRequired" });
    expect((outcome as { message: string }).message).toMatch(/^Only users with the Commerce B2B approver security role can close this Commerce B2B opportunity as lost/);
  });

  it.each(["Update", "SetState"] as const)("refuses to disqualify the lead (%s), in the user's language", async (how) => {
    store.get("leads", Ids.lead)!.statecode = 0;
    const image = leadImage(true, ProspectStatus.Pending);
    const english = await run(store, "leadState.validate", leadStateChange(how, 2, image));
    expect((english as { message: string }).message).toMatch(/^Only users with the Commerce B2B approver security role can disqualify this Commerce B2B lead/);
    const finnish = await run(store, "leadState.validate", leadStateChange(how, 2, image, Ids.finnishRep));
    expect((finnish as { message: string }).message).toMatch(/^Vain käyttäjät, joilla on käyttöoikeusrooli Commerce B2B approver, voivat hylätä tämän Commercen B2B-liidin/);
  });

  it("still lets anyone reactivate a rejected lead: the role guards approving and rejecting only", async () => {
    const image = leadImage(true, ProspectStatus.Rejected, 2);
    await expect(run(store, "leadState.validate", leadStateChange("Update", 0, image))).resolves.toMatchObject({ kind: "allowed" });
    expect(variableReads(store)).toEqual([]);
  });

  it("refuses a trimmed state change of a Commerce lead: it may be a disqualification", async () => {
    store.get("leads", Ids.lead)!.statecode = 0;
    const context = leadStateChange("SetState", 2, leadImage(true, ProspectStatus.Pending));
    context.inputParameters.clear();
    context.preEntityImages.clear();
    await expect(run(store, "leadState.validate", context, true)).resolves.toMatchObject({ kind: "refused", reason: "approverRoleRequired" });
  });

  it("checks the initiating user, not the user a step runs as", async () => {
    assignRole(store, Ids.finnishRep, ApproverIds.roleCopy);
    // The step runs as the approver (impersonation), but the rep started the operation: refused.
    await expect(run(store, "winOpportunity.validate", close("WinOpportunity", Ids.finnishRep, Ids.rep))).resolves.toMatchObject({
      kind: "refused",
      reason: "approverRoleRequired",
    });
    await expect(run(store, "winOpportunity.validate", close("WinOpportunity", Ids.rep, Ids.finnishRep))).resolves.toMatchObject({ kind: "allowed" });
  });
});

describe("cb2b_RequireApproverRole on, user with the approver role", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedLead(store);
    seedInCommerce(store);
    seedApproverPolicy(store, { value: "yes" });
  });

  it("allows Close as Won when the user holds the business unit's copy of the role directly", async () => {
    assignRole(store, Ids.rep, ApproverIds.roleCopy);
    await expect(run(store, "winOpportunity.validate", close("WinOpportunity"))).resolves.toMatchObject({ kind: "allowed" });
    expect(roleQueries(store)).toHaveLength(1);
  });

  it("allows Close as Won, Close as Lost and disqualify through a team the user is a member of", async () => {
    teamWithRole(store, ApproverIds.team, ApproverIds.roleCopy, [otherUser, Ids.rep]);
    await expect(run(store, "winOpportunity.validate", close("WinOpportunity"))).resolves.toMatchObject({ kind: "allowed" });
    await expect(run(store, "loseOpportunity.validate", close("LoseOpportunity"))).resolves.toMatchObject({ kind: "allowed" });
    await expect(run(store, "leadState.validate", leadStateChange("SetState", 2, leadImage(true, ProspectStatus.Pending)))).resolves.toMatchObject({
      kind: "allowed",
    });
  });

  it("matches the root role by parentrootroleid, whichever business unit's copy is held", async () => {
    assignRole(store, Ids.rep, ApproverRoleId);
    await expect(run(store, "winOpportunity.validate", close("WinOpportunity"))).resolves.toMatchObject({ kind: "allowed" });
  });

  it("does not lift the hand-off rules: an approver cannot approve a rejected prospect", async () => {
    assignRole(store, Ids.rep, ApproverIds.roleCopy);
    store.get("leads", Ids.lead)!.msdyn_b2bprospectstatus = ProspectStatus.Rejected;
    await expect(run(store, "winOpportunity.validate", close("WinOpportunity"))).resolves.toMatchObject({ kind: "refused", reason: "rejectedMustReopenFirst" });
  });
});

describe("cb2b_RequireApproverRole off", () => {
  it.each([
    ["the shipped default (no), no current value", { defaultValue: "no" }],
    ["a current value of no over a default of yes", { defaultValue: "yes", value: "no" }],
    ["a definition that does not exist", null],
  ])("allows: %s (the variable and the role read in the step's one round trip, the role not needed)", async (_, setting) => {
    const store = newStore();
    seedLead(store);
    seedInCommerce(store);
    if (setting) seedApproverPolicy(store, setting);
    await expect(run(store, "winOpportunity.validate", close("WinOpportunity"))).resolves.toMatchObject({ kind: "allowed" });
    await expect(run(store, "loseOpportunity.validate", close("LoseOpportunity"))).resolves.toMatchObject({ kind: "allowed" });
    await expect(run(store, "leadState.validate", leadStateChange("Update", 2, leadImage(true, ProspectStatus.Pending)))).resolves.toMatchObject({
      kind: "allowed",
    });
    expect(variableReads(store)).toHaveLength(3);
    // Read with the variable rather than after it: a role the user does not hold does not matter while the rule is off.
    expect(roleQueries(store)).toHaveLength(3);
    expect(store.readBatches.map((batch) => batch.map((read) => read.replace(/[?(].*$/, "")))).toEqual([
      ["leads", "environmentvariabledefinitions", "roles", "usersettingscollection"],
      ["leads", "environmentvariabledefinitions", "roles", "usersettingscollection"],
      ["environmentvariabledefinitions", "roles", "usersettingscollection"],
    ]);
  });

  it.each([
    ["yes", "yes"],
    ["true", "True"],
    ["1", "1"],
  ])("is on for a current value of %s, and for a default of yes when the current value is empty", async (_, value) => {
    for (const setting of [{ value }, { defaultValue: "yes", value: "" }]) {
      const store = newStore();
      seedLead(store);
      seedInCommerce(store);
      seedApproverPolicy(store, setting);
      await expect(run(store, "winOpportunity.validate", close("WinOpportunity"))).resolves.toMatchObject({ reason: "approverRoleRequired" });
    }
  });
});

describe("records that are not Commerce B2B ones (in memory)", () => {
  let store: DataverseStore;
  beforeEach(() => {
    store = newStore();
    seedApproverPolicy(store, { value: "yes" });
  });

  it.each(["Update", "SetState"] as const)("decides a lead disqualification (%s) from the PreImage with no read", async (how) => {
    for (const flag of [false, null]) {
      await expect(run(store, "leadState.validate", leadStateChange(how, 2, leadImage(flag, null)))).resolves.toMatchObject({ kind: "notApplicable" });
    }
    expect(store.reads).toEqual([]);
  });

  it.each(["Update", "SetState"] as const)("decides an opportunity reopen (%s) without an originating lead from the PreImage with no read", async (how) => {
    await expect(run(store, "opportunityState.validate", opportunityReopen(how, opportunityImage(null, 2)))).resolves.toMatchObject({ kind: "notApplicable" });
    expect(store.reads).toEqual([]);
  });

  it("decides the asynchronous hand-off of a non-Commerce lead from its PreImage with no read", async () => {
    const context = leadStateChange("Update", 2, leadImage(false, null));
    await expect(run(store, "leadState.handoff", { ...context, stage: 40, mode: 1 })).resolves.toMatchObject({ kind: "notApplicable" });
    expect(store.reads).toEqual([]);
  });

  it("reads the rows when the step has no PreImage (registered by hand), and still answers notApplicable: one round trip", async () => {
    seedLead(store, { msdyn_b2bcommerceprospect: false });
    const context = leadStateChange("Update", 2, leadImage(false, null));
    context.preEntityImages.clear();
    await expect(run(store, "leadState.validate", context)).resolves.toMatchObject({ kind: "notApplicable" });
    // The lead, and what a refusal of a Commerce one would need, in the same $batch.
    expect(store.readBatches).toEqual([store.reads]);
    expect(store.reads[0]).toBe(`leads(${Ids.lead})`);
  });
});

describe("Web API requests per delivery, as the webhook answers them", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ log: false });
  });
  afterEach(() => h.close());

  async function deliver(context: RemoteExecutionContext) {
    const body = serializeRemoteExecutionContext(context);
    const headers = { ...webhookHeadersFor(context, { organization: "contoso.crm4.dynamics.com" }), "x-cb2b-webhook-key": WebhookKey };
    return h.post(body, headers);
  }

  it.each([
    ["disqualify of a lead that is not a Commerce B2B lead (Update)", () => leadStateChange("Update", 2, leadImage(false, null))],
    ["disqualify of a lead with no Commerce flag at all (SetState)", () => leadStateChange("SetState", 2, leadImage(null, null))],
    ["reopen of an opportunity not qualified from a lead (Update)", () => opportunityReopen("Update", opportunityImage(null, 2))],
    ["reopen of an opportunity not qualified from a lead (SetState)", () => opportunityReopen("SetState", opportunityImage(null, 1))],
    ["a state change that is not a disqualify or reactivate", () => leadStateChange("Update", 1, leadImage(true, ProspectStatus.Pending))],
  ])("makes none for %s", async (_, context) => {
    seedApproverPolicy(h.store, { value: "yes" });
    const response = await deliver(context());
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ outcome: "notApplicable", dataverse: { requests: 0 } });
    expect(h.stub.requests).toEqual([]);
  });

  it("reads the variable, the roles and the user's language in one $batch, whether the variable is off or on", async () => {
    seedLead(h.store);
    seedApproverPolicy(h.store, { value: "no" });
    const disqualify = () => leadStateChange("Update", 2, leadImage(true, ProspectStatus.Pending));
    expect((await deliver(disqualify())).json).toMatchObject({ outcome: "allowed", dataverse: { requests: 1, reads: 1 } });

    seedApproverPolicy(h.store, { value: "yes" });
    assignRole(h.store, Ids.rep, ApproverIds.roleCopy);
    expect((await deliver(disqualify())).json).toMatchObject({ outcome: "allowed", dataverse: { requests: 1, reads: 1 } });
    const batch = ["/api/data/v9.2/environmentvariabledefinitions", "/api/data/v9.2/roles", `/api/data/v9.2/usersettingscollection(${Ids.rep})`];
    expect(h.stub.requests.map((r) => [`${r.method} ${r.path}`, r.parts?.map((p) => `${p.method} ${p.path.split("?")[0]}`)])).toEqual([
      ["POST /api/data/v9.2/$batch", batch.map((path) => `GET ${path}`)],
      ["POST /api/data/v9.2/$batch", batch.map((path) => `GET ${path}`)],
    ]);
  });

  it("refuses with 409 in the user's language: variable, roles and the user's settings", async () => {
    seedLead(h.store);
    seedQualified(h.store);
    seedApproverPolicy(h.store, { value: "yes" });
    const response = await deliver(leadStateChange("SetState", 2, leadImage(true, ProspectStatus.Pending), Ids.finnishRep));
    expect(response.status).toBe(409);
    expect(response.json).toMatchObject({ outcome: "refused", reason: "approverRoleRequired", dataverse: { requests: 1 } });
    expect(String(response.json.message)).toMatch(/^Vain käyttäjät/);
  });
});
