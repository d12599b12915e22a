/**
 * `POST $batch` (multipart/mixed): each part is an HTTP request run on its own, and the answers come
 * back as one multipart/mixed body in the same order. Change sets (atomic groups) are refused by name
 * rather than run non-atomically.
 */
import { randomUUID } from "node:crypto";
import { badRequest, notImplemented } from "../errors";
import type { ApiRequest, ApiResponse } from "./context";

export interface BatchPart {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

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
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? "")?.[1];
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

export function parseBatch(body: string, contentType: string | undefined): BatchPart[] {
  const boundary = boundaryOf(contentType);
  const sections = body.split(`--${boundary}`);
  const parts: BatchPart[] = [];
  for (const section of sections.slice(1)) {
    if (section.startsWith("--")) break;
    const [mimeHeaders, ...restBlocks] = section.replace(/^\r?\n/, "").split(/\r?\n\r?\n/);
    const mime = splitHeaders(mimeHeaders);
    if ((mime["content-type"] ?? "").startsWith("multipart/mixed")) throw notImplemented("change sets in $batch");
    const httpText = restBlocks.join("\n\n");
    const [requestHead, ...bodyBlocks] = httpText.split(/\r?\n\r?\n/);
    const [requestLine, ...headerLines] = requestHead.split(/\r?\n/);
    const requestMatch = /^(GET|POST|PATCH|PUT|DELETE)\s+(\S+)(?:\s+HTTP\/1\.1)?$/.exec(requestLine.trim());
    if (!requestMatch) throw badRequest(`The $batch part '${requestLine.trim()}' is not an HTTP request line.`);
    parts.push({
      method: requestMatch[1],
      url: requestMatch[2],
      headers: splitHeaders(headerLines.join("\n")),
      body: bodyBlocks.join("\n\n").trim(),
    });
  }
  return parts;
}

export function formatBatchResponse(responses: ApiResponse[], headersFor: (r: ApiResponse) => Record<string, string>): { boundary: string; body: string } {
  const boundary = `batchresponse_${randomUUID()}`;
  const chunks = responses.map((response) => {
    const headers = headersFor(response);
    const lines = [
      `--${boundary}`,
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      "",
      `HTTP/1.1 ${response.status} ${STATUS_TEXT[response.status] ?? ""}`.trimEnd(),
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      "",
      response.body === undefined ? "" : JSON.stringify(response.body),
    ];
    return lines.join("\r\n");
  });
  return { boundary, body: `${chunks.join("\r\n")}\r\n--${boundary}--\r\n` };
}

/** A batch part as a request below the API root; relative and absolute URLs are both allowed. */
export function partToRequest(part: BatchPart, apiUrl: string): ApiRequest {
  const url = new URL(part.url, apiUrl);
  const apiPath = new URL(apiUrl).pathname;
  const versioned = /^\/api\/data\/v9\.[0-2]\//.exec(url.pathname);
  const path = decodeURIComponent(url.pathname.slice(versioned ? versioned[0].length : apiPath.length));
  return { method: part.method, path, url, headers: part.headers, body: part.body };
}
