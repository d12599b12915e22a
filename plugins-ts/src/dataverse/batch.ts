/**
 * The `$batch` wire format for one change set or for reads ("Execute batch operations using the Web API",
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api,
 * after OData 4.0 part 1, 11.7): a multipart/mixed body whose one part is a multipart/mixed change set
 * of `application/http` requests. Dataverse runs a change set in one transaction; when a request in it
 * fails, everything it did is rolled back and the change set's answer is that one failing response.
 */
import { randomUUID } from "node:crypto";
import { readPath, type BatchRead, type ChangeSetWrite } from "./client";

export interface BatchBody {
  contentType: string;
  body: string;
}

/** The request headers of one write: If-Match (update) or If-None-Match (create). */
export function writeHeaders(write: ChangeSetWrite): Record<string, string> {
  return write.kind === "update" ? { "If-Match": write.etag ?? "*" } : { "If-None-Match": "*" };
}

/** One change set holding the writes in order; `serviceRoot` is `https://<org>/api/data/v9.2`. */
export function changeSetBatch(serviceRoot: string, writes: readonly ChangeSetWrite[]): BatchBody {
  const batch = `batch_${randomUUID()}`;
  const changeSet = `changeset_${randomUUID()}`;
  const lines: string[] = [`--${batch}`, `Content-Type: multipart/mixed; boundary=${changeSet}`, ""];
  writes.forEach((write, index) => {
    lines.push(
      `--${changeSet}`,
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      `Content-ID: ${index + 1}`,
      "",
      `PATCH ${serviceRoot}/${write.entitySet}(${write.id}) HTTP/1.1`,
      "Content-Type: application/json; charset=utf-8",
      ...Object.entries(writeHeaders(write)).map(([name, value]) => `${name}: ${value}`),
      "",
      JSON.stringify(write.data),
    );
  });
  lines.push(`--${changeSet}--`, `--${batch}--`, "");
  return { contentType: `multipart/mixed; boundary=${batch}`, body: lines.join("\r\n") };
}

/**
 * Reads in one batch: each an `application/http` GET part at the top level (GETs are not allowed inside
 * change sets, the article's "Change sets"), URL-encoded as a request line must be (FetchXML has spaces
 * and quotes), answered in the same order.
 */
export function readBatch(serviceRoot: string, reads: readonly BatchRead[]): BatchBody {
  const batch = `batch_${randomUUID()}`;
  const lines: string[] = [];
  for (const read of reads) {
    lines.push(
      `--${batch}`,
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      "",
      `GET ${serviceRoot}${encodeURI(readPath(read))} HTTP/1.1`,
      "Accept: application/json",
      "",
      "",
    );
  }
  lines.push(`--${batch}--`, "");
  return { contentType: `multipart/mixed; boundary=${batch}`, body: lines.join("\r\n") };
}

export interface BatchPartAnswer {
  status: number;
  contentId: string | null;
  body: string;
}

/**
 * The HTTP responses in a `$batch` answer, in order, however deeply nested in change sets. Read
 * leniently: every `HTTP/1.1 <status>` line starts a response whose body follows its headers.
 */
export function batchAnswers(body: string): BatchPartAnswer[] {
  const answers: BatchPartAnswer[] = [];
  // A response ends where the next boundary line starts.
  const chunks = body.split(/\r?\n--[^\r\n]*/);
  for (const chunk of chunks) {
    const statusLine = /^HTTP\/1\.1 (\d{3})[^\r\n]*$/m.exec(chunk);
    if (!statusLine) continue;
    const before = chunk.slice(0, statusLine.index);
    const after = chunk.slice(statusLine.index + statusLine[0].length);
    const blank = /\r?\n\r?\n/.exec(after);
    answers.push({
      status: Number(statusLine[1]),
      contentId: /^Content-ID:\s*(\S+)/im.exec(before)?.[1] ?? null,
      body: blank ? after.slice(blank.index + blank[0].length).trim() : "",
    });
  }
  return answers;
}
