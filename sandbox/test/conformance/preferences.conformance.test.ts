/**
 * `Prefer` and `Preference-Applied` as Dataverse answers them, driven by dataverse-ify's Node transport
 * (its headers object joins repeated header lines with ", ", as HTTP allows). Sources:
 * - "Page results using OData" (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results):
 *   `Preference-Applied: odata.maxpagesize=2`;
 * - "Do not use the OData v2.0 endpoint" (https://learn.microsoft.com/power-apps/developer/model-driven-apps/best-practices/business-logic/do-not-use-odata-v2-endpoint):
 *   one `Preference-Applied` per preference — annotations then page size on a query, `return=representation`
 *   then annotations on a create;
 * - "Compose HTTP requests and handle errors", Prefer headers
 *   (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors#prefer-headers):
 *   `return=representation` makes a create 201 and an update 200;
 * - "Execute batch operations using the Web API", Handling errors
 *   (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api#handling-errors)
 *   and OData 4.0 part 1, 8.3.4 for echoing `odata.continue-on-error`.
 */
import { SandboxUsers } from "../../src/dataverse/users";
import { postBatch } from "./batchWire";
import { startConformanceSandbox, type ConformanceSandbox } from "./independentClient";

const PAGE_RESULTS = "https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results";
const V2_ENDPOINT = "https://learn.microsoft.com/power-apps/developer/model-driven-apps/best-practices/business-logic/do-not-use-odata-v2-endpoint";
const COMPOSE = "https://learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors#prefer-headers";
const BATCH = "https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api#handling-errors";
const ALL_ANNOTATIONS = 'odata.include-annotations="*"';

let dv: ConformanceSandbox;
beforeEach(async () => {
  dv = await startConformanceSandbox();
  for (const name of ["Alpha Oy", "Beta Oy", "Gamma Oy"]) await dv.create("accounts", { name });
});
afterEach(() => dv.server.close());

test(`odata.maxpagesize is applied and echoed: a page of 2 with a next link and Preference-Applied: odata.maxpagesize=2 (${PAGE_RESULTS})`, async () => {
  const page = await dv.call({ action: "GET", path: "accounts", options: "$select=name", additionalHeaders: { Prefer: "odata.maxpagesize=2" } });
  expect(page.headers["preference-applied"]).toBe("odata.maxpagesize=2");
  expect(page.data.value).toHaveLength(2);
  expect(page.data["@odata.nextLink"]).toEqual(expect.any(String));
});

test(`annotations and page size together: both echoed, the annotations first (${V2_ENDPOINT})`, async () => {
  const page = await dv.call({ action: "GET", path: "accounts", options: "$select=name", additionalHeaders: { Prefer: `${ALL_ANNOTATIONS},odata.maxpagesize=2` } });
  expect(page.headers["preference-applied"]).toBe(`${ALL_ANNOTATIONS}, odata.maxpagesize=2`);
});

test(`a single-record GET echoes the annotations it applied, and nothing when no preference was sent (${V2_ENDPOINT})`, async () => {
  const id = await dv.create("accounts", { name: "Delta Oy" });
  const annotated = await dv.call({ action: "GET", path: `accounts(${id})`, options: "$select=name", additionalHeaders: { Prefer: ALL_ANNOTATIONS } });
  expect(annotated.headers["preference-applied"]).toBe(ALL_ANNOTATIONS);
  const plain = await dv.call({ action: "GET", path: `accounts(${id})`, options: "$select=name" });
  expect(plain.headers["preference-applied"]).toBeUndefined();
});

test(`return=representation: a create answers 201 with the record, an update 200, each echoing return=representation (${COMPOSE})`, async () => {
  const created = await dv.call({ action: "POST", path: "accounts", options: "$select=name", data: { name: "Epsilon Oy" }, additionalHeaders: { Prefer: "return=representation" } });
  expect(created.status).toBe(201);
  expect(created.headers["preference-applied"]).toBe("return=representation");
  expect(created.data).toMatchObject({ name: "Epsilon Oy", "@odata.etag": expect.stringMatching(/^W\/"\d+"$/) });

  const id = String(created.data.accountid);
  const updated = await dv.call({ action: "PATCH", path: `accounts(${id})`, options: "$select=name", data: { name: "Zeta Oy" }, additionalHeaders: { Prefer: "return=representation" } });
  expect(updated.status).toBe(200);
  expect(updated.headers["preference-applied"]).toBe("return=representation");
  expect(updated.data).toMatchObject({ name: "Zeta Oy" });
});

test(`return=representation with annotations: return=representation first, then the annotations (${V2_ENDPOINT})`, async () => {
  const created = await dv.call({
    action: "POST",
    path: "accounts",
    options: "$select=name",
    data: { name: "Eta Oy" },
    additionalHeaders: { Prefer: `${ALL_ANNOTATIONS},return=representation` },
  });
  expect(created.status).toBe(201);
  expect(created.headers["preference-applied"]).toBe(`return=representation, ${ALL_ANNOTATIONS}`);
});

test(`odata.continue-on-error on a $batch is echoed in the batch's Preference-Applied; a batch without it echoes nothing (${BATCH})`, async () => {
  const items = [{ method: "GET" as const, url: "accounts?$select=name" }];
  const preferred = await postBatch(dv.server.apiUrl, SandboxUsers.admin.token, items, { Prefer: "odata.continue-on-error" });
  expect(preferred.status).toBe(200);
  expect(preferred.headers.get("preference-applied")).toBe("odata.continue-on-error");
  const plain = await postBatch(dv.server.apiUrl, SandboxUsers.admin.token, items);
  expect(plain.headers.get("preference-applied")).toBeNull();
});
