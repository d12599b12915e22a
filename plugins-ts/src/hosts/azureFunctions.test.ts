import { HttpRequest, InvocationContext } from "@azure/functions";
import { ProspectStatus } from "../../../core/src";
import { inMemoryClient } from "../../test/dataverseStore";
import { fixture, Ids, newStore, seedLead } from "../../test/scenario";
import type { DataverseClientFactory } from "../dataverse/client";
import { DeliveryLedger } from "../webhook/deliveryLedger";
import type { Delivered, WebhookDependencies } from "../webhook/handleWebhook";
import { dataverseWebhook, webhookHealth } from "./azureFunctions";

const KEY = "azure-functions-test-key-123";

describe("Azure Functions host", () => {
  const store = newStore();
  const factory: DataverseClientFactory = {
    forDelivery: () => Object.assign(inMemoryClient(store), { stats: { requests: 0, retries: 0, transientAnswers: [] } }),
  };
  const deps: WebhookDependencies = { webhookKey: KEY, dataverse: factory, ledger: new DeliveryLedger<Delivered>() };
  const request = (query: string, body: string) =>
    new HttpRequest({ method: "POST", url: `https://cb2b.azurewebsites.net/api/dataverse${query}`, body: { string: body }, headers: { "content-type": "application/json" } });

  beforeAll(() => {
    seedLead(store);
    store.get("leads", Ids.lead)!.statecode = 2;
  });

  it("handles a delivery authenticated with ?code= (auth type WebhookKey)", async () => {
    const response = await dataverseWebhook(request(`?code=${KEY}`, fixture("leadUpdate.handoff.json")), new InvocationContext(), deps);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body as string)).toMatchObject({ outcome: "applied", step: { name: "Cb2b.Webhook.Handoff: Update of lead" } });
    expect(store.get("leads", Ids.lead)?.msdyn_b2bprospectstatus).toBe(ProspectStatus.Rejected);
  });

  it("answers 401 without the key", async () => {
    const response = await dataverseWebhook(request("?code=wrong", fixture("leadUpdate.handoff.json")), new InvocationContext(), deps);
    expect(response.status).toBe(401);
  });

  it("answers the health check only with the key", async () => {
    const health = (query: string) => new HttpRequest({ method: "GET", url: `https://cb2b.azurewebsites.net/api/health${query}` });
    expect((await webhookHealth(health(`?code=${KEY}`), new InvocationContext(), deps)).status).toBe(200);
    expect((await webhookHealth(health(""), new InvocationContext(), deps)).status).toBe(401);
  });
});
