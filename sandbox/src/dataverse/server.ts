/**
 * The embedded Dataverse stand-in: a Web API subset at `/api/data/v9.2/` over SQLite (WAL when on a
 * file), with the platform messages, the webhook plug-in pipeline and ImportSolution.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { Engine } from "./engine/engine";
import { TransactionRunner } from "./engine/transaction";
import { DataverseError } from "./errors";
import { authenticate } from "./http/auth";
import { formatBatchResponse, parseBatch } from "./http/batch";
import { runBatch } from "./http/batchRunner";
import type { ApiRequest, ApiResponse, Services } from "./http/context";
import { route } from "./http/router";
import { importSolution } from "./import/importSolution";
import { parsePreferences } from "./odata/preferences";
import { WebhookPipeline } from "./pipeline/pipeline";
import { RecordStore } from "./storage/records";
import { ensureSchema } from "./storage/schema";
import { seed } from "./storage/seed";

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
}

const API_PREFIX = /^\/api\/data\/v9\.[0-2]\//;

/** Larger than any solution zip this product ships (base64 in an ImportSolution body), small enough to refuse junk. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

class BodyTooLarge extends DataverseError {
  constructor() {
    super(413, "0x8004d1b1", `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.destroy();
        reject(new BodyTooLarge());
      } else {
        chunks.push(chunk);
      }
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function responseHeaders(response: ApiResponse): Record<string, string> {
  const headers: Record<string, string> = { "OData-Version": "4.0", ...response.headers };
  if (response.body !== undefined) headers["Content-Type"] = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";
  if (response.status === 401) headers["WWW-Authenticate"] = `Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize`;
  return headers;
}

function errorResponse(error: unknown): ApiResponse {
  if (error instanceof DataverseError) return { status: error.status, body: error.toBody() };
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
    seed(store, clock());
  })();

  const engine = new Engine(store, new TransactionRunner(db), clock);
  let apiUrl = "";
  engine.pipeline = new WebhookPipeline(store, engine, { organization: () => new URL(apiUrl).host });

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

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", apiUrl);
    if (opts.web && !API_PREFIX.test(url.pathname)) return opts.web(req, res, url, store);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v]));
    const body = await readBody(req);
    let response: ApiResponse;
    const prefix = API_PREFIX.exec(url.pathname);
    if (!prefix) {
      response = errorResponse(new DataverseError(404, "0x8006088a", `Resource not found for the segment '${url.pathname}'.`));
    } else {
      const path = decodeURIComponent(url.pathname.slice(prefix[0].length));
      if (path === "$batch" && req.method === "POST") {
        try {
          const caller = authenticate(store, headers.authorization);
          const items = parseBatch(body, headers["content-type"]);
          const answers = await runBatch(items, { engine, caller, apiUrl, authorization: headers.authorization }, dispatch);
          const batch = formatBatchResponse(answers, responseHeaders);
          res.writeHead(200, { "OData-Version": "4.0", "Content-Type": `multipart/mixed; boundary=${batch.boundary}` });
          res.end(batch.body);
          return;
        } catch (error) {
          response = errorResponse(error);
        }
      } else {
        response = await dispatch({ method: req.method ?? "GET", path, url, headers, body });
      }
    }
    res.writeHead(response.status, responseHeaders(response));
    res.end(response.text ?? (response.body === undefined ? undefined : JSON.stringify(response.body)));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const response = errorResponse(error);
      if (!res.headersSent) res.writeHead(response.status, responseHeaders(response));
      res.end(JSON.stringify(response.body));
    });
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

  return {
    url,
    apiUrl,
    db,
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
