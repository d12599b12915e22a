/**
 * The embedded Dataverse stand-in: a Web API subset at `/api/data/v9.2/` over SQLite (WAL when on a
 * file), with the platform messages, the webhook plug-in pipeline and ImportSolution.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import Database from "better-sqlite3";
import { Engine } from "./engine/engine";
import { TransactionRunner } from "./engine/transaction";
import { DataverseError, ErrorCodes } from "./errors";
import { authenticate } from "./http/auth";
import { formatBatchResponse, parseBatch } from "./http/batch";
import { runBatch } from "./http/batchRunner";
import type { ApiRequest, ApiResponse, Services } from "./http/context";
import { route } from "./http/router";
import { importSolution } from "./import/importSolution";
import { parsePreferences, PreferenceApplied } from "./odata/preferences";
import { WebhookPipeline, type ResumedJobs, type SystemJobHold } from "./pipeline/pipeline";
import { RecordStore } from "./storage/records";
import { ensureDynamicSchema, withDynamicTables } from "./storage/dynamicTables";
import { ensureSchema } from "./storage/schema";
import { seed } from "./storage/seed";
import { BodyTooLargeError, readLimitedBody, requestUrl, safeDecode } from "../shared/requestGuards";

export interface DataverseServerOptions {
  /** SQLite file, or ':memory:'. */
  dbFile: string;
  /** 0 = any free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  now?: () => Date;
  /** Serves requests outside /api/data/ (pages, bundles, web resources); without it they are a 404. */
  web?: (request: IncomingMessage, response: ServerResponse, url: URL, store: RecordStore) => void;
  /**
   * Run the asynchronous steps' system jobs that were waiting or in progress when the database was last
   * used, as soon as the server listens (default true). startSandbox runs them itself
   * (`resumeSystemJobs()`) once the webhook host they post to is up.
   */
  resumeSystemJobs?: boolean;
  /** Test hook: hold system jobs waiting or in progress (see pipeline.ts, `CB2B_SANDBOX_HOLD_SYSTEM_JOBS`). */
  holdSystemJobs?: SystemJobHold;
  /** Where the pipeline says what it did outside a request (held or resumed jobs). */
  log?: (line: string) => void;
  /** How long a webhook step has to answer: Dataverse's 60 seconds by default; tests shorten it. */
  webhookTimeoutMs?: number;
}

export interface DataverseServer {
  /** e.g. http://127.0.0.1:5555 */
  url: string;
  /** url + /api/data/v9.2/ */
  apiUrl: string;
  close(): Promise<void>;
  db: import("better-sqlite3").Database;
  /** Resolves once every asynchronous webhook step started so far has finished (for tests and tools). */
  whenIdle(): Promise<void>;
  /** Runs again the system jobs still waiting or in progress; resolves when they have run. */
  resumeSystemJobs(): Promise<ResumedJobs>;
}

const API_PREFIX = /^\/api\/data\/v9\.[0-2]\//;

/** Larger than any solution zip this product ships (base64 in an ImportSolution body), small enough to refuse junk. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** A request line or percent-encoding no URL can be read from: refused the way the OData URI parser refuses a bad URI. */
const malformedUrl = (detail: string): DataverseError => new DataverseError(400, ErrorCodes.propertyNotFound, `The request URL is not valid: ${detail}`);

function responseHeaders(response: ApiResponse): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = { "OData-Version": "4.0", ...response.headers };
  if (response.body !== undefined) headers["Content-Type"] = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";
  if (response.status === 401) headers["WWW-Authenticate"] = `Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize`;
  return headers;
}

function errorResponse(error: unknown): ApiResponse {
  if (error instanceof DataverseError) return { status: error.status, body: error.toBody() };
  if (error instanceof BodyTooLargeError) {
    // The rest of the body is not read: the connection closes after the answer, so the client reads a 413, not a reset.
    return { status: 413, headers: { Connection: "close" }, body: { error: { code: "0x8004d1b1", message: error.message } } };
  }
  // Only client input is percent-decoded here ($batch part URLs, keys, paths): a malformed escape is the client's.
  if (error instanceof URIError) return errorResponse(malformedUrl(`malformed percent-encoding (${error.message}).`));
  const message = error instanceof Error ? error.message : String(error);
  // A bug in the stand-in, not a refusal Dataverse would give: keep the stack for whoever runs it.
  console.error("Dataverse stand-in: unexpected error", error);
  return { status: 500, body: { error: { code: "0x80040216", message: `An unexpected error occurred: ${message}` } } };
}

export async function startDataverse(opts: DataverseServerOptions): Promise<DataverseServer> {
  const clock = opts.now ?? (() => new Date());
  const db = new Database(opts.dbFile);
  if (opts.dbFile !== ":memory:" && opts.dbFile !== "") db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const store = new RecordStore(db);
  db.transaction(() => {
    ensureSchema(db);
    ensureDynamicSchema(db);
    seed(store, clock());
  })();

  const engine = new Engine(store, new TransactionRunner(db), clock);
  let apiUrl = "";
  const pipeline = new WebhookPipeline(store, engine, {
    organization: () => new URL(apiUrl).host,
    hold: opts.holdSystemJobs,
    log: opts.log,
    timeoutMs: opts.webhookTimeoutMs,
  });
  engine.pipeline = pipeline;

  const services = (): Services => ({
    engine,
    store,
    apiUrl,
    importSolution: (caller, body) => importSolution(engine, caller, body),
  });

  async function dispatch(request: ApiRequest): Promise<ApiResponse> {
    try {
      const caller = authenticate(store, request.headers.authorization);
      return await route({ ...services(), request, caller, preferences: parsePreferences(request.headers.prefer) });
    } catch (error) {
      return errorResponse(error);
    }
  }

  function send(res: ServerResponse, response: ApiResponse): void {
    if (res.headersSent) {
      res.end();
      return;
    }
    res.writeHead(response.status, responseHeaders(response));
    res.end(response.text ?? (response.body === undefined ? undefined : JSON.stringify(response.body)));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req.url, new URL(apiUrl).origin);
    if (!url) return send(res, errorResponse(malformedUrl(`'${String(req.url).slice(0, 200)}' is neither a path nor an http(s) URL.`)));
    if (opts.web && !API_PREFIX.test(url.pathname)) return opts.web(req, res, url, store);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v]));
    const prefix = API_PREFIX.exec(url.pathname);
    if (!prefix) return send(res, errorResponse(new DataverseError(404, "0x8006088a", `Resource not found for the segment '${url.pathname}'.`)));
    const path = safeDecode(url.pathname.slice(prefix[0].length));
    if (path === null) return send(res, errorResponse(malformedUrl(`malformed percent-encoding in '${url.pathname.slice(0, 200)}'.`)));
    // The size is checked before the body is read (Content-Length) and while it is (chunked): 413, not a reset.
    const body = (await readLimitedBody(req, MAX_BODY_BYTES)).toString("utf8");
    if (path === "$batch" && req.method === "POST") {
      try {
        const caller = authenticate(store, headers.authorization);
        const items = parseBatch(body, headers["content-type"]);
        const { continueOnError } = parsePreferences(headers.prefer);
        const outcome = await runBatch(items, { engine, caller, apiUrl, authorization: headers.authorization, continueOnError }, dispatch);
        const batch = formatBatchResponse(outcome.answers, responseHeaders);
        res.writeHead(outcome.status, {
          "OData-Version": "4.0",
          "Content-Type": `multipart/mixed; boundary=${batch.boundary}`,
          ...(continueOnError ? { "Preference-Applied": PreferenceApplied.continueOnError } : {}),
        });
        res.end(batch.body);
        return;
      } catch (error) {
        return send(res, errorResponse(error));
      }
    }
    send(res, await dispatch({ method: req.method ?? "GET", path, url, headers, body }));
  }

  // Every request fails inside this boundary: whatever a handler throws becomes an answer, never a crash.
  const server = createServer((req, res) => {
    // Each request (and what it starts) sees the tables solution imports created in this database.
    withDynamicTables(db, () => handle(req, res)).catch((error: unknown) => send(res, errorResponse(error)));
  });
  // What Node's HTTP parser refuses before any handler runs (a request line that is no request line, a
  // NUL in the target, an unknown HTTP version, too many header bytes) is answered in the Web API's shape.
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason] =
      error.code === "HPE_HEADER_OVERFLOW" ? [431, "Request Header Fields Too Large"] : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? [408, "Request Timeout"] : [400, "Bad Request"];
    const body = JSON.stringify({ error: { code: ErrorCodes.propertyNotFound, message: `The request is not valid HTTP (${error.code ?? "parse error"}).` } });
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      db.close();
      // A second `npm start` on the same port is the usual cause: say so instead of crashing with a stack.
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`Port ${opts.port} on ${host} is already in use (is another sandbox running?). Set PORT to use another port.`)
          : error,
      );
    });
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  apiUrl = `${url}/api/data/v9.2/`;

  let resumed: ResumedJobs = { resumed: 0, succeeded: 0, failed: 0 };
  const resumeSystemJobs = async (): Promise<ResumedJobs> => {
    await withDynamicTables(db, () =>
      engine.inBackground(async () => {
        resumed = await pipeline.resumeJobs();
      }),
    );
    return resumed;
  };
  if (opts.resumeSystemJobs !== false) {
    resumeSystemJobs().then(
      (r) => {
        if (r.resumed > 0) opts.log?.(`system jobs run again: ${r.resumed} (${r.succeeded} succeeded, ${r.failed} failed)`);
      },
      (error: unknown) => (opts.log ?? console.error)(`system jobs could not be run again: ${String(error)}`),
    );
  }

  return {
    url,
    apiUrl,
    db,
    resumeSystemJobs,
    whenIdle: () => engine.whenIdle(),
    close: async () => {
      await engine.whenIdle();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      db.close();
    },
  };
}
