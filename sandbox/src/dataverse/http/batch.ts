/**
 * The `$batch` wire format, as "Execute batch operations using the Web API" shows it
 * (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api,
 * after OData 4.0 part 1, 11.7): a multipart/mixed body of `application/http` requests, a change set being a
 * nested multipart/mixed part. Answers come back as one multipart/mixed body in request order: a
 * `batchresponse_<guid>` boundary, each answer an `application/http` part with its own status line and
 * headers (`Location` beside `OData-EntityId`), `Content-ID` echoed, a change set's answers inside a
 * `changesetresponse_<guid>` part. Running the parts is batchRunner.ts.
 */
import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import { badRequest } from "../errors";
import type { ApiRequest, ApiResponse } from "./context";

export interface BatchRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  contentId?: string;
}

export type BatchItem = { kind: "request"; request: BatchRequest } | { kind: "changeSet"; requests: BatchRequest[] };

export interface PartAnswer {
  contentId?: string;
  response: ApiResponse;
}

/** A request's answer, or a change set's: all its answers, or (it failed) only the failing one. */
export type BatchAnswer = ({ kind: "response" } & PartAnswer) | { kind: "changeSet"; responses: PartAnswer[] };

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

/**
 * "GET request are not allowed within change sets" (the batch article, Change sets). The OData reader
 * Dataverse uses refuses such a batch while reading it, with this text (Microsoft.OData.Core
 * `ODataBatch_InvalidHttpMethodForChangeSetRequest`), so nothing in it runs.
 */
function refuseGetInChangeSet(request: BatchRequest): void {
  if (request.method !== "GET") return;
  throw badRequest(
    `An invalid HTTP method '${request.method}' was detected for a request in a change set. Requests in change sets only support the HTTP methods 'POST', 'PUT', 'DELETE', and 'PATCH'.`,
  );
}

export function parseBatch(body: string, contentType: string | undefined): BatchItem[] {
  return sections(body, boundaryOf(contentType)).map((section) => {
    const { mime, rest } = splitPart(section);
    const partType = mime["content-type"] ?? "";
    if (!partType.startsWith("multipart/mixed")) return { kind: "request", request: parseRequest(mime, rest) };
    const requests = sections(rest, boundaryOf(partType)).map((inner) => {
      const part = splitPart(inner);
      const request = parseRequest(part.mime, part.rest);
      refuseGetInChangeSet(request);
      return request;
    });
    return { kind: "changeSet", requests };
  });
}

/** Header lines of one answer; every `OData-EntityId` is preceded by the same URL as `Location`, as batch answers show it. */
function headerLines(headers: Record<string, string | string[]>): string[] {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (name === "OData-EntityId") lines.push(`Location: ${String(value)}`);
    for (const one of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${one}`);
  }
  return lines;
}

function httpPart(answer: PartAnswer, headersFor: (r: ApiResponse) => Record<string, string | string[]>): string[] {
  const { response, contentId } = answer;
  return [
    "Content-Type: application/http",
    "Content-Transfer-Encoding: binary",
    ...(contentId ? [`Content-ID: ${contentId}`] : []),
    "",
    `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ""}`.trimEnd(),
    ...headerLines(headersFor(response)),
    "",
    response.text ?? (response.body === undefined ? "" : JSON.stringify(response.body)),
  ];
}

export function formatBatchResponse(
  answers: BatchAnswer[],
  headersFor: (r: ApiResponse) => Record<string, string | string[]>,
): { boundary: string; body: string } {
  const boundary = `batchresponse_${randomUUID()}`;
  const chunks = answers.map((answer) => {
    if (answer.kind === "response") return [`--${boundary}`, ...httpPart(answer, headersFor)].join("\r\n");
    const changeSetBoundary = `changesetresponse_${randomUUID()}`;
    const inner = answer.responses.map((part) => [`--${changeSetBoundary}`, ...httpPart(part, headersFor)].join("\r\n"));
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
