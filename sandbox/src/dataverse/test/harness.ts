/** Test harness: an in-memory (or file) stand-in on a free port, and a small Web API client. */
import { startDataverse, type DataverseServer, type DataverseServerOptions } from "../server";

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

export interface Client {
  server: DataverseServer;
  request(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string>; token?: string | null }): Promise<Answer>;
  get(path: string, headers?: Record<string, string>): Promise<Answer>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Answer>;
  patch(path: string, body: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** Creates a record and returns its id (from the OData-EntityId header). */
  create(setName: string, body: unknown, token?: string): Promise<string>;
}

/** A clock that moves one second per reading, so created/modified times order like the calls. */
export function tickingClock(start = "2026-03-02T08:00:00Z"): () => Date {
  let t = new Date(start).getTime();
  return () => {
    t += 1000;
    return new Date(t);
  };
}

export const ANNOTATIONS = { Prefer: 'odata.include-annotations="*"' };

export async function startClient(dbFile = ":memory:", now = tickingClock(), options: Partial<DataverseServerOptions> = {}): Promise<Client> {
  const server = await startDataverse({ ...options, dbFile, port: 0, now });
  const request: Client["request"] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
    if (options.token !== null) headers.Authorization = `Bearer ${options.token ?? "admin"}`;
    if (options.body !== undefined) headers["Content-Type"] ??= "application/json";
    const response = await fetch(`${server.apiUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    if (text && (response.headers.get("content-type") ?? "").includes("json")) body = JSON.parse(text) as Record<string, unknown>;
    return { status: response.status, headers: response.headers, body, text };
  };
  const client: Client = {
    server,
    request,
    get: (path, headers) => request("GET", path, { headers }),
    post: (path, body, headers) => request("POST", path, { body, headers }),
    patch: (path, body, headers) => request("PATCH", path, { body, headers }),
    create: async (setName, body, token) => {
      const answer = await request("POST", setName, { body, token });
      if (answer.status !== 204) throw new Error(`create ${setName} failed: ${answer.status} ${answer.text}`);
      const id = /\(([0-9a-f-]{36})\)$/.exec(answer.headers.get("odata-entityid") ?? "")?.[1];
      if (!id) throw new Error(`create ${setName}: no OData-EntityId`);
      return id;
    },
  };
  return client;
}

export const rows = (answer: Answer): Record<string, unknown>[] => answer.body.value as Record<string, unknown>[];
