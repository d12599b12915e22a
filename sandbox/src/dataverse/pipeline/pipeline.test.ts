/** The webhook pipeline against a tiny local receiver: what is posted, sync refusals, async jobs and retries. */
import { getEntity, getEntityReference } from "../../../../plugins-ts/src/executionContext";
import { rows, startClient, type Client } from "../test/harness";
import { Receiver, webhookStepRecord } from "../test/webhookReceiver";
import { SandboxUsers } from "../users";


let client: Client;
let receiver: Receiver;
let endpointId: string;

beforeEach(async () => {
  client = await startClient();
  receiver = new Receiver();
  await receiver.start();
  endpointId = await client.create("serviceendpoints", {
    name: "Commerce B2B webhook",
    contract: 8,
    authtype: 5,
    authvalue: '<settings><setting name="x-cb2b-webhook-key" value="s3cret" /></settings>',
    messageformat: 2,
    url: receiver.url,
  });
});
afterEach(async () => {
  await client.server.close();
  await receiver.stop();
});

async function registerStep(message: string, entity: string, stage: number, mode: number, extra: Record<string, unknown> = {}): Promise<string> {
  return client.create("sdkmessageprocessingsteps", {
    ...webhookStepRecord({ name: `Cb2b.Webhook: ${message} of ${entity}`, message, entity, stage, mode, endpointId }),
    ...extra,
  });
}

const lead = { firstname: "Aino", lastname: "Virtanen", companyname: "Kahvila Oy", subject: "Sign-up" };

test("a synchronous step receives the RemoteExecutionContext with Dataverse's headers and the endpoint's auth header", async () => {
  const stepId = await registerStep("Create", "lead", 20, 0);
  const leadId = await client.create("leads", lead, SandboxUsers.dualWrite.token);
  expect(receiver.received).toHaveLength(1);
  const [{ headers, context }] = receiver.received;
  expect(headers["x-cb2b-webhook-key"]).toBe("s3cret");
  expect(headers["x-ms-dynamics-entity-name"]).toBe("lead");
  expect(headers["x-ms-dynamics-request-name"]).toBe("Create");
  expect(headers["x-ms-correlation-request-id"]).toBe(context.correlationId);
  expect(headers["x-ms-dynamics-organization"]).toBe(new URL(client.server.url).host);
  expect(context).toMatchObject({ messageName: "Create", primaryEntityName: "lead", primaryEntityId: leadId, stage: 20, mode: 0, depth: 1, userId: SandboxUsers.dualWrite.id });
  expect(context.owningExtension).toMatchObject({ logicalName: "sdkmessageprocessingstep", id: stepId });
  const target = getEntity(context.inputParameters, "Target");
  expect(target?.attributes.get("companyname")).toBe("Kahvila Oy");
});

test("a synchronous step answering outside 2xx fails the operation with Endpoint unavailable, not the webhook's text, and writes nothing", async () => {
  await registerStep("Create", "lead", 10, 0, { name: "Cb2b.Webhook: refuse" });
  // Dataverse reads the status code only (use-webhooks, Troubleshoot WebHook registrations): the body is not passed on.
  receiver.answers.push({ status: 409, body: { outcome: "refused", message: "Company name is missing." } });
  const answer = await client.post("leads", lead);
  expect(answer.status).toBe(400);
  expect(answer.body.error).toEqual({
    code: "0x80040265",
    message:
      "Endpoint unavailable: the webhook service endpoint may be configured incorrectly or is not available. Step 'Cb2b.Webhook: refuse': The webhook answered HTTP 409 (Conflict).",
  });
  expect(answer.text).not.toContain("Company name is missing.");
  expect(rows(await client.get("leads"))).toHaveLength(0);
});

test("a synchronous step gets one more attempt after a 503, and the operation goes through when it succeeds", async () => {
  await registerStep("Create", "lead", 20, 0);
  receiver.answers.push({ status: 503 });
  expect((await client.post("leads", lead)).status).toBe(204);
  expect(receiver.received).toHaveLength(2);
  expect(receiver.received[0].raw).toBe(receiver.received[1].raw);
});

test("a refusal in a nested message rolls back the whole QualifyLead; the nested context has depth 2 and its parent", async () => {
  const leadId = await client.create("leads", lead);
  await registerStep("Create", "contact", 20, 0);
  receiver.answers.push({ status: 409, body: { message: "No contacts today." } });
  const answer = await client.post(`leads(${leadId})/Microsoft.Dynamics.CRM.QualifyLead`, { CreateAccount: true, CreateContact: true, CreateOpportunity: true, Status: 3 });
  expect(answer.status).toBe(400);
  expect((answer.body.error as { message: string }).message).toMatch(/^Endpoint unavailable: .*HTTP 409 \(Conflict\)\.$/);
  expect(rows(await client.get("accounts"))).toHaveLength(0);
  expect((await client.get(`leads(${leadId})?$select=statecode`)).body.statecode).toBe(0);
  const [{ context }] = receiver.received;
  expect(context.depth).toBe(2);
  expect(context.parentContext).toMatchObject({ messageName: "QualifyLead", primaryEntityName: "lead", primaryEntityId: leadId });
});

test("an asynchronous step runs after commit, is retried once on 503 and is recorded as a succeeded system job", async () => {
  const stepId = await registerStep("QualifyLead", "lead", 40, 1);
  const leadId = await client.create("leads", lead);
  receiver.answers.push({ status: 503 });
  const answer = await client.post(`leads(${leadId})/Microsoft.Dynamics.CRM.QualifyLead`, { CreateAccount: true, CreateContact: true, CreateOpportunity: true, Status: 3 });
  expect(answer.status).toBe(200);
  await client.server.whenIdle();
  expect(receiver.received).toHaveLength(2);
  const [first, second] = receiver.received.map((r) => r.context);
  expect(first.operationId).toBe(second.operationId);
  expect(first).toMatchObject({ messageName: "QualifyLead", stage: 40, mode: 1, primaryEntityId: leadId });
  expect(getEntityReference(first.inputParameters, "LeadId")?.id).toBe(leadId);
  expect(first.outputParameters.get("CreatedEntities")).toHaveLength(3);
  const jobs = rows(await client.get(`asyncoperations?$filter=_owningextensionid_value eq ${stepId}`));
  expect(jobs).toEqual([
    expect.objectContaining({ asyncoperationid: first.operationId, statecode: 3, statuscode: 30, retrycount: 1, messagename: "QualifyLead", _regardingobjectid_value: leadId }),
  ]);
});

test("an asynchronous step failing twice with 503 is recorded as failed with the status; the operation stays committed", async () => {
  await registerStep("Create", "account", 40, 1);
  receiver.answers.push({ status: 503, body: { message: "busy" } }, { status: 503, body: { message: "still busy" } }, { status: 503 });
  const accountId = await client.create("accounts", { name: "Async Oy" });
  await client.server.whenIdle();
  expect(receiver.received).toHaveLength(2);
  expect((await client.get(`accounts(${accountId})?$select=name`)).status).toBe(200);
  const [job] = rows(await client.get("asyncoperations"));
  expect(job).toMatchObject({ statecode: 3, statuscode: 31, retrycount: 1, message: "The webhook answered HTTP 503 (Service Unavailable)." });
});

test("a succeeded job of an AsyncAutoDelete step is removed; a failed one is kept", async () => {
  await registerStep("Create", "account", 40, 1, { asyncautodelete: true });
  await client.create("accounts", { name: "Quiet success Oy" });
  await client.server.whenIdle();
  expect(receiver.received).toHaveLength(1);
  expect(rows(await client.get("asyncoperations"))).toHaveLength(0);
  receiver.answers.push({ status: 400, body: { message: "nope" } });
  await client.create("accounts", { name: "Loud failure Oy" });
  await client.server.whenIdle();
  expect(rows(await client.get("asyncoperations"))).toEqual([expect.objectContaining({ statuscode: 31 })]);
});

test("a context above 256 KB is posted trimmed, with x-ms-dynamics-msg-size-exceeded", async () => {
  await registerStep("Create", "lead", 20, 0);
  await client.create("leads", { ...lead, description: "x".repeat(300 * 1024) });
  const [{ headers, context }] = receiver.received;
  expect(headers["x-ms-dynamics-msg-size-exceeded"]).toBeDefined();
  expect(context.inputParameters.size).toBe(0);
  expect(context.messageName).toBe("Create");
});

test("a 500 from an asynchronous step is not retried", async () => {
  await registerStep("Create", "account", 40, 1);
  receiver.answers.push({ status: 500, body: { message: "bug" } });
  await client.create("accounts", { name: "Once Oy" });
  await client.server.whenIdle();
  expect(receiver.received).toHaveLength(1);
  expect(rows(await client.get("asyncoperations"))[0]).toMatchObject({ statuscode: 31, retrycount: 0 });
});

test("Update steps honour filtering attributes and get their pre-image; SetState steps do not fire for an Update", async () => {
  const stateStep = await registerStep("Update", "lead", 40, 0, { filteringattributes: "statecode" });
  await registerStep("SetState", "lead", 10, 0);
  await client.create("sdkmessageprocessingstepimages", {
    name: "PreImage",
    entityalias: "PreImage",
    imagetype: 0,
    messagepropertyname: "Target",
    attributes: "statecode,msdyn_b2bprospectstatus",
    "sdkmessageprocessingstepid@odata.bind": `/sdkmessageprocessingsteps(${stateStep})`,
  });
  const leadId = await client.create("leads", { ...lead, msdyn_b2bprospectstatus: 192350000 });
  expect((await client.patch(`leads(${leadId})`, { subject: "Renamed" })).status).toBe(204);
  expect(receiver.received).toHaveLength(0);
  expect((await client.patch(`leads(${leadId})`, { statecode: 2, statuscode: 4 })).status).toBe(204);
  expect(receiver.received.map((r) => [r.context.messageName, r.context.owningExtension?.id])).toEqual([["Update", stateStep]]);
  const update = receiver.received[0].context;
  expect([...(getEntity(update.inputParameters, "Target")?.attributes.keys() ?? [])].sort()).toEqual(["statecode", "statuscode"]);
  const preImage = update.preEntityImages.get("PreImage");
  expect(preImage?.attributes.get("statecode")).toEqual({ type: "OptionSetValue", value: 0 });
  expect([...(preImage?.attributes.keys() ?? [])].sort()).toEqual(["msdyn_b2bprospectstatus", "statecode"]);
});

test("an Update setting state and other columns runs pre-validation once and the later stages once per part", async () => {
  await registerStep("Update", "lead", 10, 0);
  await registerStep("Update", "lead", 20, 0);
  const leadId = await client.create("leads", lead);
  expect((await client.patch(`leads(${leadId})`, { subject: "Disqualified", statecode: 2, statuscode: 6 })).status).toBe(204);
  const targets = receiver.received.map((r) => [r.context.stage, [...(getEntity(r.context.inputParameters, "Target")?.attributes.keys() ?? [])].sort()]);
  expect(targets).toEqual([
    [10, ["statecode", "statuscode", "subject"]],
    [20, ["subject"]],
    [20, ["statecode", "statuscode"]],
  ]);
});

test("a WebhookKey endpoint gets the key as ?code=", async () => {
  expect((await client.patch(`serviceendpoints(${endpointId})`, { authtype: 4, authvalue: "k3y" })).status).toBe(204);
  await registerStep("Create", "contact", 20, 0);
  await client.create("contacts", { lastname: "Key" });
  expect(new URL(receiver.received[0].url, "http://x").searchParams.get("code")).toBe("k3y");
});

test("a disabled step does not fire", async () => {
  const stepId = await registerStep("Create", "contact", 20, 0);
  expect((await client.patch(`sdkmessageprocessingsteps(${stepId})`, { statecode: 1, statuscode: 2 })).status).toBe(204);
  await client.create("contacts", { lastname: "Quiet" });
  expect(receiver.received).toHaveLength(0);
});

async function registerImage(stepId: string, messagePropertyName: string, attributes: string): Promise<void> {
  await client.create("sdkmessageprocessingstepimages", {
    name: "PreImage",
    entityalias: "PreImage",
    imagetype: 0,
    messagepropertyname: messagePropertyName,
    attributes,
    "sdkmessageprocessingstepid@odata.bind": `/sdkmessageprocessingsteps(${stepId})`,
  });
}

test("a synchronous PreValidation Update step gets its pre-image: the registered columns as they were, null ones left out", async () => {
  const stepId = await registerStep("Update", "lead", 10, 0, { filteringattributes: "statecode" });
  await registerImage(stepId, "Target", "statecode,msdyn_b2bcommerceprospect,msdyn_b2bprospectstatus");
  const commerceLead = await client.create("leads", { ...lead, msdyn_b2bcommerceprospect: true, msdyn_b2bprospectstatus: 192350000 });
  const otherLead = await client.create("leads", { ...lead, companyname: "Other Oy" });
  expect((await client.patch(`leads(${commerceLead})`, { statecode: 2, statuscode: 6 })).status).toBe(204);
  expect((await client.patch(`leads(${otherLead})`, { statecode: 2, statuscode: 6 })).status).toBe(204);
  expect(receiver.received.map((r) => [r.context.stage, r.context.mode, r.context.primaryEntityId])).toEqual([
    [10, 0, commerceLead],
    [10, 0, otherLead],
  ]);
  const [commerce, other] = receiver.received.map((r) => r.context.preEntityImages.get("PreImage"));
  expect(Object.fromEntries(commerce?.attributes ?? [])).toEqual({
    statecode: { type: "OptionSetValue", value: 0 },
    msdyn_b2bcommerceprospect: true,
    msdyn_b2bprospectstatus: { type: "OptionSetValue", value: 192350000 },
  });
  expect(Object.fromEntries(other?.attributes ?? [])).toEqual({ statecode: { type: "OptionSetValue", value: 0 } });
});

test("steps on messages without entity images (QualifyLead, WinOpportunity) get none, whatever is registered", async () => {
  const winStep = await registerStep("WinOpportunity", "opportunity", 10, 0);
  await registerImage(winStep, "Target", "statecode,originatingleadid");
  const qualifyStep = await registerStep("QualifyLead", "lead", 10, 0);
  await registerImage(qualifyStep, "Target", "statecode");
  const opportunityId = await client.create("opportunities", { name: "Deal" });
  const won = await client.post("WinOpportunity", { OpportunityClose: { subject: "Won", "opportunityid@odata.bind": `/opportunities(${opportunityId})` }, Status: 3 });
  expect(won.status).toBe(204);
  const leadId = await client.create("leads", lead);
  expect((await client.post(`leads(${leadId})/Microsoft.Dynamics.CRM.QualifyLead`, { CreateAccount: false, CreateContact: false, CreateOpportunity: false, Status: 3 })).status).toBe(200);
  expect(receiver.received.map((r) => [r.context.messageName, r.context.preEntityImages.size, r.context.postEntityImages.size])).toEqual([
    ["WinOpportunity", 0, 0],
    ["QualifyLead", 0, 0],
  ]);
});
