import { HttpRequest, InvocationContext } from "@azure/functions";
import { connect } from "node:net";
import { startHarness, WebhookKey, type Harness } from "../../test/webhookHarness";
import { fixture } from "../../test/scenario";
import { DeliveryLedger } from "../webhook/deliveryLedger";
import { MaxBodyBytes, type Delivered, type WebhookDependencies } from "../webhook/handleWebhook";
import { dataverseWebhook } from "./azureFunctions";
import { requestTarget } from "./nodeServer";

/** Raw bytes as one request (HTTP clients normalise request lines); resolves with what the server wrote before closing. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: "127.0.0.1" }, () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.once("close", () => resolve(Buffer.concat(chunks).toString("latin1")));
    socket.once("error", reject);
  });
}

const deepBody = `{"MessageName":"Update","InputParameters":${"[".repeat(50_000)}${"]".repeat(50_000)}}`;

describe("Node webhook host under hostile input", () => {
  let h: Harness;
  let port: number;
  beforeEach(async () => {
    h = await startHarness();
    port = Number(new URL(h.url).port);
  });
  afterEach(() => h.close());

  const healthy = async () => expect((await fetch(h.url.replace("/dataverse", "/health"), { headers: { "x-cb2b-webhook-key": WebhookKey } })).status).toBe(200);

  it("answers POST //:99999, which new URL() rejects, as a path it does not serve, and keeps running", async () => {
    const answer = await rawRequest(port, "POST //:99999 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 404 Not Found");
    expect(answer).toContain('"message":"No such route: //:99999"');
    await healthy();
  });

  it.each(["GET :99999 HTTP/1.1", "OPTIONS * HTTP/1.1", "GET http://[::1 HTTP/1.1", "NOT-A-REQUEST-LINE", "GET / HTTP/9.9"])(
    "answers %s with a 400 and keeps running",
    async (line) => {
      expect((await rawRequest(port, `${line}\r\nHost: x\r\nConnection: close\r\n\r\n`)).split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
      await healthy();
    },
  );

  it("reads a request target as a path", () => {
    expect(requestTarget("//:99999")?.pathname).toBe("//:99999");
    expect(requestTarget("/api/dataverse?code=k")?.searchParams.get("code")).toBe("k");
    expect(requestTarget("*")).toBeNull();
  });

  it("refuses deeply nested JSON with a 400, touching no Dataverse", async () => {
    const response = await h.post(deepBody);
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ outcome: "badRequest", message: "Malformed context: objects and arrays nest more than 128 levels deep." });
    expect(h.stub.requests).toEqual([]);
    // A real context is far from the limit.
    expect((await h.post(fixture("leadUpdate.handoff.json"))).status).not.toBe(400);
  });

  it("checks the key before the body, and a declared size before reading any of it", async () => {
    const tooBig = `Content-Length: ${MaxBodyBytes + 1}`;
    // No key: 401 with nothing of the (never sent) body read; the answer comes at once.
    expect((await rawRequest(port, `POST /api/dataverse HTTP/1.1\r\nHost: x\r\n${tooBig}\r\n\r\n`)).split("\r\n")[0]).toBe("HTTP/1.1 401 Unauthorized");
    // With the key: 413 on the declared length alone, the body never sent.
    expect((await rawRequest(port, `POST /api/dataverse HTTP/1.1\r\nHost: x\r\nx-cb2b-webhook-key: ${WebhookKey}\r\n${tooBig}\r\n\r\n`)).split("\r\n")[0]).toBe(
      "HTTP/1.1 413 Payload Too Large",
    );
    expect(h.stub.requests).toEqual([]);
    await healthy();
  });
});

describe("Azure Functions host under hostile input", () => {
  const deps: WebhookDependencies = {
    webhookKey: WebhookKey,
    dataverse: {
      forDelivery: () => {
        throw new Error("no Dataverse call expected");
      },
    },
    ledger: new DeliveryLedger<Delivered>(),
  };
  /** A body that fails the test if anything reads it. */
  const unreadable = () =>
    new ReadableStream<Uint8Array>({
      pull() {
        throw new Error("the body was read");
      },
    });
  const url = "https://cb2b.azurewebsites.net/api/dataverse";
  /** A request as the Functions host streams it to the function (the body is read only if the function reads it). */
  const request = (headers: Record<string, string>, body: ReadableStream<Uint8Array> | string) =>
    new HttpRequest({
      method: "POST",
      url,
      nativeRequest: new Request(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body, duplex: "half" } as RequestInit),
    } as ConstructorParameters<typeof HttpRequest>[0]);

  it("answers 401 without reading the body of a request without the key", async () => {
    const response = await dataverseWebhook(request({}, unreadable()), new InvocationContext(), deps);
    expect(response.status).toBe(401);
  });

  it("answers 413 on a declared length over the limit without reading the body", async () => {
    const response = await dataverseWebhook(request({ "x-cb2b-webhook-key": WebhookKey, "content-length": String(MaxBodyBytes + 1) }, unreadable()), new InvocationContext(), deps);
    expect(response.status).toBe(413);
  });

  it("answers 413 as soon as an undeclared body grows past the limit", async () => {
    let served = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        served++;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const response = await dataverseWebhook(request({ "x-cb2b-webhook-key": WebhookKey }, endless), new InvocationContext(), deps);
    expect(response.status).toBe(413);
    expect(served * 64 * 1024).toBeLessThan(MaxBodyBytes + 256 * 1024);
  });

  it("answers 400 for deeply nested JSON", async () => {
    const response = await dataverseWebhook(request({ "x-cb2b-webhook-key": WebhookKey }, deepBody), new InvocationContext(), deps);
    expect(response.status).toBe(400);
  });
});
