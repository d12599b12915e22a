/** The Node host wired to a local Web API stub, on loopback ports, for HTTP tests and the benchmark. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { staticToken } from "../src/dataverse/tokens";
import { WebApiClient } from "../src/dataverse/webApiClient";
import { createWebhookServer, WebhookPath } from "../src/hosts/nodeServer";
import { DeliveryLedger } from "../src/webhook/deliveryLedger";
import type { Delivered } from "../src/webhook/handleWebhook";
import { DataverseStore } from "./dataverseStore";
import { startStubDataverse, type StubDataverse } from "./stubServer";

export const WebhookKey = "test-webhook-key-0123456789";
export const AccessToken = "test-access-token-abcdef";

export interface Harness {
  store: DataverseStore;
  stub: StubDataverse;
  url: string;
  logs: Record<string, unknown>[];
  /** Waits the Dataverse client took (no real waiting happens). */
  waits: number[];
  /** Keys of deliveries that joined one still running. */
  joined: string[];
  onJoin: (listener: () => void) => void;
  post(body: string, headers?: Record<string, string>, query?: string): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startHarness(options: { realSleep?: boolean; log?: boolean } = {}): Promise<Harness> {
  const store = new DataverseStore();
  const stub = await startStubDataverse(store, AccessToken);
  const logs: Record<string, unknown>[] = [];
  const waits: number[] = [];
  const joined: string[] = [];
  let joinListener: () => void = () => undefined;
  const server: Server = createWebhookServer({
    webhookKey: WebhookKey,
    dataverse: new WebApiClient({
      url: stub.url,
      token: staticToken(AccessToken),
      sleep: options.realSleep
        ? undefined
        : async (ms) => {
            waits.push(ms);
          },
    }),
    ledger: new DeliveryLedger<Delivered>({
      onJoin: (key) => {
        joined.push(key);
        joinListener();
      },
    }),
    log: options.log === false ? undefined : (entry) => logs.push(entry),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${WebhookPath}`;
  return {
    store,
    stub,
    url,
    logs,
    waits,
    joined,
    onJoin: (listener) => {
      joinListener = listener;
    },
    post: async (body, headers = { "x-cb2b-webhook-key": WebhookKey }, query = "") => {
      const response = await fetch(url + query, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
      return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stub.close();
    },
  };
}
