/**
 * The conformance suite's `$batch` plumbing: request bodies written by hand in the shape "Execute batch
 * operations using the Web API" shows
 * (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api),
 * sent with plain `fetch` (dataverse-ify's client cannot send a batch-level `Prefer` or `Content-ID`
 * references), and answers read by dataverse-ify's own multipart parser, not the sandbox's code.
 */
import { getBatchResponse, type WebApiResponse } from "dataverse-ify/lib/webapi/WebApiRequest";

export interface WirePart {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** As the part's request line has it: a URL under the API root, a path, or a `$1` reference. */
  url: string;
  body?: unknown;
  contentId?: string;
  headers?: Record<string, string>;
}

/** An item of the batch: one request, or a change set of requests. */
export type WireItem = WirePart | WirePart[];

function partLines(boundary: string, part: WirePart): string[] {
  return [
    `--${boundary}`,
    "Content-Type: application/http",
    "Content-Transfer-Encoding: binary",
    ...(part.contentId === undefined ? [] : [`Content-ID: ${part.contentId}`]),
    "",
    `${part.method} ${part.url} HTTP/1.1`,
    ...(part.body === undefined ? [] : ["Content-Type: application/json; type=entry"]),
    ...Object.entries(part.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    "",
    part.body === undefined ? "" : JSON.stringify(part.body),
  ];
}

export function batchBody(boundary: string, items: WireItem[]): string {
  const lines: string[] = [];
  items.forEach((item, index) => {
    if (!Array.isArray(item)) {
      lines.push(...partLines(boundary, item));
      return;
    }
    const changeSet = `changeset_${index}`;
    lines.push(`--${boundary}`, `Content-Type: multipart/mixed; boundary=${changeSet}`, "");
    for (const part of item) lines.push(...partLines(changeSet, part));
    lines.push(`--${changeSet}--`, "");
  });
  lines.push(`--${boundary}--`, "");
  return lines.join("\r\n");
}

export interface BatchReply {
  status: number;
  headers: Headers;
  text: string;
  /** Every answer in order, change sets flattened, as dataverse-ify reads them. */
  answers: WebApiResponse[];
}

export async function postBatch(apiUrl: string, token: string, items: WireItem[], headers: Record<string, string> = {}): Promise<BatchReply> {
  const boundary = "batch_conformance";
  const response = await fetch(`${apiUrl}$batch`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: "application/json",
      "OData-MaxVersion": "4.0",
      "OData-Version": "4.0",
      "If-None-Match": "null",
      "Content-Type": `multipart/mixed; boundary="${boundary}"`,
      ...headers,
    },
    body: batchBody(boundary, items),
  });
  const text = await response.text();
  const contentType = response.headers.get("content-type") ?? "";
  const responseBoundary = /boundary=([^;\s]+)/.exec(contentType)?.[1];
  const answers = contentType.startsWith("multipart/mixed") && responseBoundary ? getBatchResponse(text, responseBoundary).batchresponse : [];
  return { status: response.status, headers: response.headers, text, answers };
}

/** The MIME part headers (Content-Type, Content-Transfer-Encoding, Content-ID) before each answer's status line, in order. */
export function partHeaders(text: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of `\r\n${text}`.matchAll(/\r\n--(?:batch|changeset)response_[^\r\n]*\r\n((?:[^\r\n]+\r\n)+)\r\nHTTP\/1\.1 /g)) {
    const headers: Record<string, string> = {};
    for (const line of match[1].split("\r\n").filter(Boolean)) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    found.push(headers);
  }
  return found;
}
