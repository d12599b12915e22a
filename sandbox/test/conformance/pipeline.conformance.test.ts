/**
 * The webhook plug-in pipeline against what Microsoft documents, driven through an independent client
 * (dataverse-ify, see independentClient.ts) with a local webhook receiver:
 *
 * - "Use Webhooks to create external handlers for server events"
 *   (https://learn.microsoft.com/power-apps/developer/data-platform/use-webhooks): the headers, the 256 KB
 *   trimming, and Troubleshoot WebHook registrations — only the status code is read, never the body; the
 *   60-second timeout; one more attempt after 502, 503 or 504.
 * - "Register a WebHook" (https://learn.microsoft.com/power-apps/developer/data-platform/register-web-hook):
 *   a failed synchronous step fails the operation with "Endpoint unavailable"; an asynchronous step's failure
 *   is a failed system job.
 * - "Asynchronous service" (https://learn.microsoft.com/power-apps/developer/data-platform/asynchronous-service):
 *   the context is saved as a System Job, with the states and statuses its table lists.
 *
 * The timeout is Dataverse's 60 seconds by default (WEBHOOK_TIMEOUT_MS); these tests start the stand-in with
 * a shorter one (`webhookTimeoutMs`) so that they do not wait a minute.
 */
import { WEBHOOK_TIMEOUT_MS } from "../../src/dataverse/pipeline/delivery";
import { Receiver, webhookStepRecord } from "../../src/dataverse/test/webhookReceiver";
import { SandboxUsers } from "../../src/dataverse/users";
import { startConformanceSandbox, type ConformanceSandbox } from "./independentClient";

const WEBHOOKS = "https://learn.microsoft.com/power-apps/developer/data-platform/use-webhooks";
const TROUBLESHOOT = `${WEBHOOKS}#troubleshoot-webhook-registrations`;
const REGISTER = "https://learn.microsoft.com/power-apps/developer/data-platform/register-web-hook";
const ASYNC_SERVICE = "https://learn.microsoft.com/power-apps/developer/data-platform/asynchronous-service";
const TEST_TIMEOUT_MS = 400;

let dv: ConformanceSandbox;
let receiver: Receiver;
let endpointId: string;

beforeEach(async () => {
  dv = await startConformanceSandbox(SandboxUsers.admin.token, { webhookTimeoutMs: TEST_TIMEOUT_MS });
  receiver = new Receiver();
  await receiver.start();
  // A webhook service endpoint (contract 8) with an HttpHeader key (authtype 5), as Register a WebHook describes.
  endpointId = await dv.create("serviceendpoints", {
    name: "Conformance webhook",
    contract: 8,
    authtype: 5,
    authvalue: '<settings><setting name="x-test-key" value="k" /></settings>',
    messageformat: 2,
    url: receiver.url,
  });
});
afterEach(async () => {
  await dv.server.whenIdle();
  await dv.server.close();
  await receiver.stop();
});

function registerStep(message: string, entity: string, stage: number, mode: number, name = `Conformance: ${message} of ${entity}`): Promise<string> {
  return dv.create("sdkmessageprocessingsteps", webhookStepRecord({ name, message, entity, stage, mode, endpointId }));
}

async function accountNames(): Promise<string[]> {
  const response = await dv.call({ action: "GET", path: "accounts", options: "$select=name" });
  return (response.data.value as { name: string }[]).map((a) => a.name);
}

async function jobs(): Promise<Record<string, unknown>[]> {
  const response = await dv.call({
    action: "GET",
    path: "asyncoperations",
    options: "$select=asyncoperationid,name,operationtype,statecode,statuscode,retrycount,message,errorcode,_owningextensionid_value,_regardingobjectid_value",
  });
  return response.data.value as Record<string, unknown>[];
}

/** The error dataverse-ify's call rejects with (the Web API's `error` object). */
function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  return promise.then(
    () => {
      throw new Error("expected the operation to fail");
    },
    (error: { code: string; message: string }) => error,
  );
}

const createAccount = (name: string) => dv.call({ action: "POST", path: "accounts", data: { name } });

describe(`a synchronous step (${REGISTER}#synchronous-mode)`, () => {
  test(`an answer outside 2xx fails the operation with Endpoint unavailable; the webhook's body is not read (${TROUBLESHOOT})`, async () => {
    await registerStep("Create", "account", 20, 0, "Conformance: refuse");
    receiver.answers.push({ status: 400, body: { message: "Refused by the webhook, in its own words." } });
    const error = await refusal(createAccount("Refused Oy"));
    // The code and the text after "Endpoint unavailable" are the sandbox's: Microsoft publishes the dialog, not the Web API error.
    expect(error).toEqual({
      code: "0x80040265",
      message: "Endpoint unavailable: the webhook service endpoint may be configured incorrectly or is not available. Step 'Conformance: refuse': The webhook answered HTTP 400 (Bad Request).",
    });
    expect(error.message).not.toContain("in its own words");
    expect(receiver.received).toHaveLength(1);
    expect(await accountNames()).toEqual([]);
  });

  test("a 502 gets one more attempt; when that succeeds the operation goes through", async () => {
    await registerStep("Create", "account", 20, 0);
    receiver.answers.push({ status: 502 });
    expect((await createAccount("Second try Oy")).status).toBe(204);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1].raw).toBe(receiver.received[0].raw);
    expect(await accountNames()).toEqual(["Second try Oy"]);
  });

  test("503 twice: exactly one more attempt, then the operation fails", async () => {
    await registerStep("Create", "account", 10, 0);
    receiver.answers.push({ status: 503 }, { status: 503 }, { status: 200 });
    expect((await refusal(createAccount("Busy Oy"))).message).toMatch(/HTTP 503 \(Service Unavailable\)\.$/);
    expect(receiver.received).toHaveLength(2);
    expect(await accountNames()).toEqual([]);
  });

  test("a 500 is not retried", async () => {
    await registerStep("Create", "account", 20, 0);
    receiver.answers.push({ status: 500 });
    await refusal(createAccount("Broken Oy"));
    expect(receiver.received).toHaveLength(1);
  });

  test(`no answer within the timeout fails the operation, with no second attempt (${TROUBLESHOOT}: "The timeout is 60 seconds")`, async () => {
    expect(WEBHOOK_TIMEOUT_MS).toBe(60_000);
    await registerStep("Create", "account", 20, 0, "Conformance: slow");
    receiver.answers.push({ status: 200, delayMs: TEST_TIMEOUT_MS * 5 });
    const error = await refusal(createAccount("Slow Oy"));
    expect(error.code).toBe("0x80040265");
    expect(error.message).toBe(
      `Endpoint unavailable: the webhook service endpoint may be configured incorrectly or is not available. Step 'Conformance: slow': The webhook did not answer within ${TEST_TIMEOUT_MS / 1000} seconds.`,
    );
    expect(receiver.received).toHaveLength(1);
    expect(await accountNames()).toEqual([]);
  });
});

describe(`an asynchronous step is a system job (${ASYNC_SERVICE})`, () => {
  test("the operation commits without waiting; the job runs after it and is Completed / Succeeded, and the posted context is the job's", async () => {
    const stepId = await registerStep("Create", "account", 40, 1);
    // The webhook takes a while (within the timeout): the create is answered before, while its job is still waiting or in progress.
    receiver.answers.push({ status: 200, delayMs: TEST_TIMEOUT_MS / 2 });
    const response = await createAccount("Async Oy");
    expect(response.status).toBe(204);
    const accountId = /\(([0-9a-f-]{36})\)$/.exec(response.headers["odata-entityid"] ?? "")?.[1];
    expect([0, 2]).toContain((await jobs())[0].statecode);
    await dv.server.whenIdle();
    const [job] = await jobs();
    // OperationType 1 System Event; StateCode 3 Completed, StatusCode 30 Succeeded (Asynchronous service, Manage system job states).
    expect(job).toMatchObject({ operationtype: 1, statecode: 3, statuscode: 30, retrycount: 0, _owningextensionid_value: stepId, _regardingobjectid_value: accountId });
    const [{ context, headers }] = receiver.received;
    expect(context).toMatchObject({ messageName: "Create", stage: 40, mode: 1, primaryEntityId: accountId, operationId: job.asyncoperationid });
    expect(headers["x-ms-dynamics-request-name"]).toBe("Create");
    expect(headers["x-ms-dynamics-entity-name"]).toBe("account");
  });

  test(`a 504 gets one more attempt (${TROUBLESHOOT}); the job succeeds on it`, async () => {
    await registerStep("Create", "account", 40, 1);
    receiver.answers.push({ status: 504 });
    await createAccount("Gateway Oy");
    await dv.server.whenIdle();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1].context.operationId).toBe(receiver.received[0].context.operationId);
    expect(await jobs()).toEqual([expect.objectContaining({ statecode: 3, statuscode: 30, retrycount: 1 })]);
  });

  test(`failing again, the job is Completed / Failed with what happened, and the operation stays committed (${REGISTER}#query-failed-asynchronous-jobs-for-a-given-step)`, async () => {
    await registerStep("Create", "account", 40, 1);
    receiver.answers.push({ status: 502, body: { message: "not read" } }, { status: 502, body: { message: "not read either" } });
    await createAccount("Failed job Oy");
    await dv.server.whenIdle();
    expect(receiver.received).toHaveLength(2);
    expect(await jobs()).toEqual([
      expect.objectContaining({ statecode: 3, statuscode: 31, retrycount: 1, message: "The webhook answered HTTP 502 (Bad Gateway).", errorcode: -2147220891 }),
    ]);
    expect(await accountNames()).toEqual(["Failed job Oy"]);
  });

  test("no answer within the timeout fails the job, with no second attempt", async () => {
    await registerStep("Create", "account", 40, 1);
    receiver.answers.push({ status: 200, delayMs: TEST_TIMEOUT_MS * 5 });
    await createAccount("Slow job Oy");
    await dv.server.whenIdle();
    expect(receiver.received).toHaveLength(1);
    expect(await jobs()).toEqual([expect.objectContaining({ statuscode: 31, message: `The webhook did not answer within ${TEST_TIMEOUT_MS / 1000} seconds.` })]);
  });
});

describe(`a context above 256 KB is trimmed (${WEBHOOKS}#request-body)`, () => {
  const big = "x".repeat(300 * 1024);

  test("x-ms-dynamics-msg-size-exceeded is sent, and ParentContext, InputParameters, PreEntityImages and PostEntityImages are removed; the rest stays", async () => {
    const stepId = await registerStep("Create", "account", 40, 0);
    // A post image, so that there is one to remove.
    await dv.create("sdkmessageprocessingstepimages", {
      name: "PostImage",
      entityalias: "PostImage",
      imagetype: 1,
      messagepropertyname: "Id",
      attributes: "name,description",
      "sdkmessageprocessingstepid@odata.bind": `/sdkmessageprocessingsteps(${stepId})`,
    });
    await createAccount("Small Oy");
    await dv.call({ action: "POST", path: "accounts", data: { name: "Large Oy", description: big } });
    const [small, large] = receiver.received;

    expect(small.headers["x-ms-dynamics-msg-size-exceeded"]).toBeUndefined();
    expect(Object.keys(JSON.parse(small.raw) as object)).toEqual(expect.arrayContaining(["InputParameters", "PostEntityImages", "PreEntityImages", "ParentContext"]));
    expect(small.context.postEntityImages.get("PostImage")?.attributes.get("name")).toBe("Small Oy");

    expect(large.headers["x-ms-dynamics-msg-size-exceeded"]).toBeDefined();
    expect(Buffer.byteLength(large.raw)).toBeLessThan(256 * 1024);
    const keys = Object.keys(JSON.parse(large.raw) as object);
    for (const removed of ["ParentContext", "InputParameters", "PreEntityImages", "PostEntityImages"]) expect(keys).not.toContain(removed);
    expect(keys).toEqual(expect.arrayContaining(["MessageName", "PrimaryEntityId", "PrimaryEntityName", "OutputParameters", "OperationId", "Stage", "Mode"]));
    expect(large.context).toMatchObject({ messageName: "Create", primaryEntityName: "account" });
    expect(await accountNames()).toEqual(expect.arrayContaining(["Small Oy", "Large Oy"]));
  });

  test("an asynchronous job posts the trimmed context with the header again", async () => {
    await registerStep("Create", "account", 40, 1);
    receiver.answers.push({ status: 503 });
    await dv.call({ action: "POST", path: "accounts", data: { name: "Large async Oy", description: big } });
    await dv.server.whenIdle();
    expect(receiver.received).toHaveLength(2);
    for (const delivery of receiver.received) {
      expect(delivery.headers["x-ms-dynamics-msg-size-exceeded"]).toBeDefined();
      expect(Object.keys(JSON.parse(delivery.raw) as object)).not.toContain("InputParameters");
    }
  });
});
