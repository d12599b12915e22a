/**
 * Who is using the sandbox's browser pages and where the Web API is. Every page of the Sales app,
 * the Client API (Xrm) implementation and the PCF host receive one of these; nothing reads globals.
 */
export type LanguageId = 1033 | 1035;

export interface SessionUser {
  /** systemuserid (lower case, no braces). */
  id: string;
  /** The sandbox bearer token that signs in as this user (`salesrep`, `admin`, …). */
  token: string;
  fullname: string;
}

export interface SalesSession {
  /** The organization URL the pages are served from, e.g. http://localhost:5555 (no trailing slash). */
  clientUrl: string;
  /** clientUrl + /api/data/v9.2/ */
  apiUrl: string;
  user: SessionUser;
  languageId: LanguageId;
  /** fetch() against the Web API with this user's Authorization and the OData headers set. */
  fetchApi(pathAndQuery: string, init?: RequestInit): Promise<Response>;
}

/** Where the Sales app can go: the model-driven app's own URL shapes (main.aspx?pagetype=…). */
export type PageTarget =
  | { pagetype: "entitylist"; etn: string; viewid?: string }
  | { pagetype: "entityrecord"; etn: string; id?: string; formid?: string }
  | { pagetype: "dashboard"; id?: string };
