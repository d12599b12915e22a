import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { BodyTooLargeError, jsonNestingExceeds, readLimitedBody, requestUrl, safeDecode } from "./requestGuards";

describe("request targets", () => {
  const origin = "http://127.0.0.1:5555";

  it("reads an origin-form target as a path, even one that looks scheme-relative", () => {
    expect(requestUrl("/api/data/v9.2/leads?$top=1", origin)?.href).toBe("http://127.0.0.1:5555/api/data/v9.2/leads?$top=1");
    // new URL("//:99999", base) throws (port 99999); as a path it is just a path nothing serves.
    expect(requestUrl("//:99999", origin)?.pathname).toBe("//:99999");
    expect(requestUrl("//evil.example/x", origin)?.host).toBe("127.0.0.1:5555");
  });

  it("keeps only the path and query of an absolute-form target, and refuses anything else", () => {
    expect(requestUrl("http://elsewhere.example/commerce?x=1", origin)?.href).toBe("http://127.0.0.1:5555/commerce?x=1");
    for (const target of ["*", ":99999", "http://[::1", "mailto:x@y", ""]) expect(requestUrl(target, origin)).toBeNull();
  });

  it("decodes percent-encoding, or says it is malformed", () => {
    expect(safeDecode("leads(%7Bx%7D)")).toBe("leads({x})");
    expect(safeDecode("%E0%A4%A")).toBeNull();
    expect(safeDecode("%")).toBeNull();
  });
});

describe("JSON nesting", () => {
  it("counts objects and arrays, not brackets inside strings", () => {
    expect(jsonNestingExceeds('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(jsonNestingExceeds('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(jsonNestingExceeds(JSON.stringify({ text: "[[[[[[{{{{{\\\"]]]" }), 1)).toBe(false);
    expect(jsonNestingExceeds("[".repeat(1_000_000), 64)).toBe(true);
  });
});

describe("reading a body within a limit", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      readLimitedBody(req, 1024).then(
        (body) => {
          res.writeHead(200, { "Content-Type": "text/plain" });
          res.end(`read ${body.length}`);
        },
        (error: unknown) => {
          res.writeHead(error instanceof BodyTooLargeError ? 413 : 500, { Connection: "close", "Content-Type": "text/plain" });
          res.end((error as Error).message);
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("reads a body up to the limit", async () => {
    const response = await fetch(url, { method: "POST", body: "x".repeat(1024) });
    expect(await response.text()).toBe("read 1024");
  });

  it("answers 413, not a reset, for a declared length over the limit, however large the body", async () => {
    const response = await fetch(url, { method: "POST", body: "x".repeat(8 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe("The request body is larger than 1024 bytes.");
  });

  it("answers 413 for a chunked body that grows past the limit", async () => {
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 64; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(120));
        controller.close();
      },
    });
    const response = await fetch(url, { method: "POST", body: chunks, duplex: "half" } as RequestInit);
    expect(response.status).toBe(413);
  });
});
