/**
 * `$batch` against what "Execute batch operations using the Web API" shows
 * (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api),
 * driven by dataverse-ify (its batch sender and its multipart parser) and plain `fetch` for what that client
 * cannot write (a batch-level `Prefer`, `Content-ID` references). Records are read back through dataverse-ify.
 */
import { sendBatchWebApiRequest } from "dataverse-ify/lib/webapi/WebApiRequest";
import { NodeWebApiRequest } from "dataverse-ify/lib/webapi/node/NodeWebApiRequest";
import { SandboxUsers } from "../../src/dataverse/users";
import { partHeaders, postBatch, type WireItem, type WirePart } from "./batchWire";
import { startConformanceSandbox, type ConformanceSandbox } from "./independentClient";

const DOCS = "https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api";
const token = SandboxUsers.admin.token;

let dv: ConformanceSandbox;
beforeEach(async () => {
  dv = await startConformanceSandbox();
});
afterEach(() => dv.server.close());

const post = (url: string, body: unknown, contentId?: string): WirePart => ({ method: "POST", url, body, contentId });
/** A create Dataverse refuses with a validation error (400, as the article's example): an option outside its set. */
const invalidAccount = { name: "Invalid Oy", customertypecode: 999 };

/** What the invalid create answers outside a batch: a part's answer in a batch is that same answer. */
async function refusalOutsideBatch(): Promise<{ status: number; error: { code: string; message: string } }> {
  const answer = await dv.send("POST", "accounts", {}, invalidAccount);
  return { status: answer.status, error: (JSON.parse(answer.body ?? "{}") as { error: { code: string; message: string } }).error };
}

async function accountNames(): Promise<string[]> {
  const response = await dv.call({ action: "GET", path: "accounts", options: "$select=name&$orderby=name" });
  return (response.data.value as { name: string }[]).map((a) => a.name);
}

describe(`change sets are atomic (${DOCS}#change-sets)`, () => {
  test("a change set whose second create fails writes nothing; dataverse-ify's batch call rejects with the failing part's error", async () => {
    const transport = new NodeWebApiRequest(dv.server.url, "9.2", token);
    const create = (data: unknown) => ({ action: "POST" as const, path: "accounts", data });
    const refusal = await refusalOutsideBatch();
    expect(refusal.status).toBe(400);
    await expect(sendBatchWebApiRequest([[create({ name: "Rolled back Oy" }), create(invalidAccount)]], transport)).rejects.toEqual(refusal.error);
    expect(await accountNames()).toEqual([]);
  });

  test("the failed change set's answer: the batch's status is the failure's, and a change set response holds only the failing part with its Content-ID", async () => {
    // The shape Dataverse sends, quoted in MicrosoftDocs/powerapps-docs issue #2843.
    const reply = await postBatch(dv.server.apiUrl, token, [[post("accounts", { name: "Rolled back Oy" }, "1"), post("accounts", invalidAccount, "2")]]);
    const refusal = await refusalOutsideBatch();
    expect(reply.status).toBe(refusal.status);
    expect(reply.headers.get("content-type")).toMatch(/^multipart\/mixed; boundary=batchresponse_/);
    expect(reply.text).toMatch(/^--batchresponse_[^\r]+\r\nContent-Type: multipart\/mixed; boundary=changesetresponse_/);
    expect(reply.answers.map((a) => a.status)).toEqual([refusal.status]);
    expect(reply.answers[0].data).toEqual({ error: refusal.error });
    expect(partHeaders(reply.text)).toEqual([{ "Content-Type": "application/http", "Content-Transfer-Encoding": "binary", "Content-ID": "2" }]);
    expect(await accountNames()).toEqual([]);
  });

  test("a change set that succeeds answers each part 204 with Location and OData-EntityId and its Content-ID echoed", async () => {
    const reply = await postBatch(dv.server.apiUrl, token, [[post("accounts", { name: "First Oy" }, "1"), post("accounts", { name: "Second Oy" }, "2")]]);
    expect(reply.status).toBe(200);
    expect(reply.answers.map((a) => a.status)).toEqual([204, 204]);
    for (const answer of reply.answers) {
      expect(answer.headers["OData-EntityId"]).toMatch(/\/api\/data\/v9\.2\/accounts\([0-9a-f-]{36}\)$/);
      expect(answer.headers.Location).toBe(answer.headers["OData-EntityId"]);
      expect(answer.headers["OData-Version"]).toBe("4.0");
    }
    expect(partHeaders(reply.text).map((h) => [h["Content-Type"], h["Content-ID"]])).toEqual([
      ["application/http", "1"],
      ["application/http", "2"],
    ]);
    expect(await accountNames()).toEqual(["First Oy", "Second Oy"]);
  });

  test("a GET inside a change set refuses the batch, and nothing in it runs", async () => {
    const reply = await postBatch(dv.server.apiUrl, token, [[post("accounts", { name: "Never Oy" }, "1"), { method: "GET", url: "accounts", contentId: "2" }]]);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({ error: { message: expect.stringContaining("An invalid HTTP method 'GET' was detected for a request in a change set") } });
    expect(await accountNames()).toEqual([]);
  });
});

describe(`outside change sets, the first failure ends the batch unless Prefer: odata.continue-on-error (${DOCS}#handling-errors)`, () => {
  const threeCreates: WireItem[] = [post("accounts", { name: "One Oy" }), post("accounts", invalidAccount), post("accounts", { name: "Three Oy" })];

  test("without the preference: the batch answers the failing request's status, the failure is the last answer and nothing after it runs", async () => {
    const reply = await postBatch(dv.server.apiUrl, token, threeCreates);
    const refusal = await refusalOutsideBatch();
    expect(reply.status).toBe(refusal.status);
    expect(reply.answers.map((a) => a.status)).toEqual([204, refusal.status]);
    expect(reply.answers[1].data).toEqual({ error: refusal.error });
    expect(reply.headers.get("preference-applied")).toBeNull();
    expect(await accountNames()).toEqual(["One Oy"]);
  });

  test("with Prefer: odata.continue-on-error: 200, every request answered in order, the preference echoed in Preference-Applied", async () => {
    const reply = await postBatch(dv.server.apiUrl, token, threeCreates, { Prefer: "odata.continue-on-error" });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("preference-applied")).toBe("odata.continue-on-error");
    expect(reply.answers.map((a) => a.status)).toEqual([204, 400, 204]);
    expect(await accountNames()).toEqual(["One Oy", "Three Oy"]);
  });

  test("with the preference a failed change set is still all or nothing, and the items after it run", async () => {
    const reply = await postBatch(
      dv.server.apiUrl,
      token,
      [[post("accounts", { name: "Rolled back Oy" }, "1"), post("accounts", invalidAccount, "2")], post("accounts", { name: "After Oy" })],
      { Prefer: "odata.continue-on-error" },
    );
    expect(reply.status).toBe(200);
    expect(reply.answers.map((a) => a.status)).toEqual([400, 204]);
    expect(await accountNames()).toEqual(["After Oy"]);
  });

  test("a GET that finds nothing is a failure too: the batch stops at its 404", async () => {
    // As a reader reported it in MicrosoftDocs/powerapps-docs issue #1241: the answers end with the 404.
    const id = await dv.create("accounts", { name: "Found Oy" });
    const reply = await postBatch(dv.server.apiUrl, token, [
      { method: "GET", url: `accounts(${id})?$select=name` },
      { method: "GET", url: "accounts(00000000-0000-4000-8000-000000000009)" },
      { method: "GET", url: `accounts(${id})?$select=name` },
    ]);
    expect(reply.status).toBe(404);
    expect(reply.answers.map((a) => a.status)).toEqual([200, 404]);
    expect(reply.answers[0].data).toMatchObject({ name: "Found Oy" });
  });
});

describe(`Content-ID references inside a change set (${DOCS}#reference-uris-in-an-operation)`, () => {
  test("$1 and $2 in @odata.bind values, as the article's example: the account points at the lead and contact created before it", async () => {
    const reply = await postBatch(dv.server.apiUrl, token, [
      [
        post(`${dv.server.apiUrl}leads`, { firstname: "first name", lastname: "last name" }, "1"),
        post(`${dv.server.apiUrl}contacts`, { firstname: "first name" }, "2"),
        post(`${dv.server.apiUrl}accounts`, { name: "IcM Account", "originatingleadid@odata.bind": "$1", "primarycontactid@odata.bind": "$2" }, "3"),
      ],
    ]);
    expect(reply.status).toBe(200);
    expect(reply.answers.map((a) => a.status)).toEqual([204, 204, 204]);
    const [lead, contact, account] = reply.answers.map((a) => /\(([0-9a-f-]{36})\)$/.exec(a.headers["OData-EntityId"])?.[1]);
    const read = await dv.call({ action: "GET", path: `accounts(${account})`, options: "$select=name,_originatingleadid_value,_primarycontactid_value" });
    expect(read.data).toMatchObject({ name: "IcM Account", _originatingleadid_value: lead, _primarycontactid_value: contact });
  });

  test("$1 as a later request's URL: PATCH $1 updates the record the change set created and answers with its URL", async () => {
    const reply = await postBatch(dv.server.apiUrl, token, [
      [post("accounts", { name: "Account name" }, "1"), post("contacts", { firstname: "Contact first name" }, "2"), { method: "PATCH", url: "$1", body: { "primarycontactid@odata.bind": "$2" }, contentId: "3" }],
    ]);
    expect(reply.status).toBe(200);
    expect(reply.answers.map((a) => a.status)).toEqual([204, 204, 204]);
    expect(reply.answers[2].headers["OData-EntityId"]).toBe(reply.answers[0].headers["OData-EntityId"]);
    const account = /\(([0-9a-f-]{36})\)$/.exec(reply.answers[0].headers["OData-EntityId"])?.[1];
    const contact = /\(([0-9a-f-]{36})\)$/.exec(reply.answers[1].headers["OData-EntityId"])?.[1];
    expect((await dv.call({ action: "GET", path: `accounts(${account})`, options: "$select=_primarycontactid_value" })).data).toMatchObject({
      _primarycontactid_value: contact,
    });
  });

  test("a reference to a Content-ID not declared before it is a 400 'does not exist in the batch context', and nothing runs", async () => {
    const reply = await postBatch(dv.server.apiUrl, token, [
      [post("contacts", { firstname: "Early", "parentcustomerid_account@odata.bind": "$1" }, "2"), post("accounts", { name: "QQQQ" }, "1")],
    ]);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({ error: { message: "Content-ID Reference: '$1' does not exist in the batch context." } });
    expect(await accountNames()).toEqual([]);
  });

  test("a failing part after a referenced create rolls the create back too", async () => {
    const reply = await postBatch(dv.server.apiUrl, token, [
      [post("accounts", { name: "Referenced Oy" }, "1"), { method: "PATCH", url: "$1", body: { customertypecode: 999 }, contentId: "2" }],
    ]);
    expect(reply.status).toBe(400);
    expect(partHeaders(reply.text).map((h) => h["Content-ID"])).toEqual(["2"]);
    expect(await accountNames()).toEqual([]);
  });
});
