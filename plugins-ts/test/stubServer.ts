/**
 * A small local HTTP server speaking the Dataverse Web API wire format over a DataverseStore:
 * GET `set(id)?$select=` (with `@odata.etag`), GET `set?$select&$filter&$top`, PATCH `set(id)`
 * (If-Match: * → update, If-Match: <etag> → update of that version, If-None-Match: * → create only,
 * none → upsert), bearer-token check, `{ "error": { code, message } }` bodies. Tests can queue faults
 * (429 with Retry-After, 503…) and hold a request to observe concurrency without timers.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { DataverseStore } from "./dataverseStore";

const BASE = "/api/data/v9.2/";
const knownSets = new Set([
  "leads",
  "opportunities",
  "accounts",
  "contacts",
  "annotations",
  "systemusers",
  "usersettingscollection",
  "environmentvariabledefinitions",
  "roles",
]);

export interface Fault {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface StubRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  ifMatch: string | undefined;
}

export interface StubDataverse {
  url: string;
  requests: StubRequest[];
  /** Answers the next requests with these faults, in order, before serving normally again. */
  failNext(...faults: Fault[]): void;
  /** Holds the next request: `reached` resolves when it arrives; it is answered after `release()`. */
  holdNext(): { reached: Promise<void>; release: () => void };
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

const errorBody = (code: string, message: string): string => JSON.stringify({ error: { code, message } });

export async function startStubDataverse(store: DataverseStore, token: string): Promise<StubDataverse> {
  const requests: StubRequest[] = [];
  const faults: Fault[] = [];
  let hold: { arrived: () => void; released: Promise<void> } | null = null;
  let url = "";

  const server: Server = createServer((request, response) => {
    void (async () => {
      const full = new URL(request.url ?? "/", "http://localhost");
      const path = decodeURIComponent(full.pathname) + (full.search ? decodeURIComponent(full.search) : "");
      requests.push({
        method: request.method ?? "",
        path,
        authorization: request.headers.authorization,
        ifMatch: request.headers["if-match"] as string | undefined,
      });
      const body = await readBody(request);
      const current = hold;
      if (current) {
        hold = null;
        current.arrived();
        await current.released;
      }
      const reply = (status: number, payload?: string, headers: Record<string, string> = {}): void => {
        response.writeHead(status, { "OData-Version": "4.0", ...(payload ? { "Content-Type": "application/json; odata.metadata=minimal" } : {}), ...headers });
        response.end(payload);
      };
      const fault = faults.shift();
      if (fault) return reply(fault.status, fault.body ?? errorBody("0x80072321", `Injected ${fault.status}`), fault.headers);
      if (request.headers.authorization !== `Bearer ${token}`) return reply(401, undefined, { "WWW-Authenticate": "Bearer" });
      if (!full.pathname.startsWith(BASE)) return reply(404, errorBody("0x8006088a", "Resource not found."));
      const resource = decodeURIComponent(full.pathname.slice(BASE.length));
      const single = /^(\w+)\(([0-9a-fA-F-]{36})\)$/.exec(resource);
      const entitySet = single ? single[1] : resource;
      if (!knownSets.has(entitySet)) return reply(404, errorBody("0x8006088a", `Resource not found for the segment '${entitySet}'.`));
      const context = `${url}${BASE}$metadata#${entitySet}`;
      if (request.method === "GET" && single) {
        const select = (full.searchParams.get("$select") ?? "").split(",").filter(Boolean);
        const row = store.retrieve(entitySet, single[2], select);
        if (!row) return reply(404, errorBody("0x80040217", `${entitySet} With Id = ${single[2]} Does Not Exist`));
        return reply(200, JSON.stringify({ "@odata.context": `${context}/$entity`, "@odata.etag": 'W/"1"', ...row }));
      }
      if (request.method === "GET") {
        return reply(200, JSON.stringify({ "@odata.context": context, value: store.query(entitySet, full.search.slice(1)) }));
      }
      if (request.method === "PATCH" && single) {
        const ifMatch = request.headers["if-match"] as string | undefined;
        const result = store.patch(entitySet, single[2], JSON.parse(body) as Record<string, unknown>, {
          ifMatch,
          ifNoneMatch: request.headers["if-none-match"] === "*",
        });
        if (result === "notFound") return reply(404, errorBody("0x80040217", `${entitySet} With Id = ${single[2]} Does Not Exist`));
        if (result === "preconditionFailed") {
          // The Web API's texts for the two preconditions (perform-conditional-operations-using-web-api).
          const message = ifMatch ? "The version of the existing record doesn't match the RowVersion property provided." : "A record with matching key values already exists.";
          return reply(412, errorBody("", message));
        }
        return reply(204, undefined, { "OData-EntityId": `${url}${BASE}${entitySet}(${single[2]})` });
      }
      return reply(405, errorBody("0x80060888", "Method not supported."));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    failNext: (...more) => void faults.push(...more),
    holdNext: () => {
      let release!: () => void;
      let arrived!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const reached = new Promise<void>((resolve) => (arrived = resolve));
      hold = { arrived, released };
      return { reached, release };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
