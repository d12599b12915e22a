import { join } from "node:path";
import { readServiceEndpointId, serviceEndpointIdFrom, wireWebhook } from "./serviceEndpoint";
import type { WebApi } from "./webApi";

const ID = "32db2711-c540-47f9-8d82-f0688058f82b";

function fakeApi() {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const api: WebApi = {
    environmentUrl: "https://x",
    request: <T>(method: string, path: string, body?: unknown) => {
      calls.push({ method, path, body });
      return Promise.resolve((method === "GET" ? { url: "https://cb2b-webhook.invalid/api/dataverse" } : undefined) as T);
    },
  };
  return { api, calls };
}

describe("service endpoint id", () => {
  it("is read from the shipped Customizations.xml", async () => {
    await expect(readServiceEndpointId(join(__dirname, "../../solution/src/Other/Customizations.xml"))).resolves.toBe(ID);
  });

  it("refuses a file without exactly one endpoint", () => {
    expect(() => serviceEndpointIdFrom("<ImportExportXml/>")).toThrow(/found 0/);
  });
});

describe("wireWebhook", () => {
  it("patches url and WebhookKey auth", async () => {
    const f = fakeApi();
    await expect(wireWebhook(f.api, ID, "https://fn.example.net/api/dataverse", "k3y-value", false)).resolves.toEqual({
      serviceEndpointId: ID,
      urlFrom: "https://cb2b-webhook.invalid/api/dataverse",
      urlTo: "https://fn.example.net/api/dataverse",
      keySet: true,
    });
    expect(f.calls[1]).toEqual({
      method: "PATCH",
      path: `serviceendpoints(${ID})`,
      body: {
        url: "https://fn.example.net/api/dataverse",
        authtype: 5,
        authvalue: '<settings><setting name="x-cb2b-webhook-key" value="k3y-value" /></settings>',
      },
    });
  });

  it("keeps the stored key when none is given, and writes nothing in a dry run", async () => {
    const f = fakeApi();
    await wireWebhook(f.api, ID, "https://fn.example.net/a", undefined, false);
    expect(f.calls[1].body).toEqual({ url: "https://fn.example.net/a" });
    const dry = fakeApi();
    await wireWebhook(dry.api, ID, "https://fn.example.net/a", "k", true);
    expect(dry.calls.map((c) => c.method)).toEqual(["GET"]);
  });
});
