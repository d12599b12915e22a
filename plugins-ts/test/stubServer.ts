/**
 * A small local HTTP server speaking the Dataverse Web API wire format over a DataverseStore:
 * GET `set(id)?$select=` (with `@odata.etag`), GET `set?$select&$filter&$top` and `set?fetchXml=`, PATCH
 * `set(id)` (If-Match: * → update, If-Match: <etag> → update of that version, If-None-Match: * → create
 * only, none → upsert), `POST $batch` with change sets of such PATCHes (all or none; a failed change set
 * answers with its one failing response, as Dataverse does) and with GET requests outside change sets
 * (each answered in its own part; every part runs, as under `Prefer: odata.continue-on-error`, which is
 * echoed in `Preference-Applied`), bearer-token check, `{ "error": { code,
 * message } }` bodies. Tests can queue faults (429 with Retry-After, 503…) and hold a request to observe
 * concurrency without timers.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ChangeSetPatch, DataverseStore } from "./dataverseStore";

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
  /** `POST $batch`: the requests inside it, in order (change sets flattened). */
  parts?: StubRequest[];
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

/** The sections between `--boundary` lines of a multipart body, each as its header block and the rest. */
function multipartSections(body: string, boundary: string): { headers: Record<string, string>; rest: string }[] {
  const sections = body.split(new RegExp(`(?:^|\\r?\\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(--)?`));
  const found: { headers: Record<string, string>; rest: string }[] = [];
  for (let i = 1; i < sections.length; i += 2) {
    if (sections[i] === "--") break; // the closing delimiter
    const section = (sections[i + 1] ?? "").replace(/^\r?\n/, "");
    const split = /\r?\n\r?\n/.exec(section);
    const head = split ? section.slice(0, split.index) : section;
    const headers = Object.fromEntries(
      head
        .split(/\r?\n/)
        .filter((line) => line.includes(":"))
        .map((line) => [line.slice(0, line.indexOf(":")).trim().toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
    );
    found.push({ headers, rest: split ? section.slice(split.index + split[0].length) : "" });
  }
  return found;
}

const boundaryOf = (contentType: string | undefined): string | null => /boundary=([^;\s]+)/i.exec(contentType ?? "")?.[1] ?? null;

interface ParsedPart {
  contentId: string | null;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

function parsePart(part: { headers: Record<string, string>; rest: string }): ParsedPart {
  const [head, ...bodyParts] = part.rest.split(/\r?\n\r?\n/);
  const [requestLine, ...headerLines] = head.split(/\r?\n/);
  const match = /^(\w+) (\S+) HTTP\/1\.1$/.exec(requestLine.trim());
  if (!match) throw new Error(`'${requestLine}' is not an HTTP request line`);
  return {
    contentId: part.headers["content-id"] ?? null,
    method: match[1],
    url: match[2],
    headers: Object.fromEntries(headerLines.filter((line) => line.includes(":")).map((line) => [line.slice(0, line.indexOf(":")).trim().toLowerCase(), line.slice(line.indexOf(":") + 1).trim()])),
    body: bodyParts.join("\r\n\r\n").trim(),
  };
}

/** The items of a `$batch` request body: change sets, and GET requests outside them (a GET inside a change set is refused). */
function parseBatch(body: string, contentType: string | undefined): ({ kind: "changeSet"; parts: ParsedPart[] } | { kind: "get"; part: ParsedPart })[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new Error("a $batch needs a multipart/mixed Content-Type with a boundary");
  return multipartSections(body, boundary).map((item) => {
    const inner = boundaryOf(item.headers["content-type"]);
    if (!inner || !item.headers["content-type"].startsWith("multipart/mixed")) {
      const part = parsePart(item);
      if (part.method !== "GET") throw new Error(`this stub runs GET requests and change sets, not '${part.method}' outside a change set`);
      return { kind: "get", part };
    }
    return {
      kind: "changeSet",
      parts: multipartSections(item.rest, inner).map((section) => {
        const part = parsePart(section);
        if (part.method === "GET") throw new Error("GET requests are not allowed within change sets");
        return part;
      }),
    };
  });
}

/** One response inside a `$batch` answer. */
function httpPart(status: number, contentId: string | null, payload?: string): string {
  const reason: Record<number, string> = { 200: "OK", 204: "No Content", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 412: "Precondition Failed" };
  return [
    "Content-Type: application/http",
    "Content-Transfer-Encoding: binary",
    ...(contentId ? [`Content-ID: ${contentId}`] : []),
    "",
    `HTTP/1.1 ${status} ${reason[status] ?? ""}`.trimEnd(),
    ...(payload ? ["Content-Type: application/json; odata.metadata=minimal", "", payload] : [""]),
  ].join("\r\n");
}

export interface StubOptions {
  /**
   * Time each request spends "on the way" before it is answered (ms): a function host's round trip to
   * Dataverse, for the benchmark. 0 (the default) answers at once.
   */
  delayMs?: number;
}

export async function startStubDataverse(store: DataverseStore, token: string, options: StubOptions = {}): Promise<StubDataverse> {
  const delayMs = options.delayMs ?? 0;
  const requests: StubRequest[] = [];
  const faults: Fault[] = [];
  let hold: { arrived: () => void; released: Promise<void> } | null = null;
  let url = "";

  /** A GET of a row or a query, as its status and JSON body. */
  const answerGet = (target: URL): { status: number; payload: string } => {
    if (!target.pathname.startsWith(BASE)) return { status: 404, payload: errorBody("0x8006088a", "Resource not found.") };
    const resource = decodeURIComponent(target.pathname.slice(BASE.length));
    const single = /^(\w+)\(([0-9a-fA-F-]{36})\)$/.exec(resource);
    const entitySet = single ? single[1] : resource;
    if (!knownSets.has(entitySet)) return { status: 404, payload: errorBody("0x8006088a", `Resource not found for the segment '${entitySet}'.`) };
    const context = `${url}${BASE}$metadata#${entitySet}`;
    if (single) {
      const select = (target.searchParams.get("$select") ?? "").split(",").filter(Boolean);
      const row = store.retrieve(entitySet, single[2], select);
      if (!row) return { status: 404, payload: errorBody("0x80040217", `${entitySet} With Id = ${single[2]} Does Not Exist`) };
      return { status: 200, payload: JSON.stringify({ "@odata.context": `${context}/$entity`, "@odata.etag": 'W/"1"', ...row }) };
    }
    return { status: 200, payload: JSON.stringify({ "@odata.context": context, value: store.query(entitySet, target.search.slice(1)) }) };
  };

  const server: Server = createServer((request, response) => {
    void (async () => {
      const full = new URL(request.url ?? "/", "http://localhost");
      const path = decodeURIComponent(full.pathname) + (full.search ? decodeURIComponent(full.search) : "");
      const record: StubRequest = {
        method: request.method ?? "",
        path,
        authorization: request.headers.authorization,
        ifMatch: request.headers["if-match"] as string | undefined,
        ...(full.pathname === `${BASE}$batch` ? { parts: [] } : {}),
      };
      requests.push(record);
      const body = await readBody(request);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
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
      if (resource === "$batch" && request.method === "POST") {
        let items: ReturnType<typeof parseBatch>;
        try {
          items = parseBatch(body, request.headers["content-type"]);
        } catch (error) {
          return reply(400, errorBody("0x80048d19", `Malformed $batch: ${(error as Error).message}`));
        }
        const answers: string[] = [];
        for (const item of items) {
          if (item.kind === "get") {
            const target = new URL(item.part.url, url);
            record.parts!.push({ method: "GET", path: decodeURIComponent(target.pathname) + decodeURIComponent(target.search), authorization: undefined, ifMatch: undefined });
            const answer = answerGet(target);
            answers.push(httpPart(answer.status, item.part.contentId, answer.payload));
            continue;
          }
          const parts = item.parts;
          const patches: ChangeSetPatch[] = [];
          for (const part of parts) {
            const target = /\/api\/data\/v9\.2\/(\w+)\(([0-9a-fA-F-]{36})\)$/.exec(decodeURIComponent(new URL(part.url, url).pathname));
            record.parts!.push({ method: part.method, path: target ? `${BASE}${target[1]}(${target[2]})` : part.url, authorization: undefined, ifMatch: part.headers["if-match"] });
            if (part.method !== "PATCH" || !target || !knownSets.has(target[1])) {
              return reply(400, errorBody("0x80048d19", `This stub runs PATCH of a known entity set in a change set, not '${part.method} ${part.url}'.`));
            }
            patches.push({
              entitySet: target[1],
              id: target[2],
              data: JSON.parse(part.body) as Record<string, unknown>,
              condition: { ifMatch: part.headers["if-match"], ifNoneMatch: part.headers["if-none-match"] === "*" },
            });
          }
          const failed = store.changeSet(patches);
          const changeSet = `changesetresponse_${answers.length}`;
          const responses = failed
            ? [
                httpPart(
                  failed.result === "notFound" ? 404 : 412,
                  parts[failed.index].contentId,
                  failed.result === "notFound"
                    ? errorBody("0x80040217", `${patches[failed.index].entitySet} With Id = ${patches[failed.index].id} Does Not Exist`)
                    : errorBody("", patches[failed.index].condition.ifNoneMatch ? "A record with matching key values already exists." : "The version of the existing record doesn't match the RowVersion property provided."),
                ),
              ]
            : parts.map((part) => httpPart(204, part.contentId));
          answers.push([`Content-Type: multipart/mixed; boundary=${changeSet}`, "", ...responses.map((r) => `--${changeSet}\r\n${r}`), `--${changeSet}--`].join("\r\n"));
        }
        const batch = "batchresponse_stub";
        const preference: Record<string, string> = /odata\.continue-on-error/i.test(String(request.headers.prefer ?? "")) ? { "Preference-Applied": "odata.continue-on-error" } : {};
        return reply(200, `${answers.map((a) => `--${batch}\r\n${a}`).join("\r\n")}\r\n--${batch}--\r\n`, { "Content-Type": `multipart/mixed; boundary=${batch}`, ...preference });
      }
      const single = /^(\w+)\(([0-9a-fA-F-]{36})\)$/.exec(resource);
      const entitySet = single ? single[1] : resource;
      if (request.method === "GET") {
        const answer = answerGet(full);
        return reply(answer.status, answer.payload);
      }
      if (!knownSets.has(entitySet)) return reply(404, errorBody("0x8006088a", `Resource not found for the segment '${entitySet}'.`));
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
    })().catch((error: unknown) => {
      // A request the stub cannot take (say, a malformed body) is a 500, never a crash of the stub.
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "application/json" });
      response.end(errorBody("0x80040216", `Stub failure: ${(error as Error).message}`));
    });
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
