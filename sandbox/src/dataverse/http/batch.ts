/**
 * `POST $batch` (multipart/mixed): each top-level part is an HTTP request run on its own; a change set
 * (a nested multipart/mixed part) runs all its requests in one transaction — any failure rolls the
 * whole change set back and its answer is that failure. Answers come back as one multipart/mixed body
 * in request order, as the Web API writes them.
 */
import { randomUUID } from "node:crypto";
import { badRequest, notImplemented } from "../errors";
import type { ApiRequest, ApiResponse } from "./context";

export interface BatchRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  contentId?: string;
}

export type BatchItem = { kind: "request"; request: BatchRequest } | { kind: "changeSet"; requests: BatchRequest[] };

export type BatchAnswer = { kind: "response"; response: ApiResponse } | { kind: "changeSet"; responses: { contentId?: string; response: ApiResponse }[] };

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  304: "Not Modified",
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  412: "Precondition Failed",
  500: "Internal Server Error",
  501: "Not Implemented",
};

function boundaryOf(contentType: string | undefined): string {
  const boundary = /boundary="?([^";\s]+)"?/i.exec(contentType ?? "")?.[1];
  if (!boundary) throw badRequest("A $batch request needs a multipart/mixed Content-Type with a boundary.");
  return boundary;
}

function splitHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The sections between `--boundary` lines, up to the closing `--boundary--`. */
function sections(body: string, boundary: string): string[] {
  const found: string[] = [];
  for (const section of body.split(`--${boundary}`).slice(1)) {
    if (section.startsWith("--")) break;
    found.push(section.replace(/^[ \t]*\r?\n/, ""));
  }
  return found;
}

function parseRequest(mime: Record<string, string>, httpText: string): BatchRequest {
  const [requestHead, ...bodyBlocks] = httpText.split(/\r?\n\r?\n/);
  const [requestLine, ...headerLines] = requestHead.split(/\r?\n/);
  const match = /^(GET|POST|PATCH|PUT|DELETE)\s+(\S+)(?:\s+HTTP\/1\.1)?$/.exec(requestLine.trim());
  if (!match) throw badRequest(`The $batch part '${requestLine.trim()}' is not an HTTP request line.`);
  if (match[2].startsWith("$")) throw notImplemented(`Content-ID references in $batch ('${match[2]}')`);
  return {
    method: match[1],
    url: match[2],
    headers: splitHeaders(headerLines.join("\n")),
    body: bodyBlocks.join("\n\n").trim(),
    contentId: mime["content-id"],
  };
}

function splitPart(section: string): { mime: Record<string, string>; rest: string } {
  const [mimeHeaders, ...restBlocks] = section.split(/\r?\n\r?\n/);
  return { mime: splitHeaders(mimeHeaders), rest: restBlocks.join("\n\n") };
}

export function parseBatch(body: string, contentType: string | undefined): BatchItem[] {
  return sections(body, boundaryOf(contentType)).map((section) => {
    const { mime, rest } = splitPart(section);
    const partType = mime["content-type"] ?? "";
    if (!partType.startsWith("multipart/mixed")) return { kind: "request", request: parseRequest(mime, rest) };
    const requests = sections(rest, boundaryOf(partType)).map((inner) => {
      const part = splitPart(inner);
      return parseRequest(part.mime, part.rest);
    });
    return { kind: "changeSet", requests };
  });
}

function httpPart(response: ApiResponse, headers: Record<string, string>, contentId?: string): string[] {
  return [
    "Content-Type: application/http",
    "Content-Transfer-Encoding: binary",
    ...(contentId ? [`Content-ID: ${contentId}`] : []),
    "",
    `HTTP/1.1 ${response.status} ${STATUS_TEXT[response.status] ?? ""}`.trimEnd(),
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    "",
    response.text ?? (response.body === undefined ? "" : JSON.stringify(response.body)),
  ];
}

export function formatBatchResponse(answers: BatchAnswer[], headersFor: (r: ApiResponse) => Record<string, string>): { boundary: string; body: string } {
  const boundary = `batchresponse_${randomUUID()}`;
  const chunks = answers.map((answer) => {
    if (answer.kind === "response") return [`--${boundary}`, ...httpPart(answer.response, headersFor(answer.response))].join("\r\n");
    const changeSetBoundary = `changesetresponse_${randomUUID()}`;
    const inner = answer.responses.map(({ contentId, response }) => [`--${changeSetBoundary}`, ...httpPart(response, headersFor(response), contentId)].join("\r\n"));
    return [`--${boundary}`, `Content-Type: multipart/mixed; boundary=${changeSetBoundary}`, "", ...inner, `--${changeSetBoundary}--`].join("\r\n");
  });
  return { boundary, body: `${chunks.join("\r\n")}\r\n--${boundary}--\r\n` };
}

/** A batch part as a request below the API root; relative and absolute URLs are both allowed. */
export function partToRequest(part: BatchRequest, apiUrl: string): ApiRequest {
  const url = new URL(part.url, apiUrl);
  const apiPath = new URL(apiUrl).pathname;
  const versioned = /^\/api\/data\/v9\.[0-2]\//.exec(url.pathname);
  const path = decodeURIComponent(url.pathname.slice(versioned ? versioned[0].length : apiPath.length));
  return { method: part.method, path, url, headers: part.headers, body: part.body };
}
