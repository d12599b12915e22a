/**
 * The signed-in user and UI language of the sandbox's pages, kept in localStorage so a reload (or the
 * next page) keeps them. The sales rep is the default user: that is who the Sales pages are for.
 */
import { SandboxUsers } from "../../src/dataverse/users";
import { createFetchApi } from "./fetchApi";
import type { LanguageId, SalesSession } from "./session";

export const SessionStorageKeys = { user: "cb2b.sandbox.user", language: "cb2b.sandbox.language" } as const;

/** The users a person can sign in as from the pages (the dual-write app user is non-interactive). */
export const SignInUsers = { salesrep: SandboxUsers.salesRep, admin: SandboxUsers.admin } as const;
export type SignInUser = keyof typeof SignInUsers;

export const Languages: readonly LanguageId[] = [1033, 1035];

export interface SessionEnvironment {
  storage: Pick<Storage, "getItem" | "setItem">;
  /** e.g. http://127.0.0.1:5555 */
  origin: string;
  fetchImpl?: typeof fetch;
}

function browserEnvironment(): SessionEnvironment {
  return { storage: window.localStorage, origin: window.location.origin };
}

export function storedUser(storage: SessionEnvironment["storage"]): SignInUser {
  const value = storage.getItem(SessionStorageKeys.user);
  return value === "admin" ? "admin" : "salesrep";
}

export function storedLanguage(storage: SessionEnvironment["storage"]): LanguageId {
  return storage.getItem(SessionStorageKeys.language) === "1035" ? 1035 : 1033;
}

export function createSession(env: SessionEnvironment = browserEnvironment()): SalesSession {
  const account = SignInUsers[storedUser(env.storage)];
  const clientUrl = env.origin.replace(/\/$/, "");
  const apiUrl = `${clientUrl}/api/data/v9.2/`;
  return {
    clientUrl,
    apiUrl,
    user: { id: account.id, token: account.token, fullname: account.fullname },
    languageId: storedLanguage(env.storage),
    fetchApi: createFetchApi(apiUrl, account.token, env.fetchImpl),
  };
}

export function storeUser(storage: SessionEnvironment["storage"], user: SignInUser): void {
  storage.setItem(SessionStorageKeys.user, user);
}

export function storeLanguage(storage: SessionEnvironment["storage"], languageId: LanguageId): void {
  storage.setItem(SessionStorageKeys.language, String(languageId));
}

/**
 * Formatted values come back in the user's UI language (usersettings.uilanguageid), as in Dataverse,
 * so the page language is also written to the signed-in user's personal options when they differ.
 */
export async function syncUserLanguage(session: SalesSession): Promise<void> {
  const response = await session.fetchApi(`usersettingscollection(${session.user.id})?$select=uilanguageid`);
  if (!response.ok) throw new Error(`Could not read the personal options (HTTP ${response.status}).`);
  const settings = (await response.json()) as { uilanguageid?: number };
  if (settings.uilanguageid === session.languageId) return;
  const update = await session.fetchApi(`usersettingscollection(${session.user.id})`, {
    method: "PATCH",
    body: JSON.stringify({ uilanguageid: session.languageId }),
  });
  if (!update.ok) throw new Error(`Could not save the language in the personal options (HTTP ${update.status}).`);
}
