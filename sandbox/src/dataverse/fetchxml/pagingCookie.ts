/**
 * FetchXML paging cookies, in the shape "Page results using FetchXml" shows Dataverse returning
 * (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/page-results):
 *
 *   "@Microsoft.Dynamics.CRM.fetchxmlpagingcookie": "<cookie pagenumber=\"2\" pagingcookie=\"%253ccookie%2520page…\" istracking=\"False\" />"
 *
 * The `pagingcookie` attribute is the cookie itself, URL-encoded twice:
 * `<cookie page="1"><fullname last="…" first="…" /><contactid last="{GUID}" first="{GUID}" /></cookie>`, one
 * element per sort key and the primary key last; a null value is `lastnull="1"` / `firstnull="1"` (a cookie
 * quoted in MicrosoftDocs/dynamics-365-customer-engagement#1917). The client sends the decoded cookie back
 * in the fetch element's `paging-cookie` attribute with the next `page`.
 */
import { badRequest, ErrorCodes } from "../errors";
import { attribute, childElements, parseXml, XmlError } from "../xml";
import type { SortKey } from "./compile";

const INT32_MAX = 2_147_483_647;

export interface CookieKey {
  name: string;
  first: string | null;
  last: string | null;
}

export interface PagingCookie {
  /** The page the cookie describes (the client then asks for page + 1). */
  page: number;
  keys: CookieKey[];
}

/** Percent-encoding as Dataverse writes the cookie: every byte but letters, digits and `-_.~`, hex in lower case. */
function urlEncode(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(ch) ? ch : `%${byte.toString(16).padStart(2, "0")}`;
  }
  return out;
}

const xmlAttribute = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A sort key's value as the cookie writes it: GUIDs in braces and upper case, as in Learn's example. */
function cookieText(key: SortKey, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (key.kind === "guid") return `{${String(value).toUpperCase()}}`;
  return String(value);
}

/** The cookie's text back to the value the key's SQL compares with; undefined when it cannot be one. */
export function cookieValue(key: SortKey, text: string | null): unknown {
  if (text === null) return null;
  if (key.kind === "guid") {
    const id = text.replace(/^\{|\}$/g, "").toLowerCase();
    return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? id : undefined;
  }
  if (key.kind === "number") {
    const number = Number(text);
    return text.trim() !== "" && Number.isFinite(number) ? number : undefined;
  }
  return text;
}

/** The cookie for a page: each key's value on its first and last row. */
export function buildPagingCookie(page: number, keys: SortKey[], first: unknown[], last: unknown[]): string {
  const elements = keys.map((key, i) => {
    const lastText = cookieText(key, last[i]);
    const firstText = cookieText(key, first[i]);
    const lastPart = lastText === null ? `lastnull="1"` : `last="${xmlAttribute(lastText)}"`;
    const firstPart = firstText === null ? `firstnull="1"` : `first="${xmlAttribute(firstText)}"`;
    return `<${key.cookieName} ${lastPart} ${firstPart} />`;
  });
  return `<cookie page="${page}">${elements.join("")}</cookie>`;
}

/**
 * The annotation's value. `pagenumber` is "2" in every response Learn shows, on page 1 and on page 2 alike
 * (Page results using FetchXml; Use FetchXml with Web API), as XRM-OSS/Xrm-WebApi-Client#14 reports of
 * Dataverse: clients take the page from the cookie inside and add one, as the docs tell them to.
 */
export function pagingCookieAnnotation(cookie: string): string {
  return `<cookie pagenumber="2" pagingcookie="${urlEncode(urlEncode(cookie))}" istracking="False" />`;
}

const notIssued = (text: string): Error =>
  badRequest(`The paging-cookie '${text.slice(0, 200)}' is not a paging cookie this service issued.`, ErrorCodes.invalidArgument);

/** The `paging-cookie` attribute of a request. Text that is not a cookie, or a page number no cookie carries, is a 400. */
export function parsePagingCookie(text: string): PagingCookie {
  let root;
  try {
    root = parseXml(text, "The paging cookie").documentElement;
  } catch (error) {
    if (error instanceof XmlError) throw notIssued(text);
    throw error;
  }
  if (!root || root.tagName !== "cookie") throw notIssued(text);
  const pageText = attribute(root, "page") ?? "";
  const page = /^\d{1,10}$/.test(pageText) ? Number(pageText) : NaN;
  if (!Number.isInteger(page) || page < 1 || page > INT32_MAX) throw notIssued(text);
  const keys = childElements(root).map((element) => ({
    name: element.tagName,
    first: attribute(element, "firstnull") === "1" ? null : (attribute(element, "first") ?? null),
    last: attribute(element, "lastnull") === "1" ? null : (attribute(element, "last") ?? null),
  }));
  return { page, keys };
}
