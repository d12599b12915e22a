/** What a Web API handler gets: the parsed request and the services it may use. */
import { payloadError } from "../errors";
import type { Engine } from "../engine/engine";
import type { Caller } from "../engine/scope";
import type { Preferences } from "../odata/preferences";
import type { RecordStore } from "../storage/records";

export interface ApiRequest {
  method: string;
  /** Path below the API root, without the leading slash (`leads(…)`, `WhoAmI`). */
  path: string;
  url: URL;
  headers: Record<string, string | undefined>;
  body: string;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  /** A JSON body. */
  body?: unknown;
  /** A plain-text body (`$count`). */
  text?: string;
}

export interface Services {
  engine: Engine;
  store: RecordStore;
  apiUrl: string;
  importSolution(caller: Caller, body: unknown): Promise<void>;
}

export interface HandlerContext extends Services {
  request: ApiRequest;
  caller: Caller;
  preferences: Preferences;
}

/** Request bodies are JSON; a body that is not is refused the way the OData reader refuses it. */
export function parseJsonBody(text: string, setName = "request"): unknown {
  if (text.trim() === "") return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    // dataverse-ify's Node client (2.x) sends bodies JSON-encoded twice, as a JSON string holding the
    // object; Dataverse reads those (the library's integration tests run against real environments).
    if (typeof parsed === "string" && /^\s*[{[]/.test(parsed)) return JSON.parse(parsed) as unknown;
    return parsed;
  } catch (error) {
    throw payloadError(setName, `Invalid JSON. ${(error as Error).message}`);
  }
}
