import { rawRequest } from "../../test/sandboxProcess";
import { startCommerceServer, type CommerceServer } from "./api";
import { CommerceHq } from "./commerceHq";

/** The public B2B site's port: whatever arrives, the answer is a 4xx and the server keeps answering. */
describe("Commerce server under hostile input", () => {
  let hq: CommerceHq;
  let server: CommerceServer;
  let port: number;
  beforeEach(async () => {
    hq = new CommerceHq({ dbFile: ":memory:", now: () => new Date("2026-03-02T10:00:00.000Z") });
    server = await startCommerceServer({ commerce: hq, port: 0 });
    port = Number(new URL(server.url).port);
  });
  afterEach(async () => {
    await server.close();
    hq.close();
  });

  const signup = { companyName: "Contoso", firstName: "Aino", lastName: "Virtanen", email: "aino@contoso.example", channel: "B2B-FI" };
  const stillAnswers = async () => expect((await fetch(`${server.url}/commerce/prospects`)).status).toBe(200);
  const statusLine = (answer: string) => answer.split("\r\n")[0];

  it("answers POST //:99999 (which new URL() rejects) and keeps running", async () => {
    const answer = await rawRequest(port, "POST //:99999 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    expect(statusLine(answer)).toBe("HTTP/1.1 404 Not Found");
    expect(answer).toContain('"code":"notFound"');
    await stillAnswers();
  });

  it.each([
    ["GET :99999 HTTP/1.1", "HTTP/1.1 400 Bad Request"],
    ["OPTIONS * HTTP/1.1", "HTTP/1.1 400 Bad Request"],
    ["GET http://[::1 HTTP/1.1", "HTTP/1.1 400 Bad Request"],
    ["GET /commerce/prospects/%E0%A4%A HTTP/1.1", "HTTP/1.1 400 Bad Request"],
    ["GET /signup%E0%A4%A HTTP/1.1", "HTTP/1.1 404 Not Found"],
  ])("answers %s with a 4xx and keeps running", async (line, status) => {
    expect(statusLine(await rawRequest(port, `${line}\r\nHost: x\r\nConnection: close\r\n\r\n`))).toBe(status);
    await stillAnswers();
  });

  it("refuses an over-size body with 413 whether its length is declared or it is chunked", async () => {
    const declared = await fetch(`${server.url}/commerce/signups`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "x".repeat(4 * 1024 * 1024) });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: { code: "payloadTooLarge", message: "The body can be at most 65536 bytes." } });
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 32; i++) controller.enqueue(new Uint8Array(16 * 1024).fill(32));
        controller.close();
      },
    });
    const streamed = await fetch(`${server.url}/commerce/signups`, { method: "POST", headers: { "Content-Type": "application/json" }, body: chunked, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(hq.signupRequests()).toEqual([]);
    await stillAnswers();
  });

  it("refuses deeply nested JSON as not a sign-up", async () => {
    const response = await fetch(`${server.url}/commerce/signups`, { method: "POST", headers: { "Content-Type": "application/json" }, body: `{"companyName":${"[".repeat(20000)}${"]".repeat(20000)}}` });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalidJson");
  });

  it("refuses invalid Unicode at its field, whether a lone surrogate escape or bytes that are not UTF-8", async () => {
    const escaped = await fetch(`${server.url}/commerce/signups`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(signup).replace('"Contoso"', '"Contoso \\ud800"'),
    });
    expect(escaped.status).toBe(400);
    expect(await escaped.json()).toEqual({ errors: [expect.objectContaining({ field: "companyName", code: "invalidUnicode" })] });
    // 0xED 0xA0 0x80 would be U+D800 in UTF-8, which UTF-8 does not allow: decoded, it becomes U+FFFD.
    const [before, after] = JSON.stringify(signup).split("Virtanen");
    const invalidUtf8 = Buffer.concat([Buffer.from(`${before}Virta`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(`nen${after}`)]);
    const undecodable = await fetch(`${server.url}/commerce/signups`, { method: "POST", headers: { "Content-Type": "application/json" }, body: invalidUtf8 });
    expect(undecodable.status).toBe(400);
    expect(await undecodable.json()).toEqual({ errors: [expect.objectContaining({ field: "lastName", code: "invalidUnicode" })] });
    expect(hq.signupRequests()).toEqual([]);
    await stillAnswers();
  });
});
