import type { SalesSession } from "../../shared/session";
import { createPcfWebApi, toErrorResponse } from "./webApi";

const LEAD = "6f0e2c4a-0000-4000-8000-00000000aaaa";

function session(fetchApi: SalesSession["fetchApi"]): SalesSession {
  return {
    clientUrl: "http://127.0.0.1:5555",
    apiUrl: "http://127.0.0.1:5555/api/data/v9.2/",
    user: { id: "6f0e2c4a-0000-4000-8000-000000000002", token: "salesrep", fullname: "Sanna Myyjä" },
    languageId: 1033,
    fetchApi,
  };
}

describe("webAPI", () => {
  function recordingSession(answers: Response[]) {
    const calls: { path: string; init?: RequestInit }[] = [];
    const s = session((path, init) => {
      calls.push({ path, init });
      const answer = answers.shift();
      return answer ? Promise.resolve(answer) : Promise.reject(new Error("unexpected call"));
    });
    return { s, calls };
  }
  const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

  it("retrieveMultipleRecords resolves the entity set once and answers { entities, nextLink }", async () => {
    const { s, calls } = recordingSession([
      json({ EntitySetName: "leads" }),
      json({ value: [{ leadid: LEAD }], "@odata.nextLink": "http://x/next" }),
      json({ value: [] }),
    ]);
    const api = createPcfWebApi(s);
    await expect(api.retrieveMultipleRecords("lead", "?fetchXml=%3Cfetch%2F%3E", 10)).resolves.toEqual({ entities: [{ leadid: LEAD }], nextLink: "http://x/next" });
    expect(calls[0].path).toBe("EntityDefinitions(LogicalName='lead')?$select=EntitySetName");
    expect(calls[1].path).toBe("leads?fetchXml=%3Cfetch%2F%3E");
    expect(new Headers(calls[1].init?.headers).get("Prefer")).toBe("odata.maxpagesize=10");
    await api.retrieveMultipleRecords("lead", "$select=fullname");
    expect(calls.map((c) => c.path)).toEqual(["EntityDefinitions(LogicalName='lead')?$select=EntitySetName", "leads?fetchXml=%3Cfetch%2F%3E", "leads?$select=fullname"]);
  });

  it("createRecord answers the new record as a lookup; errors reject as { errorCode, message }", async () => {
    const { s } = recordingSession([
      json({ EntitySetName: "accounts" }),
      new Response(null, { status: 204, headers: { "OData-EntityId": `http://x/api/data/v9.2/accounts(${LEAD})` } }),
      json({ error: { code: "0x80040217", message: "account With Id = x Does Not Exist" } }, 404),
    ]);
    const api = createPcfWebApi(s);
    await expect(api.createRecord("account", { name: "Fabrikam" })).resolves.toMatchObject({ id: LEAD, entityType: "account" });
    await expect(api.retrieveRecord("account", "x")).rejects.toMatchObject({ errorCode: -2147220969, message: "account With Id = x Does Not Exist" });
  });

  it("maps a non-Dataverse failure to its HTTP status", () => {
    expect(toErrorResponse(502, "Bad gateway")).toMatchObject({ errorCode: 502, message: "HTTP 502" });
  });
});
