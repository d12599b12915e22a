import { batchAnswers, changeSetBatch } from "./batch";

describe("$batch wire format", () => {
  it("puts the writes in one change set, each an application/http PATCH with its precondition", () => {
    const { contentType, body } = changeSetBatch("https://contoso.crm4.dynamics.com/api/data/v9.2", [
      { kind: "create", entitySet: "annotations", id: "a1", data: { subject: "s" } },
      { kind: "update", entitySet: "leads", id: "l1", data: { msdyn_b2bprospectstatus: 192350001 }, etag: 'W/"12"' },
      { kind: "update", entitySet: "accounts", id: "c1", data: { customertypecode: 3 } },
    ]);
    const batch = /^multipart\/mixed; boundary=(batch_[0-9a-f-]+)$/.exec(contentType)![1];
    const changeSet = new RegExp(`--${batch}\\r\\nContent-Type: multipart/mixed; boundary=(changeset_[0-9a-f-]+)\\r\\n\\r\\n`).exec(body)![1];
    const parts = body.split(`--${changeSet}`).slice(1, -1);
    expect(parts.map((p) => /(PATCH \S+ HTTP\/1\.1)/.exec(p)![1])).toEqual([
      "PATCH https://contoso.crm4.dynamics.com/api/data/v9.2/annotations(a1) HTTP/1.1",
      "PATCH https://contoso.crm4.dynamics.com/api/data/v9.2/leads(l1) HTTP/1.1",
      "PATCH https://contoso.crm4.dynamics.com/api/data/v9.2/accounts(c1) HTTP/1.1",
    ]);
    expect(parts.map((p) => /^(If-(?:None-)?Match: .*)$/m.exec(p)![1].trim())).toEqual(["If-None-Match: *", 'If-Match: W/"12"', "If-Match: *"]);
    expect(parts.map((p) => /^Content-ID: (\d+)/m.exec(p)![1])).toEqual(["1", "2", "3"]);
    expect(parts[1].trim().endsWith('{"msdyn_b2bprospectstatus":192350001}')).toBe(true);
    expect(body.endsWith(`--${changeSet}--\r\n--${batch}--\r\n`)).toBe(true);
  });

  it("reads the answers, nested in a change set or (a failed change set) on their own", () => {
    const ok = [
      "--batchresponse_1",
      "Content-Type: multipart/mixed; boundary=changesetresponse_1",
      "",
      "--changesetresponse_1",
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      "Content-ID: 1",
      "",
      "HTTP/1.1 204 No Content",
      "OData-Version: 4.0",
      "",
      "",
      "--changesetresponse_1",
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      "Content-ID: 2",
      "",
      "HTTP/1.1 204 No Content",
      "",
      "",
      "--changesetresponse_1--",
      "--batchresponse_1--",
      "",
    ].join("\r\n");
    expect(batchAnswers(ok)).toEqual([
      { status: 204, contentId: "1", body: "" },
      { status: 204, contentId: "2", body: "" },
    ]);
    const failed = [
      "--batchresponse_2",
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      "",
      "HTTP/1.1 412 Precondition Failed",
      "Content-Type: application/json; odata.metadata=minimal",
      "OData-Version: 4.0",
      "",
      '{"error":{"code":"0x80060882","message":"The version of the existing record doesn\'t match the RowVersion property provided."}}',
      "--batchresponse_2--",
      "",
    ].join("\r\n");
    expect(batchAnswers(failed)).toEqual([
      { status: 412, contentId: null, body: '{"error":{"code":"0x80060882","message":"The version of the existing record doesn\'t match the RowVersion property provided."}}' },
    ]);
  });
});
