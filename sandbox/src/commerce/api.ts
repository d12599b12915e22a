import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CommerceHq } from "./commerceHq";
import { commerceTexts, languageFromAcceptLanguage } from "./labels";
import { createCommercePages, type CommercePageHandler } from "./pages/pageServer";
import type { ProspectStatusName } from "./prospects";
import { BodyTooLargeError, jsonNestingExceeds, readLimitedBody, requestUrl, safeDecode } from "../shared/requestGuards";

/** What the API needs from dual-write (optional: the Commerce API also runs without it). */
export interface DualWriteControl {
  syncNow(): Promise<unknown>;
  errors(): unknown[];
}

export interface CommerceApiOptions {
  commerce: CommerceHq;
  dualWrite?: DualWriteControl;
  /** The B2B site and headquarters pages (sandbox/src/commerce/pages); false serves the API only. */
  pages?: CommercePageHandler | false;
}

const MAX_BODY_BYTES = 64 * 1024;
/** A sign-up is one flat object: anything nested deeper than this is not one. */
const MAX_JSON_NESTING = 8;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const json = JSON.stringify(body);
  res.writeHead(status, {
    // Always JSON, never sniffed as HTML: partner-supplied text is data here.
    "Content-Type": "application/json; charset=utf-8",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Content-Length": Buffer.byteLength(json),
    ...extraHeaders,
  });
  res.end(json);
}

/** The answer to anything a route throws: its own refusal, a 413 for an over-size body, else a 500 that names no internals. */
function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof HttpError) return send(res, error.status, { error: { code: error.code, message: error.message } });
  if (error instanceof BodyTooLargeError) {
    // The rest of the body is not read; the connection closes after the answer, so the client reads the 413.
    return send(res, 413, { error: { code: "payloadTooLarge", message: `The body can be at most ${MAX_BODY_BYTES} bytes.` } }, { Connection: "close" });
  }
  console.error("Commerce API: unexpected error", error);
  send(res, 500, { error: { code: "internalError", message: error instanceof Error ? error.message : String(error) } });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = req.headers["content-type"] ?? "";
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, "unsupportedMediaType", "The body must be application/json.");
  // Checked against Content-Length before a byte is read, and again while reading.
  const text = (await readLimitedBody(req, MAX_BODY_BYTES)).toString("utf8");
  if (jsonNestingExceeds(text, MAX_JSON_NESTING)) throw new HttpError(400, "invalidJson", `The body nests objects or arrays more than ${MAX_JSON_NESTING} levels deep.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "invalidJson", "The body is not valid JSON.");
  }
}

const statuses = new Set<string>(["Pending", "Approved", "Rejected"]);

/**
 * The Commerce simulator's JSON API under `/commerce/`: the sign-up form's submit, the jobs, and the
 * headquarters lists (All prospects, customers, customer hierarchies, email outbox).
 */
export function createCommerceApi(options: CommerceApiOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { commerce } = options;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req.url, "http://localhost");
    if (!url) throw new HttpError(400, "invalidUrl", "The request URL is neither a path nor an http(s) URL.");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const method = req.method ?? "GET";
    const language = languageFromAcceptLanguage(req.headers["accept-language"]);
    const t = commerceTexts(language);
    const only = (allowed: string): void => {
      if (method !== allowed) throw new HttpError(405, "methodNotAllowed", `${method} is not allowed on ${path}; use ${allowed}.`);
    };

    if (path === "/commerce") {
      only("GET");
      return send(res, 200, {
        channels: "/commerce/channels",
        signups: "/commerce/signups",
        jobs: "/commerce/jobs",
        prospects: "/commerce/prospects",
        customers: "/commerce/customers",
        hierarchies: "/commerce/hierarchies",
        outbox: "/commerce/outbox",
        dualWrite: options.dualWrite ? "/commerce/dualwrite" : null,
      });
    }
    if (path === "/commerce/channels") {
      only("GET");
      return send(res, 200, { value: commerce.channels() });
    }
    if (path === "/commerce/signups") {
      if (method === "GET") return send(res, 200, { value: commerce.signupRequests() });
      only("POST");
      const result = commerce.submitSignup(await readJson(req), language);
      return result.ok ? send(res, 201, result.request) : send(res, 400, { errors: result.errors });
    }
    if (path === "/commerce/jobs") {
      only("GET");
      return send(res, 200, {
        jobs: [
          { name: "P-0001", label: t.jobs.P0001, run: "/commerce/jobs/P-0001" },
          {
            name: "SynchronizeCustomersAndChannelRequests",
            label: t.jobs.SynchronizeCustomersAndChannelRequests,
            run: "/commerce/jobs/synchronize-customers-and-channel-requests",
          },
        ],
        runs: commerce.jobRuns(),
      });
    }
    if (path === "/commerce/jobs/P-0001") {
      only("POST");
      return send(res, 200, commerce.runP0001());
    }
    if (path === "/commerce/jobs/synchronize-customers-and-channel-requests") {
      only("POST");
      return send(res, 200, commerce.runSynchronizeCustomersAndChannelRequests());
    }
    if (path === "/commerce/jobs/run-all") {
      only("POST");
      return send(res, 200, commerce.runJobs());
    }
    if (path === "/commerce/prospects") {
      only("GET");
      const status = url.searchParams.get("status");
      if (status !== null && !statuses.has(status)) throw new HttpError(400, "invalidStatus", `status must be Pending, Approved or Rejected.`);
      const prospects = commerce.prospects((status ?? undefined) as ProspectStatusName | undefined);
      return send(res, 200, {
        value: prospects.map((p) => ({ ...p, statusLabel: t.prospectStatus[p.status], prospectTypeLabel: t.prospectType[p.prospectType] })),
      });
    }
    const prospectMatch = /^\/commerce\/prospects\/([^/]+)$/.exec(path);
    if (prospectMatch) {
      only("GET");
      const prospectId = safeDecode(prospectMatch[1]);
      if (prospectId === null) throw new HttpError(400, "invalidUrl", "The prospect id in the URL has malformed percent-encoding.");
      const prospect = commerce.prospect(prospectId);
      if (!prospect) throw new HttpError(404, "notFound", `Prospect ${prospectId} does not exist.`);
      return send(res, 200, {
        ...prospect,
        statusLabel: t.prospectStatus[prospect.status],
        prospectTypeLabel: t.prospectType[prospect.prospectType],
        approvalWaitingForCustomers: commerce.approvalWaitingForCustomers(prospectId),
        hierarchy: commerce.hierarchyOfProspect(prospectId) ?? null,
        emails: commerce.outbox(prospectId),
      });
    }
    if (path === "/commerce/customers") {
      only("GET");
      const partyType = url.searchParams.get("partyType");
      if (partyType !== null && partyType !== "Organization" && partyType !== "Person") {
        throw new HttpError(400, "invalidPartyType", "partyType must be Organization or Person.");
      }
      return send(res, 200, {
        value: commerce.customers(partyType ?? undefined).map((c) => ({ ...c, partyTypeLabel: t.partyType[c.partyType] })),
      });
    }
    if (path === "/commerce/hierarchies") {
      only("GET");
      return send(res, 200, {
        value: commerce.hierarchies().map((h) => ({
          ...h,
          purposeLabel: t.hierarchyPurpose[h.purpose],
          members: h.members.map((m) => ({ ...m, roleLabel: t.hierarchyRole[m.role] })),
        })),
      });
    }
    if (path === "/commerce/outbox") {
      only("GET");
      return send(res, 200, {
        value: commerce.outbox().map((e) => ({ ...e, notificationTypeLabel: t.notificationType[e.notificationType] })),
      });
    }
    if (path === "/commerce/dualwrite/sync" && options.dualWrite) {
      only("POST");
      return send(res, 200, await options.dualWrite.syncNow());
    }
    if (path === "/commerce/dualwrite/errors" && options.dualWrite) {
      only("GET");
      return send(res, 200, { value: options.dualWrite.errors() });
    }
    throw new HttpError(404, "notFound", `Nothing at ${path}.`);
  }

  const pages = options.pages ?? createCommercePages();
  // Every request fails inside this boundary: whatever the pages or a route throw becomes an answer, never a crash.
  return (req, res) => {
    try {
      if (pages && pages(req, res)) return;
    } catch (error) {
      return sendError(res, error);
    }
    route(req, res).catch((error: unknown) => sendError(res, error));
  };
}

export interface CommerceServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves the Commerce API on its own port (the Dataverse stand-in owns the Web API's). */
export async function startCommerceServer(options: CommerceApiOptions & { port?: number; host?: string }): Promise<CommerceServer> {
  const server = createServer(createCommerceApi(options));
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
