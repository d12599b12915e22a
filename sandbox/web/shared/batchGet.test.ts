/** @jest-environment node */
import { parseBatch } from "../../src/dataverse/http/batch";
import { batchGet, batchRequestBody, parseBatchResponse } from "./batchGet";

const API = "http://127.0.0.1:5555/api/data/v9.2/";

// A Web API $batch answer as the batch article shows them: one application/http part per request.
const ANSWER = [
  "--batchresponse_1d2e",
  "Content-Type: application/http",
  "Content-Transfer-Encoding: binary",
  "",
  "HTTP/1.1 200 OK",
  "Content-Type: application/json; odata.metadata=minimal",
  "OData-Version: 4.0",
  "",
  '{"value":[{"leadid":"8d1f0b7e-3c4a-4f5e-9a6b-7c8d9e0f1a2b"}],"@Microsoft.Dynamics.CRM.totalrecordcount":1}',
  "--batchresponse_1d2e",
  "Content-Type: application/http",
  "Content-Transfer-Encoding: binary",
  "",
  "HTTP/1.1 404 Not Found",
  "Content-Type: application/json; odata.metadata=minimal",
  "",
  '{"error":{"code":"0x80060888","message":"Resource not found for the segment \'nothing\'."}}',
  "--batchresponse_1d2e--",
  "",
].join("\r\n");

describe("GETs in one $batch", () => {
  it("writes a body the sandbox's Web API reads as top-level GET parts, in order, with their headers", () => {
    const paths = ["leads?fetchXml=%3Cfetch%3E%3C%2Ffetch%3E", "customcontrols?$select=name,manifest&$filter=name%20eq%20'x'"];
    const items = parseBatch(batchRequestBody("batch_abc", API, paths), "multipart/mixed; boundary=batch_abc");
    expect(items.map((item) => (item.kind === "request" ? [item.request.method, item.request.url] : item.kind))).toEqual(paths.map((p) => ["GET", `${API}${p}`]));
    for (const item of items) if (item.kind === "request") expect(item.request.headers.prefer).toBe('odata.include-annotations="*"');
  });

  it("reads each part's status, headers and body", async () => {
    const [rows, missing] = parseBatchResponse(ANSWER, "multipart/mixed; boundary=batchresponse_1d2e");
    expect(rows.status).toBe(200);
    expect(rows.headers.get("OData-Version")).toBe("4.0");
    expect(await rows.json()).toEqual({ value: [{ leadid: "8d1f0b7e-3c4a-4f5e-9a6b-7c8d9e0f1a2b" }], "@Microsoft.Dynamics.CRM.totalrecordcount": 1 });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("0x80060888");
  });

  it("posts to $batch once and refuses an answer with the wrong number of parts", async () => {
    const calls: { path: string; init?: RequestInit }[] = [];
    const session = {
      apiUrl: API,
      fetchApi: async (path: string, init?: RequestInit) => {
        calls.push({ path, init });
        return new Response(ANSWER, { status: 200, headers: { "Content-Type": "multipart/mixed; boundary=batchresponse_1d2e" } });
      },
    };
    expect(await batchGet(session, ["a", "b"])).toHaveLength(2);
    expect(calls.map((c) => [c.path, c.init?.method])).toEqual([["$batch", "POST"]]);
    expect(new Headers(calls[0]!.init?.headers).get("Content-Type")).toMatch(/^multipart\/mixed; boundary=batch_/);
    await expect(batchGet(session, ["a"])).rejects.toThrow("The $batch answer has 2 parts for 1 requests.");
  });
});
