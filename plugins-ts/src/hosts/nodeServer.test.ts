import { ProspectStatus } from "../../../core/src";
import { fixture, Ids, seedInCommerce, seedLead, seedQualified, SignUpCompanyName } from "../../test/scenario";
import { AccessToken, startHarness, WebhookKey, type Harness } from "../../test/webhookHarness";
import { parseRemoteExecutionContext, serializeRemoteExecutionContext, webhookHeadersFor } from "../executionContext";

const dataverseHeaders = (body: string, trimmed = false): Record<string, string> => ({
  ...webhookHeadersFor(parseRemoteExecutionContext(body), { organization: "contoso.crm4.dynamics.com", trimmed }),
  "x-cb2b-webhook-key": WebhookKey,
});

describe("Node webhook host (POST /api/dataverse) against a local Web API stub", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    seedLead(h.store);
  });
  afterEach(() => h.close());

  it.each([
    ["no key", {}],
    ["a wrong key", { "x-cb2b-webhook-key": "not-the-key-0123456789" }],
    ["the key in another header", { authorization: WebhookKey }],
  ])("answers 401 and does no work for %s", async (_, headers) => {
    const response = await h.post(fixture("leadUpdate.handoff.json"), headers);
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ outcome: "unauthorized", message: "Missing or wrong webhook key." });
    expect(h.stub.requests).toEqual([]);
  });

  it("accepts the key as ?code= (service endpoint auth type WebhookKey)", async () => {
    h.store.get("leads", Ids.lead)!.statecode = 2;
    const response = await h.post(fixture("leadUpdate.handoff.json"), {}, `?code=${encodeURIComponent(WebhookKey)}`);
    expect(response.status).toBe(200);
  });

  it("answers 400 naming the problem for malformed JSON", async () => {
    const response = await h.post('{"MessageName": "Update",', { "x-cb2b-webhook-key": WebhookKey });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ outcome: "badRequest", message: expect.stringMatching(/^Malformed JSON: /) });
    expect(h.stub.requests).toEqual([]);
  });

  it("answers 400 for a message the webhook has no step for", async () => {
    const body = fixture("leadUpdate.handoff.json").replace('"MessageName":"Update","Mode":1', '"MessageName":"Create","Mode":1');
    const response = await h.post(body);
    expect(response.status).toBe(400);
    expect(response.json.message).toBe("Unknown message: this webhook has no step for Create of lead at stage 40 in asynchronous mode.");
  });

  it("refuses a synchronous operation with 409 and the user-facing message", async () => {
    seedQualified(h.store);
    const body = fixture("winOpportunity.validate.json");
    const response = await h.post(body, dataverseHeaders(body));
    expect(response.status).toBe(409);
    expect(response.json).toMatchObject({
      outcome: "refused",
      reason: "accountNotInCommerce,contactNotInCommerce",
      message: expect.stringContaining("Customers V3 (accounts)"),
      step: { name: "Cb2b.Webhook.Validate: WinOpportunity of opportunity" },
    });
    expect(h.store.writes).toEqual([]);
  });

  it("re-reads what a trimmed payload left out through the Web API", async () => {
    h.store.get("leads", Ids.lead)!.statecode = 2; // the disqualification has been committed
    const body = serializeRemoteExecutionContext(parseRemoteExecutionContext(fixture("leadUpdate.handoff.json")), { trimmed: true });
    const response = await h.post(body, dataverseHeaders(body, true));
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ outcome: "applied" });
    // The lead, read now (one FetchXML with its notes and the user), since the payload says nothing of it.
    expect(h.stub.requests[0]).toMatchObject({ method: "GET", path: expect.stringMatching(new RegExp(`^/api/data/v9.2/leads\\?fetchXml=.*<condition attribute="leadid" operator="eq" value="${Ids.lead}"/>`)) });
    expect(h.store.get("leads", Ids.lead)?.msdyn_b2bprospectstatus).toBe(ProspectStatus.Rejected);
  });

  it("processes a delivery once when the same request arrives twice at the same moment", async () => {
    seedInCommerce(h.store);
    h.store.get("opportunities", Ids.opportunity)!.statecode = 1; // Close as Won has been committed
    const body = fixture("winOpportunity.validate.json").replace('"Stage":10', '"Stage":40').replace('"Mode":0', '"Mode":1');
    const held = h.stub.holdNext();
    const joined = new Promise<void>((resolve) => h.onJoin(resolve));
    const first = h.post(body);
    await held.reached; // the first delivery is inside Dataverse now
    const second = h.post(body);
    await joined; // the second one is waiting for the first
    held.release();
    const answers = await Promise.all([first, second]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.map((a) => a.headers.get("x-cb2b-duplicate-delivery"))).toEqual([null, "true"]);
    expect(answers[1].json).toMatchObject({ outcome: "applied", delivery: { duplicate: true } });
    expect(h.store.writesTo("leads")).toHaveLength(1);
    expect(h.store.writesTo("annotations")).toHaveLength(1);
    // Dataverse's own retry later gets the remembered answer without any work.
    const before = h.stub.requests.length;
    expect((await h.post(body)).json).toMatchObject({ outcome: "applied", delivery: { duplicate: true } });
    expect(h.stub.requests.length).toBe(before);
  });

  it("decides a repeated delivery again when the first cost no Dataverse call, instead of remembering it", async () => {
    // The PreImage says the lead is not from Commerce: the handler answers from the delivery alone.
    const body = fixture("leadUpdate.handoff.json").replace('{"key":"msdyn_b2bcommerceprospect","value":true}', '{"key":"msdyn_b2bcommerceprospect","value":false}');
    expect(body).toContain('"msdyn_b2bcommerceprospect","value":false');
    const answers = [await h.post(body), await h.post(body)];
    expect(answers.map((a) => [a.status, a.json.outcome, (a.json.dataverse as { requests: number }).requests])).toEqual([
      [200, "notApplicable", 0],
      [200, "notApplicable", 0],
    ]);
    expect(answers.map((a) => a.json.delivery)).toEqual([
      expect.objectContaining({ duplicate: false }),
      expect.objectContaining({ duplicate: false }),
    ]);
    expect(answers[1].json.message).toBe(answers[0].json.message);
    expect(h.stub.requests).toEqual([]);
  });

  it("retries 429 and 5xx from Dataverse with backoff and says so", async () => {
    seedInCommerce(h.store);
    h.stub.failNext({ status: 429, headers: { "Retry-After": "2" } }, { status: 503 });
    const body = fixture("winOpportunity.validate.json");
    const response = await h.post(body);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ outcome: "allowed", dataverse: { retries: 2, transientAnswers: ["429", "503"] } });
    expect(h.waits[0]).toBe(2000);
  });

  it("answers 503 when Dataverse stays busy past the time budget, so that Dataverse retries", async () => {
    seedInCommerce(h.store);
    h.stub.failNext({ status: 429, headers: { "Retry-After": "120" } });
    const response = await h.post(fixture("winOpportunity.validate.json"));
    expect(response.status).toBe(503);
    expect(response.json).toMatchObject({ outcome: "failed", message: expect.stringMatching(/^Dataverse: POST \/\$batch answered 429/) });
    expect(h.waits).toEqual([]);
  });

  it("logs ids and outcomes, never the key, the token or what the partner typed", async () => {
    h.store.get("leads", Ids.lead)!.statecode = 2;
    await h.post(fixture("leadUpdate.handoff.json"));
    await h.post(fixture("leadUpdate.handoff.json"), { "x-cb2b-webhook-key": "wrong-key-0123456789" });
    const text = JSON.stringify(h.logs);
    expect(h.logs.map((l) => l.event)).toEqual(["webhook.delivery", "webhook.unauthorized"]);
    expect(h.logs[0]).toMatchObject({ step: "Cb2b.Webhook.Handoff: Update of lead", status: 200, outcome: "applied", recordId: Ids.lead });
    for (const secret of [WebhookKey, AccessToken, "wrong-key", SignUpCompanyName, "Fabrikam"]) expect(text).not.toContain(secret);
  });

  it("serves a health check that needs the key, and refuses other methods and oversized bodies", async () => {
    const health = h.url.replace("/dataverse", "/health");
    expect((await fetch(health, { headers: { "x-cb2b-webhook-key": WebhookKey } })).status).toBe(200);
    expect((await fetch(health)).status).toBe(401);
    expect((await fetch(health, { headers: { "x-cb2b-webhook-key": "wrong-key" } })).status).toBe(401);
    const get = await fetch(h.url, { headers: { "x-cb2b-webhook-key": WebhookKey } });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    const big = await h.post("x".repeat(1024 * 1024 + 1));
    expect(big.status).toBe(413);
  });
});
