/** What a Web API handler gets: the parsed request and the services it may use. */
import { DataverseError, payloadError } from "../errors";
import { jsonNestingExceeds } from "../../shared/requestGuards";
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
  /** A list is written as one header line per value (Dataverse sends one `Preference-Applied` per preference). */
  headers?: Record<string, string | string[]>;
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

/**
 * How deeply a request body may nest objects and arrays. The OData reader Dataverse uses has such a
 * quota (ODataMessageQuotas.MaxNestingDepth); this is the sandbox's own value, far above any record,
 * deep insert or action body the Web API takes, and far below what would exhaust the stack.
 */
export const MAX_JSON_NESTING = 64;

/** Request bodies are JSON; a body that is not, or nests deeper than MAX_JSON_NESTING, is refused the way the OData reader refuses it. */
export function parseJsonBody(text: string, setName = "request"): unknown {
  if (text.trim() === "") return {};
  const tooDeep = (json: string): void => {
    if (jsonNestingExceeds(json, MAX_JSON_NESTING)) {
      throw payloadError(setName, `The depth of nested objects and arrays in the payload exceeds the limit of ${MAX_JSON_NESTING}.`);
    }
  };
  tooDeep(text);
  try {
    const parsed = JSON.parse(text) as unknown;
    // dataverse-ify's Node client (2.x) sends bodies JSON-encoded twice, as a JSON string holding the
    // object; Dataverse reads those (the library's integration tests run against real environments).
    if (typeof parsed === "string" && /^\s*[{[]/.test(parsed)) {
      tooDeep(parsed);
      return JSON.parse(parsed) as unknown;
    }
    return parsed;
  } catch (error) {
    if (error instanceof DataverseError) throw error;
    throw payloadError(setName, `Invalid JSON. ${(error as Error).message}`);
  }
}
