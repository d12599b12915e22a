import { DataverseStore } from "../../test/dataverseStore";
import { startStubDataverse, type StubDataverse } from "../../test/stubServer";
import type { ChangeSetWrite } from "./client";
import { DataverseError, isConcurrentChange } from "./errors";
import { parseRetryAfter, retryDelay, DefaultRetryPolicy } from "./retry";
import { staticToken } from "./tokens";
import { WebApiClient } from "./webApiClient";

const TOKEN = "test-token-not-a-secret";
const LEAD = "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6f01";

describe("WebApiClient over dataverse-ify's Node client, against a local Web API stub", () => {
  let store: DataverseStore;
  let stub: StubDataverse;
  let clock: number;
  let waits: number[];

  const client = (deadlineIn = 50_000) =>
    new WebApiClient({
      url: stub.url,
      token: staticToken(TOKEN),
      now: () => clock,
      // No timers in tests: waiting just moves the clock.
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
      random: () => 0.5,
    }).forDelivery(clock + deadlineIn);

  beforeEach(async () => {
    store = new DataverseStore();
    store.put("leads", LEAD, { companyname: "Fabrikam Oy", msdyn_b2bprospectstatus: 192350000, _transactioncurrencyid_value: "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e01" });
    stub = await startStubDataverse(store, TOKEN);
    clock = 1_000_000;
    waits = [];
  });
  afterEach(() => stub.close());

  it("reads a row with $select and the bearer token, and 404 as null", async () => {
    const dv = client();
    await expect(dv.retrieve("leads", LEAD, ["companyname", "_transactioncurrencyid_value"])).resolves.toEqual({
      "@odata.context": expect.stringContaining("$metadata#leads"),
      "@odata.etag": 'W/"1"',
      companyname: "Fabrikam Oy",
      _transactioncurrencyid_value: "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e01",
    });
    await expect(dv.retrieve("leads", "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6fff", ["companyname"])).resolves.toBeNull();
    expect(stub.requests[0]).toMatchObject({ method: "GET", path: `/api/data/v9.2/leads(${LEAD})?$select=companyname,_transactioncurrencyid_value`, authorization: `Bearer ${TOKEN}` });
  });

  it("queries with an encoded $filter", async () => {
    store.put("accounts", "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6f02", { _originatingleadid_value: LEAD });
    const rows = await client().retrieveMultiple("accounts", `$select=accountid&$filter=_originatingleadid_value eq ${LEAD}&$top=1`);
    expect(rows).toEqual([{ accountid: "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6f02" }]);
  });

  it("reads together in one $batch of GET parts (continue-on-error), each answered as retrieve / retrieveMultiple would", async () => {
    store.put("accounts", "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6f02", { _originatingleadid_value: LEAD, name: "Fabrikam" });
    const fetchXml = `<fetch><entity name="account"><attribute name="name"/><filter><condition attribute="originatingleadid" operator="eq" value="${LEAD}"/></filter></entity></fetch>`;
    const dv = client();
    const answers = await dv.readBatch([
      { kind: "retrieve", entitySet: "leads", id: LEAD, select: ["companyname"] },
      { kind: "retrieve", entitySet: "leads", id: "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6fff", select: ["companyname"] },
      { kind: "query", entitySet: "accounts", query: `fetchXml=${fetchXml}` },
      { kind: "query", entitySet: "nosuchtables", query: "$select=name" },
    ]);
    expect(answers).toEqual([
      { ok: true, value: expect.objectContaining({ companyname: "Fabrikam Oy" }) },
      { ok: true, value: null },
      { ok: true, value: [expect.objectContaining({ name: "Fabrikam" })] },
      { ok: false, error: expect.objectContaining({ status: 404, transient: false, message: expect.stringContaining("GET /nosuchtables in a $batch answered 404") }) },
    ]);
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]).toMatchObject({ method: "POST", path: "/api/data/v9.2/$batch", authorization: `Bearer ${TOKEN}` });
    expect(stub.requests[0].parts!.map((p) => p.path)).toEqual([
      `/api/data/v9.2/leads(${LEAD})?$select=companyname`,
      "/api/data/v9.2/leads(1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6fff)?$select=companyname",
      `/api/data/v9.2/accounts?fetchXml=${fetchXml}`,
      "/api/data/v9.2/nosuchtables?$select=name",
    ]);
    expect(dv.stats).toMatchObject({ requests: 1, reads: 1 });
  });

  it("sends one read as the GET it is, and no request for none", async () => {
    const dv = client();
    await expect(dv.readBatch([])).resolves.toEqual([]);
    await expect(dv.readBatch([{ kind: "retrieve", entitySet: "leads", id: LEAD, select: ["companyname"] }])).resolves.toEqual([
      { ok: true, value: expect.objectContaining({ companyname: "Fabrikam Oy" }) },
    ]);
    expect(stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/data/v9.2/leads(${LEAD})?$select=companyname`]);
  });

  it("sends a batch of reads again after a transient answer, within the deadline", async () => {
    const dv = client();
    stub.failNext({ status: 503 });
    const reads = [
      { kind: "retrieve", entitySet: "leads", id: LEAD, select: ["companyname"] },
      { kind: "query", entitySet: "leads", query: "$select=companyname" },
    ] as const;
    await expect(dv.readBatch(reads)).resolves.toHaveLength(2);
    expect(dv.stats).toMatchObject({ requests: 2, reads: 1, retries: 1, transientAnswers: ["503"] });
    stub.failNext({ status: 429, headers: { "Retry-After": "120" } });
    await expect(client(10_000).readBatch(reads)).rejects.toMatchObject({ transient: true });
  });

  it("updates with If-Match: * and refuses to create; upserts without it", async () => {
    const dv = client();
    await dv.update("leads", LEAD, { msdyn_b2bprospectstatus: 192350001 });
    expect(store.get("leads", LEAD)?.msdyn_b2bprospectstatus).toBe(192350001);
    await expect(dv.update("leads", "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6fff", { companyname: "x" })).rejects.toMatchObject({ status: 404, transient: false });
    await dv.upsert("annotations", "0d2b2fcf-af4b-4058-87d4-457584aed44e", { subject: "s", "objectid_lead@odata.bind": `/leads(${LEAD})` });
    expect(store.get("annotations", "0d2b2fcf-af4b-4058-87d4-457584aed44e")).toMatchObject({ subject: "s", _objectid_value: LEAD });
    expect(stub.requests.filter((r) => r.method === "PATCH").map((r) => r.ifMatch)).toEqual(["*", "*", undefined]);
  });

  it("updates at the version read (412 when the row changed since), and creates only when asked (412 when it exists)", async () => {
    const dv = client();
    const read = await dv.retrieve("leads", LEAD, ["companyname"]);
    const etag = String(read?.["@odata.etag"]);
    await dv.update("leads", LEAD, { companyname: "First" }, { etag });
    await expect(dv.update("leads", LEAD, { companyname: "Second" }, { etag })).rejects.toMatchObject({ status: 412, transient: false });
    expect(store.get("leads", LEAD)?.companyname).toBe("First");
    const note = "0d2b2fcf-af4b-4058-87d4-457584aed44f";
    await expect(dv.createOnly("annotations", note, { subject: "one" })).resolves.toBe(true);
    await expect(dv.createOnly("annotations", note, { subject: "two" })).resolves.toBe(false);
    expect(store.get("annotations", note)?.subject).toBe("one");
    expect(stub.requests.filter((r) => r.method === "PATCH").map((r) => r.ifMatch)).toEqual([etag, etag, undefined, undefined]);
  });

  it("falls back to If-Match: * on a table without optimistic concurrency", async () => {
    stub.failNext({ status: 400, body: JSON.stringify({ error: { code: "0x8006088D", message: "Optimistic concurrency is not enabled for this entity." } }) });
    const dv = client();
    await dv.update("leads", LEAD, { companyname: "Unchecked" }, { etag: 'W/"1"' });
    expect(store.get("leads", LEAD)?.companyname).toBe("Unchecked");
    expect(stub.requests.map((r) => r.ifMatch)).toEqual(['W/"1"', "*"]);
  });

  it("writes a change set in one $batch: all rows, or none when a precondition fails", async () => {
    const dv = client();
    const etag = String((await dv.retrieve("leads", LEAD, ["companyname"]))?.["@odata.etag"]);
    const note = "0d2b2fcf-af4b-4058-87d4-457584aed450";
    const writes = (subject: string): ChangeSetWrite[] => [
      { kind: "create", entitySet: "annotations", id: note, data: { subject, "objectid_lead@odata.bind": `/leads(${LEAD})` } },
      { kind: "update", entitySet: "leads", id: LEAD, data: { msdyn_b2bprospectstatus: 192350001 }, etag },
    ];
    await dv.executeChangeSet(writes("first"));
    expect(stub.requests.at(-1)).toMatchObject({ method: "POST", path: "/api/data/v9.2/$batch" });
    expect(stub.requests.at(-1)!.parts!.map((p) => [p.method, p.path, p.ifMatch])).toEqual([
      ["PATCH", `/api/data/v9.2/annotations(${note})`, undefined],
      ["PATCH", `/api/data/v9.2/leads(${LEAD})`, etag],
    ]);
    expect(store.get("annotations", note)).toMatchObject({ subject: "first", _objectid_value: LEAD });
    expect(store.get("leads", LEAD)?.msdyn_b2bprospectstatus).toBe(192350001);
    // Again at the old version: the lead's If-Match fails, and the note's rewrite in the same change set is not made.
    const again: ChangeSetWrite[] = [
      { kind: "update", entitySet: "annotations", id: note, data: { subject: "second" } },
      { kind: "update", entitySet: "leads", id: LEAD, data: { msdyn_b2bprospectstatus: 192350002 }, etag },
    ];
    const error = await dv.executeChangeSet(again).catch((e: unknown) => e);
    expect(isConcurrentChange(error)).toBe(true);
    expect((error as Error).message).toMatch(new RegExp(`PATCH /leads\\(${LEAD}\\) in a change set answered 412`));
    expect(store.get("annotations", note)?.subject).toBe("first");
    expect(store.get("leads", LEAD)?.msdyn_b2bprospectstatus).toBe(192350001);
    // A row to create that exists fails the change set the same way.
    await expect(dv.executeChangeSet(writes("third"))).rejects.toMatchObject({ status: 412, transient: false });
    expect(dv.stats).toMatchObject({ requests: 4, reads: 1, writes: 3 });
  });

  it("sends a change set of one write as that PATCH, and a row to update that is gone as a 404", async () => {
    const dv = client();
    await dv.executeChangeSet([{ kind: "update", entitySet: "leads", id: LEAD, data: { companyname: "Alone" } }]);
    expect(stub.requests.map((r) => [r.method, r.path, r.ifMatch])).toEqual([["PATCH", `/api/data/v9.2/leads(${LEAD})`, "*"]]);
    const gone = "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6fff";
    await expect(
      dv.executeChangeSet([
        { kind: "update", entitySet: "leads", id: LEAD, data: { companyname: "Not written" } },
        { kind: "update", entitySet: "accounts", id: gone, data: { name: "x" } },
      ]),
    ).rejects.toMatchObject({ status: 404, transient: false });
    expect(store.get("leads", LEAD)?.companyname).toBe("Alone");
  });

  it("sends a change set again with If-Match: * when a table has no optimistic concurrency", async () => {
    stub.failNext({ status: 400, body: JSON.stringify({ error: { code: "0x8006088D", message: "Optimistic concurrency is not enabled for this entity." } }) });
    const dv = client();
    await dv.executeChangeSet([
      { kind: "update", entitySet: "leads", id: LEAD, data: { companyname: "Unchecked" }, etag: 'W/"7"' },
      { kind: "create", entitySet: "annotations", id: "0d2b2fcf-af4b-4058-87d4-457584aed451", data: { subject: "s" } },
    ]);
    expect(store.get("leads", LEAD)?.companyname).toBe("Unchecked");
    expect(stub.requests.map((r) => r.path)).toEqual(["/api/data/v9.2/$batch", "/api/data/v9.2/$batch"]);
    expect(stub.requests[1].parts!.map((p) => p.ifMatch)).toEqual(["*", undefined]);
  });

  it("retries 429 after the Retry-After the server asks for, and 5xx with backoff", async () => {
    stub.failNext({ status: 429, headers: { "Retry-After": "3" } }, { status: 503 }, { status: 502 });
    const dv = client();
    await expect(dv.retrieve("leads", LEAD, ["companyname"])).resolves.toMatchObject({ companyname: "Fabrikam Oy" });
    expect(waits).toEqual([3000, 800, 1600]);
    expect(dv.stats).toEqual({ requests: 4, reads: 1, writes: 0, retries: 3, transientAnswers: ["429", "503", "502"] });
  });

  it("gives up when the next wait would pass the delivery's deadline", async () => {
    stub.failNext({ status: 429, headers: { "Retry-After": "30" } }, { status: 429, headers: { "Retry-After": "30" } });
    const dv = client(45_000);
    const error = await dv.retrieve("leads", LEAD, ["companyname"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataverseError);
    expect(error).toMatchObject({ status: 429, transient: true });
    expect((error as Error).message).toMatch(/answered 429.*gave up after 2 attempts/);
    expect(waits).toEqual([30_000]);
  });

  it("does not retry an error that another attempt cannot fix", async () => {
    stub.failNext({ status: 400, body: JSON.stringify({ error: { code: "0x80048d19", message: "Invalid property 'x'" } }) });
    const dv = client();
    await expect(dv.update("leads", LEAD, { x: 1 })).rejects.toMatchObject({ status: 400, code: "0x80048d19", transient: false });
    expect(waits).toEqual([]);
  });
});

describe("a $batch of reads, answered part by part (a scripted transport)", () => {
  const part = (status: number, body = "") =>
    ["--batchresponse_x", "Content-Type: application/http", "Content-Transfer-Encoding: binary", "", `HTTP/1.1 ${status} X`, "Content-Type: application/json", "", body].join("\r\n");
  const batchAnswer = (...parts: string[]) => ({ status: 200, headers: { "content-type": "multipart/mixed; boundary=batchresponse_x" }, body: `${parts.join("\r\n")}\r\n--batchresponse_x--\r\n` });
  const reads = [
    { kind: "retrieve", entitySet: "usersettingscollection", id: LEAD, select: ["uilanguageid"] },
    { kind: "query", entitySet: "leads", query: "$select=companyname" },
  ] as const;

  function scripted(answers: { status: number; headers: Record<string, string>; body?: string }[]) {
    const sent: { method: string; uri: string; headers: Record<string, string>; payload: unknown }[] = [];
    const waits: number[] = [];
    let clock = 0;
    const dv = new WebApiClient({
      url: "https://contoso.crm4.dynamics.com",
      token: staticToken(TOKEN),
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
      random: () => 0.5,
      transport: {
        setAccessToken: () => undefined,
        send: async (method, uri, headers, payload) => {
          sent.push({ method, uri, headers, payload });
          const next = answers.shift();
          if (!next) throw new Error("no scripted answer left");
          return next;
        },
      },
    }).forDelivery(50_000);
    return { dv, sent, waits };
  }

  it("sends GET parts with Prefer: odata.continue-on-error, FetchXML URL-encoded in the request line", async () => {
    const { dv, sent } = scripted([batchAnswer(part(200, '{"uilanguageid":1035}'), part(200, '{"value":[]}'))]);
    await expect(dv.readBatch([reads[0], { kind: "query", entitySet: "leads", query: '$select=x&fetchXml=<fetch top="1"/>' }])).resolves.toEqual([
      { ok: true, value: { uilanguageid: 1035 } },
      { ok: true, value: [] },
    ]);
    expect(sent[0]).toMatchObject({ method: "POST", uri: "/$batch", headers: { Prefer: "odata.continue-on-error", "Content-Type": expect.stringMatching(/^multipart\/mixed; boundary=batch_/) } });
    expect(String(sent[0].payload)).toContain(`GET https://contoso.crm4.dynamics.com/api/data/v9.2/usersettingscollection(${LEAD})?$select=uilanguageid HTTP/1.1`);
    expect(String(sent[0].payload)).toContain("GET https://contoso.crm4.dynamics.com/api/data/v9.2/leads?$select=x&fetchXml=%3Cfetch%20top=%221%22/%3E HTTP/1.1");
  });

  it("sends the batch again when a part answered 429 or 5xx", async () => {
    const { dv, sent, waits } = scripted([batchAnswer(part(200, "{}"), part(503)), batchAnswer(part(200, "{}"), part(200, '{"value":[{"a":1}]}'))]);
    await expect(dv.readBatch(reads)).resolves.toEqual([
      { ok: true, value: {} },
      { ok: true, value: [{ a: 1 }] },
    ]);
    expect(sent).toHaveLength(2);
    expect(waits).toEqual([400]);
    expect(dv.stats).toMatchObject({ requests: 2, reads: 1, retries: 1, transientAnswers: ["503"] });
  });

  it("reads again what a batch that stopped at a failure left unanswered (the preference not applied)", async () => {
    const { dv, sent } = scripted([batchAnswer(part(403, '{"error":{"code":"0x80040220","message":"no privilege"}}')), batchAnswer(part(200, '{"value":[]}'))]);
    await expect(dv.readBatch(reads)).resolves.toEqual([
      { ok: false, error: expect.objectContaining({ status: 403, code: "0x80040220", transient: false }) },
      { ok: true, value: [] },
    ]);
    expect(sent).toHaveLength(2);
    expect(dv.stats).toMatchObject({ requests: 2, reads: 2 });
  });
});

describe("retry timing", () => {
  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("2", 0)).toBe(2000);
    expect(parseRetryAfter("Wed, 25 Nov 2026 19:00:05 GMT", Date.parse("Wed, 25 Nov 2026 19:00:00 GMT"))).toBe(5000);
    expect(parseRetryAfter("soon", 0)).toBeNull();
    expect(parseRetryAfter(undefined, 0)).toBeNull();
  });

  it("backs off exponentially with bounded jitter and a ceiling", () => {
    expect([1, 2, 3].map((a) => retryDelay(DefaultRetryPolicy, a, null, () => 0.5))).toEqual([400, 800, 1600]);
    expect(retryDelay(DefaultRetryPolicy, 1, null, () => 0)).toBe(320);
    expect(retryDelay(DefaultRetryPolicy, 1, null, () => 1)).toBe(480);
    expect(retryDelay(DefaultRetryPolicy, 10, null, () => 0.5)).toBe(15_000);
  });
});
