/**
 * Durable system jobs: an asynchronous step's job is written in the transaction of the operation that
 * raised it (Waiting For Resources, with the context to post and the step), runs after commit, and a job
 * still waiting or in progress when the process stopped runs at the next start. The hold hook stops the
 * runner at an exact point, so that "the process stopped here" needs no timing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rows, startClient, tickingClock, type Client } from "../test/harness";
import { parseRemoteExecutionContext } from "../../../../plugins-ts/src/executionContext";
import { Receiver, webhookStepRecord } from "../test/webhookReceiver";
import type { SystemJobHold } from "./pipeline";


let dir: string;
let file: string;
let receiver: Receiver;
let client: Client | undefined;
let log: string[];
const clock = tickingClock();

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "cb2b-jobs-"));
  file = join(dir, "dataverse.sqlite");
  receiver = new Receiver();
  await receiver.start();
  log = [];
});
afterEach(async () => {
  await client?.server.close();
  client = undefined;
  await receiver.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** (Re)starts the stand-in on the same database file, as `npm start` does after a stop or a kill. */
async function start(hold?: SystemJobHold): Promise<Client> {
  await client?.server.close();
  client = await startClient(file, clock, { holdSystemJobs: hold, log: (line) => log.push(line) });
  return client;
}

async function registerStep(c: Client, message: string, entity: string, stage: number, mode: number): Promise<string> {
  const endpointId = await c.create("serviceendpoints", {
    name: "receiver",
    contract: 8,
    authtype: 5,
    authvalue: '<settings><setting name="x-cb2b-webhook-key" value="s3cret" /></settings>',
    messageformat: 2,
    url: receiver.url,
  });
  return c.create(
    "sdkmessageprocessingsteps",
    webhookStepRecord({ name: `Cb2b.Webhook: ${message} of ${entity} (${mode === 1 ? "async" : "sync"})`, message, entity, stage, mode, endpointId }),
  );
}

const jobs = async (c: Client) => rows(await c.get("asyncoperations?$filter=operationtype eq 1&$orderby=createdon"));

test("the job is written with the operation, Waiting For Resources, holding the context to post and the step; it runs at the next start", async () => {
  let c = await start("waiting");
  const stepId = await registerStep(c, "Create", "account", 40, 1);
  const accountId = await c.create("accounts", { name: "Durable Oy" });
  // Committed with the account, before the answer: nothing has run it.
  const [job] = await jobs(c);
  expect(job).toMatchObject({
    statecode: 0,
    statuscode: 0,
    operationtype: 1,
    messagename: "Create",
    primaryentitytype: "account",
    _owningextensionid_value: stepId,
    _regardingobjectid_value: accountId,
    retrycount: 0,
  });
  const stored = parseRemoteExecutionContext(String(job.data));
  expect(stored).toMatchObject({ messageName: "Create", primaryEntityName: "account", primaryEntityId: accountId, stage: 40, mode: 1 });
  expect(stored.operationId).toBe(job.asyncoperationid);
  await c.server.whenIdle();
  expect(receiver.received).toEqual([]);
  expect(log).toEqual([expect.stringContaining(`system job ${String(job.asyncoperationid)} (Cb2b.Webhook: Create of account (async)) held waiting`)]);

  c = await start();
  await c.server.whenIdle();
  expect(receiver.received).toHaveLength(1);
  const [{ headers, context }] = receiver.received;
  expect(context.operationId).toBe(job.asyncoperationid);
  expect(context.primaryEntityId).toBe(accountId);
  expect(headers).toMatchObject({ "x-ms-dynamics-request-name": "Create", "x-ms-dynamics-entity-name": "account", "x-cb2b-webhook-key": "s3cret" });
  expect(await jobs(c)).toEqual([expect.objectContaining({ asyncoperationid: job.asyncoperationid, statecode: 3, statuscode: 30, retrycount: 0 })]);
  expect(log).toContain("system jobs run again: 1 (1 succeeded, 0 failed)");
});

test("a job in progress when the process stopped is posted again at the next start, and counts the earlier attempt", async () => {
  let c = await start("in-progress");
  await registerStep(c, "Create", "account", 40, 1);
  await c.create("accounts", { name: "Interrupted Oy" });
  await c.server.whenIdle();
  const [held] = await jobs(c);
  expect(held).toMatchObject({ statecode: 2, statuscode: 20, retrycount: 0 });
  expect(held.startedon).toEqual(expect.any(String));
  expect(receiver.received).toEqual([]);

  c = await start();
  await c.server.whenIdle();
  expect(receiver.received.map((r) => r.context.operationId)).toEqual([held.asyncoperationid]);
  expect(await jobs(c)).toEqual([expect.objectContaining({ asyncoperationid: held.asyncoperationid, statecode: 3, statuscode: 30, retrycount: 1 })]);
});

test("a job that fails after the restart is recorded as failed with the status the webhook answered (never its body)", async () => {
  let c = await start("waiting");
  await registerStep(c, "Create", "account", 40, 1);
  await c.create("accounts", { name: "Refused Oy" });
  receiver.answers.push({ status: 409, body: { message: "not now" } });
  c = await start();
  await c.server.whenIdle();
  const [job] = await jobs(c);
  expect(job).toMatchObject({ statecode: 3, statuscode: 31, errorcode: -2147220891 });
  expect(job.message).toBe("The webhook answered HTTP 409 (Conflict).");
  expect(log).toContain("system jobs run again: 1 (0 succeeded, 1 failed)");
});

test("no job outlives an operation that rolled back", async () => {
  const c = await start();
  await registerStep(c, "Create", "account", 40, 1);
  await registerStep(c, "QualifyLead", "lead", 40, 0);
  const leadId = await c.create("leads", { firstname: "Aino", lastname: "Virtanen", companyname: "Rollback Oy", subject: "Sign-up" });
  // The QualifyLead step refuses after the account (and its job) were written inside the operation.
  receiver.answers.push({ status: 400, body: { message: "refused" } });
  const answer = await c.post(`leads(${leadId})/Microsoft.Dynamics.CRM.QualifyLead`, { CreateAccount: true, CreateContact: false, CreateOpportunity: false, Status: 3 });
  expect(answer.status).toBe(400);
  await c.server.whenIdle();
  expect(receiver.received.map((r) => r.context.messageName)).toEqual(["QualifyLead"]);
  expect(await jobs(c)).toEqual([]);
  expect(rows(await c.get("accounts?$select=name&$filter=name eq 'Rollback Oy'"))).toEqual([]);
});

test("a waiting job whose step was deleted fails at the next start, saying why", async () => {
  let c = await start("waiting");
  const stepId = await registerStep(c, "Create", "account", 40, 1);
  await c.create("accounts", { name: "Orphan Oy" });
  expect((await c.request("DELETE", `sdkmessageprocessingsteps(${stepId})`)).status).toBe(204);
  c = await start();
  await c.server.whenIdle();
  expect(receiver.received).toEqual([]);
  const [job] = await jobs(c);
  expect(job).toMatchObject({ statecode: 3, statuscode: 31 });
  expect(String(job.message)).toBe("The system job cannot run: its SDK message processing step is no longer registered.");
});
