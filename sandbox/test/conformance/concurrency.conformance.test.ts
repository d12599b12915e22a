/**
 * ETags and conditional requests against "Perform conditional operations using the Web API"
 * (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api),
 * driven by dataverse-ify's Node transport. The error codes are the platform's: ConcurrencyVersionMismatch
 * -2147088254 (0x80060882, "Optimistic concurrency",
 * https://learn.microsoft.com/power-apps/developer/data-platform/optimistic-concurrency) and DuplicateRecord
 * 0x80040237 for the two 412s "Compose HTTP requests and handle errors" lists.
 */
import { SandboxUsers } from "../../src/dataverse/users";
import { postBatch } from "./batchWire";
import { startConformanceSandbox, type ConformanceSandbox } from "./independentClient";

const DOCS = "https://learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api";
const ROW_VERSION_MISMATCH = { code: "0x80060882", message: "The version of the existing record doesn't match the RowVersion property provided." };

let dv: ConformanceSandbox;
beforeEach(async () => {
  dv = await startConformanceSandbox();
});
afterEach(() => dv.server.close());

async function nameOf(id: string): Promise<string> {
  return String((await dv.call({ action: "GET", path: `accounts(${id})`, options: "$select=name" })).data.name);
}

describe(`ETags (${DOCS}#etags)`, () => {
  test("a single-record GET answers an ETag header equal to @odata.etag, W/\"<version>\" (Do not use the OData v2.0 endpoint, Retrieve records)", async () => {
    // https://learn.microsoft.com/power-apps/developer/model-driven-apps/best-practices/business-logic/do-not-use-odata-v2-endpoint
    const id = await dv.create("accounts", { name: "Etag Oy" });
    const read = await dv.call({ action: "GET", path: `accounts(${id})`, options: "$select=name" });
    expect(read.headers.etag).toMatch(/^W\/"\d+"$/);
    expect(read.headers.etag).toBe(read.data["@odata.etag"]);
  });
});

describe(`optimistic concurrency (${DOCS}#apply-optimistic-concurrency)`, () => {
  test("PATCH with a stale If-Match is 412 ConcurrencyVersionMismatch and changes nothing; with the current etag it is 204", async () => {
    const id = await dv.create("accounts", { name: "Original Oy" });
    const stale = String((await dv.call({ action: "GET", path: `accounts(${id})` })).data["@odata.etag"]);
    await dv.call({ action: "PATCH", path: `accounts(${id})`, data: { name: "Changed by someone else Oy" } });

    await expect(dv.call({ action: "PATCH", path: `accounts(${id})`, data: { name: "Lost update Oy" }, additionalHeaders: { "If-Match": stale } })).rejects.toEqual(
      ROW_VERSION_MISMATCH,
    );
    const refused = await dv.send("PATCH", `accounts(${id})`, { "If-Match": stale }, { name: "Lost update Oy" });
    expect(refused.status).toBe(412);
    expect(await nameOf(id)).toBe("Changed by someone else Oy");

    const current = String((await dv.call({ action: "GET", path: `accounts(${id})` })).data["@odata.etag"]);
    const updated = await dv.send("PATCH", `accounts(${id})`, { "If-Match": current }, { name: "Careful update Oy" });
    expect(updated.status).toBe(204);
    expect(await nameOf(id)).toBe("Careful update Oy");
  });

  test("DELETE with a stale If-Match is 412 and the record stays; with the current etag it is 204", async () => {
    const id = await dv.create("accounts", { name: "Keep me Oy" });
    const stale = String((await dv.call({ action: "GET", path: `accounts(${id})` })).data["@odata.etag"]);
    await dv.call({ action: "PATCH", path: `accounts(${id})`, data: { telephone1: "+358 1" } });
    await expect(dv.call({ action: "DELETE", path: `accounts(${id})`, additionalHeaders: { "If-Match": stale } })).rejects.toEqual(ROW_VERSION_MISMATCH);
    expect(await nameOf(id)).toBe("Keep me Oy");
    const current = String((await dv.call({ action: "GET", path: `accounts(${id})` })).data["@odata.etag"]);
    expect((await dv.send("DELETE", `accounts(${id})`, { "If-Match": current })).status).toBe(204);
    expect((await dv.send("GET", `accounts(${id})`)).status).toBe(404);
  });
});

test(`a stale If-Match inside a $batch change set is 412 and rolls the change set back (${DOCS}#apply-optimistic-concurrency, execute-batch-operations-using-web-api#change-sets)`, async () => {
  // How the webhook (plugins-ts) writes several rows at once: one change set of PATCHes guarded by etags.
  const first = await dv.create("accounts", { name: "First Oy" });
  const second = await dv.create("accounts", { name: "Second Oy" });
  const stale = String((await dv.call({ action: "GET", path: `accounts(${second})` })).data["@odata.etag"]);
  await dv.call({ action: "PATCH", path: `accounts(${second})`, data: { telephone1: "+358 2" } });
  const current = String((await dv.call({ action: "GET", path: `accounts(${first})` })).data["@odata.etag"]);
  const reply = await postBatch(dv.server.apiUrl, SandboxUsers.admin.token, [
    [
      { method: "PATCH", url: `accounts(${first})`, body: { name: "First changed Oy" }, headers: { "If-Match": current }, contentId: "1" },
      { method: "PATCH", url: `accounts(${second})`, body: { name: "Second changed Oy" }, headers: { "If-Match": stale }, contentId: "2" },
    ],
  ]);
  expect(reply.status).toBe(412);
  expect(reply.answers.map((a) => a.status)).toEqual([412]);
  expect(reply.answers[0].data).toEqual({ error: ROW_VERSION_MISMATCH });
  expect([await nameOf(first), await nameOf(second)]).toEqual(["First Oy", "Second Oy"]);
});

describe(`limit upsert operations (${DOCS}#limit-upsert-operations)`, () => {
  const newId = "6b3e3f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";

  test("If-None-Match: * on an existing record is 412 'A record with matching key values already exists.' and nothing changes", async () => {
    const id = await dv.create("accounts", { name: "Existing Oy" });
    await expect(dv.call({ action: "PATCH", path: `accounts(${id})`, data: { name: "Overwritten Oy" }, additionalHeaders: { "If-None-Match": "*" } })).rejects.toEqual({
      code: "0x80040237",
      message: "A record with matching key values already exists.",
    });
    expect(await nameOf(id)).toBe("Existing Oy");
  });

  test("If-None-Match: * on a missing id creates it (204)", async () => {
    const created = await dv.send("PATCH", `accounts(${newId})`, { "If-None-Match": "*" }, { name: "Upserted Oy" });
    expect(created.status).toBe(204);
    expect(await nameOf(newId)).toBe("Upserted Oy");
  });

  test("If-Match: * on a missing id is 404 and creates nothing; on an existing one it updates (204)", async () => {
    const missing = await dv.send("PATCH", `accounts(${newId})`, { "If-Match": "*" }, { name: "Never created Oy" });
    expect(missing.status).toBe(404);
    expect((await dv.send("GET", `accounts(${newId})`)).status).toBe(404);
    const id = await dv.create("accounts", { name: "Existing Oy" });
    expect((await dv.send("PATCH", `accounts(${id})`, { "If-Match": "*" }, { name: "Updated Oy" })).status).toBe(204);
    expect(await nameOf(id)).toBe("Updated Oy");
  });
});

describe(`conditional retrievals (${DOCS}#conditional-retrievals)`, () => {
  test("GET with If-None-Match naming the current etag is 304 Not Modified with no body; after a change it is 200 with the new etag", async () => {
    const id = await dv.create("accounts", { name: "Cached Oy" });
    const first = await dv.call({ action: "GET", path: `accounts(${id})`, options: "$select=name" });
    const etag = first.headers.etag;

    const unchanged = await dv.send("GET", `accounts(${id})?$select=name`, { "If-None-Match": etag });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body).toBe("");

    await dv.call({ action: "PATCH", path: `accounts(${id})`, data: { name: "Renamed Oy" } });
    const changed = await dv.send("GET", `accounts(${id})?$select=name`, { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(JSON.parse(changed.body ?? "{}")).toMatchObject({ name: "Renamed Oy" });
    expect(changed.headers.etag).not.toBe(etag);
  });

  test("never 304 with $expand or with Prefer: odata.include-annotations (the article's limitations)", async () => {
    const id = await dv.create("accounts", { name: "Expanded Oy" });
    const etag = (await dv.call({ action: "GET", path: `accounts(${id})` })).headers.etag;
    expect((await dv.send("GET", `accounts(${id})?$select=name&$expand=primarycontactid($select=fullname)`, { "If-None-Match": etag })).status).toBe(200);
    expect((await dv.send("GET", `accounts(${id})?$select=name`, { "If-None-Match": etag, Prefer: 'odata.include-annotations="*"' })).status).toBe(200);
  });

  test("If-None-Match: null, which every request should carry, is no condition", async () => {
    const id = await dv.create("accounts", { name: "Plain Oy" });
    expect((await dv.send("GET", `accounts(${id})`, { "If-None-Match": "null" })).status).toBe(200);
    expect((await dv.send("PATCH", `accounts(${id})`, { "If-None-Match": "null" }, { name: "Still updatable Oy" })).status).toBe(204);
  });
});
