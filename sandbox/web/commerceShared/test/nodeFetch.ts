/**
 * Test helper: a FetchLike over node:http, so jsdom tests can drive the pages against a real
 * startCommerceServer (jsdom has no fetch of its own). Records every request it makes.
 */
import { request } from "node:http";
import type { FetchLike, FetchResponse } from "../client";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export function nodeFetch(baseUrl: string, log: RecordedRequest[] = []): FetchLike {
  return (url, init) =>
    new Promise<FetchResponse>((resolve, reject) => {
      log.push({ method: init.method, url, headers: init.headers, body: init.body });
      const req = request(new URL(url, baseUrl), { method: init.method, headers: init.headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const status = res.statusCode ?? 0;
          resolve({ ok: status >= 200 && status < 300, status, json: async () => JSON.parse(text) as unknown });
        });
      });
      req.on("error", reject);
      req.end(init.body);
    });
}
