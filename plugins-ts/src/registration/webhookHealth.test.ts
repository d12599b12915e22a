import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { checkWebhookHealth, healthUrlFor, webhookUrlProblem } from "./webhookHealth";

describe("webhookUrlProblem", () => {
  it("accepts what Dataverse can call: https on 443, and loopback (the sandbox) on any port", () => {
    for (const url of ["https://fn.example.net/api/dataverse", "https://fn.example.net:443/api/dataverse", "http://127.0.0.1:5557/api/dataverse", "http://localhost:7071/api/dataverse"]) {
      expect(webhookUrlProblem(url)).toBeNull();
    }
  });

  it("refuses other ports, plain http and non-URLs, saying why", () => {
    expect(webhookUrlProblem("https://fn.example.net:7071/api/dataverse")).toMatch(/only on port 443 .*not on port 7071/);
    expect(webhookUrlProblem("http://fn.example.net/api/dataverse")).toMatch(/must be https/);
    expect(webhookUrlProblem("fn.example.net")).toMatch(/not a URL/);
  });
});

describe("checkWebhookHealth", () => {
  let server: Server;
  let base: string;
  const seen: { path?: string; key?: string }[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      const key = request.headers["x-cb2b-webhook-key"];
      seen.push({ path: request.url, key: typeof key === "string" ? key : undefined });
      response.writeHead(request.url === "/api/health" ? (key === "right-key-0123456789" ? 200 : 401) : 404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("GETs the health route beside the delivery route with the key in the header Dataverse sends", async () => {
    expect(healthUrlFor("https://fn.example.net/api/dataverse?code=x")).toBe("https://fn.example.net/api/health");
    await expect(checkWebhookHealth(`${base}/api/dataverse`, "right-key-0123456789")).resolves.toBeUndefined();
    expect(seen.at(-1)).toEqual({ path: "/api/health", key: "right-key-0123456789" });
  });

  it("says what to fix for a wrong key, a wrong host and nobody listening", async () => {
    await expect(checkWebhookHealth(`${base}/api/dataverse`, "wrong-key")).rejects.toThrow(/refused the key \(401\)/);
    await expect(checkWebhookHealth(`${base}/other/dataverse`, "right-key-0123456789")).rejects.toThrow(/answered 404/);
    await expect(checkWebhookHealth("http://127.0.0.1:1/api/dataverse", "k")).rejects.toThrow(/did not answer/);
  });
});
