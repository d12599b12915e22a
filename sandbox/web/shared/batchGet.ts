/**
 * Several GETs in one Web API round trip: `POST $batch` with one `application/http` part per request,
 * the answers read back from the `multipart/mixed` response in request order, each as a `Response`.
 * Format: https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api
 * (Batch requests; Batch responses). GETs go as top-level parts: a change set may not hold a GET.
 */
import type { SalesSession } from "./session";

const PART_HEADERS = ["Accept: application/json", 'Prefer: odata.include-annotations="*"', "OData-Version: 4.0", "OData-MaxVersion: 4.0"];

export function batchRequestBody(boundary: string, apiUrl: string, paths: readonly string[]): string {
  const parts = paths.map((path) =>
    [`--${boundary}`, "Content-Type: application/http", "Content-Transfer-Encoding: binary", "", `GET ${apiUrl}${path.replace(/^\//, "")} HTTP/1.1`, ...PART_HEADERS, "", ""].join("\r\n"),
  );
  return `${parts.join("")}--${boundary}--\r\n`;
}

/** Text before and after the first blank line (without it); the second part loses one trailing line break. */
function splitAtBlankLine(text: string): [string, string] {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return [text, ""];
  return [text.slice(0, match.index), text.slice(match.index + match[0].length).replace(/\r?\n$/, "")];
}

/** The answers of a `$batch` response body, in order (top-level parts only). */
export function parseBatchResponse(body: string, contentType: string | null): Response[] {
  const boundary = /boundary="?([^";\s]+)"?/i.exec(contentType ?? "")?.[1];
  if (!boundary) throw new Error("The $batch answer has no multipart boundary.");
  const answers: Response[] = [];
  for (const section of body.split(`--${boundary}`).slice(1)) {
    if (section.startsWith("--")) break;
    // MIME headers, blank line, HTTP status line and headers, blank line, body.
    const [, http] = splitAtBlankLine(section.replace(/^[ \t]*\r?\n/, ""));
    const [head, text] = splitAtBlankLine(http);
    const [statusLine, ...headerLines] = head.split(/\r?\n/);
    const status = Number(/^HTTP\/1\.1\s+(\d{3})/.exec(statusLine ?? "")?.[1]);
    if (!status) throw new Error(`The $batch answer has a part without an HTTP status line: ${statusLine ?? ""}`);
    const headers = new Headers();
    for (const line of headerLines) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    answers.push(new Response(status === 204 || status === 304 ? null : text, { status, headers }));
  }
  return answers;
}

export async function batchGet(session: Pick<SalesSession, "apiUrl" | "fetchApi">, paths: readonly string[]): Promise<Response[]> {
  const boundary = `batch_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const response = await session.fetchApi("$batch", {
    method: "POST",
    headers: { "Content-Type": `multipart/mixed; boundary=${boundary}` },
    body: batchRequestBody(boundary, session.apiUrl, paths),
  });
  if (!response.ok && !(response.headers.get("Content-Type") ?? "").startsWith("multipart/mixed")) {
    throw new Error(`The $batch request failed (HTTP ${response.status}).`);
  }
  const answers = parseBatchResponse(await response.text(), response.headers.get("Content-Type"));
  if (answers.length !== paths.length) throw new Error(`The $batch answer has ${answers.length} parts for ${paths.length} requests.`);
  return answers;
}
