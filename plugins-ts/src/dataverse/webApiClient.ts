import { NodeWebApiRequest } from "dataverse-ify/lib/webapi/node/NodeWebApiRequest";
import { batchAnswers, changeSetBatch, readBatch, writeHeaders, type BatchPartAnswer } from "./batch";
import { readPath, type BatchRead, type BatchReadAnswer, type ChangeSetWrite, type DataverseCallStats, type DataverseClientFactory, type DeliveryDataverseClient, type WebApiRecord } from "./client";
import { DataverseError, isConcurrentChange, isTransientStatus, readWebApiError } from "./errors";
import { DefaultRetryPolicy, parseRetryAfter, retryDelay, type RetryPolicy } from "./retry";
import type { TokenProvider } from "./tokens";

type Method = "GET" | "PATCH" | "POST";

/** The part of dataverse-ify's Node Web API request the client uses (its `send`), so tests can wrap it. */
export interface WebApiTransport {
  setAccessToken(token: string): void;
  send(
    method: Method,
    uri: string,
    headers: Record<string, string>,
    payload?: unknown,
    /** True when `payload` is the body as it is (a `$batch`), not a value to send as JSON. */
    skipStringify?: boolean,
  ): Promise<{ status: number; headers: Record<string, string>; body?: string }>;
}

export interface WebApiClientOptions {
  /** Environment URL, e.g. https://contoso.crm4.dynamics.com */
  url: string;
  token: TokenProvider;
  apiVersion?: string;
  policy?: RetryPolicy;
  /** Injected for tests: waits without timers, reads a fixed clock, draws fixed jitter. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  transport?: WebApiTransport;
}

const JSON_HEADERS = {
  Accept: "application/json",
  "OData-MaxVersion": "4.0",
  "OData-Version": "4.0",
};

/**
 * OptimisticConcurrencyNotEnabled (-2147088243): a version-checked update of a table whose
 * IsOptimisticConcurrencyEnabled is false (https://learn.microsoft.com/power-apps/developer/data-platform/optimistic-concurrency).
 */
const OptimisticConcurrencyNotEnabled = "0x8006088d";

function concurrencyNotEnabled(error: unknown): boolean {
  return error instanceof DataverseError && error.code?.toLowerCase() === OptimisticConcurrencyNotEnabled;
}

/** What `retrieve` (the row; null for a 404) or `retrieveMultiple` (the `value` array) returns for a read's answer body. */
function readValue(read: BatchRead, body: string | null): WebApiRecord | WebApiRecord[] | null {
  if (read.kind === "retrieve") return body === null ? null : (JSON.parse(body) as WebApiRecord);
  return (JSON.parse(body || "{}") as { value?: WebApiRecord[] }).value ?? [];
}

/** One part of a batch of reads as the read's answer: 2xx its value, 404 of a row null, anything else its error. */
function batchReadAnswer(request: BatchRead, part: BatchPartAnswer): BatchReadAnswer {
  if (part.status >= 200 && part.status < 300) return { ok: true, value: readValue(request, part.body) };
  if (part.status === 404 && request.kind === "retrieve") return { ok: true, value: null };
  const error = readWebApiError(part.body);
  const what = `GET ${readPath(request).split("?")[0]} in a $batch`;
  return { ok: false, error: new DataverseError(`${what} answered ${part.status}${error.message ? `: ${error.message}` : ""}`, part.status, error.code, false) };
}

async function mustExist(result: Promise<string | null>, entitySet: string, id: string): Promise<void> {
  if ((await result) === null) throw new DataverseError(`${entitySet}(${id}) does not exist.`, 404, null, false);
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Dataverse Web API client over dataverse-ify's Node client (`NodeWebApiRequest`, which builds
 * `…/api/data/v9.2/` URLs and sends the bearer token). This class adds what a webhook needs on top:
 * entity-set addressing without metadata round trips, 404 as null, and retries of 429/5xx with
 * backoff that respect Retry-After and the delivery's deadline.
 */
export class WebApiClient implements DataverseClientFactory {
  private readonly transport: WebApiTransport;
  /** The retry policy and the clock, read by each delivery's client. */
  readonly policy: RetryPolicy;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  readonly random: () => number;
  /** `https://<org>/api/data/v9.2`, what the requests of a `$batch` are addressed under. */
  readonly serviceRoot: string;

  constructor(private readonly options: WebApiClientOptions) {
    const url = options.url.replace(/\/+$/, "");
    this.transport = options.transport ?? new NodeWebApiRequest(url, options.apiVersion ?? "9.2");
    this.serviceRoot = `${url}/api/data/v${options.apiVersion ?? "9.2"}`;
    this.policy = options.policy ?? DefaultRetryPolicy;
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  forDelivery(deadline: number): DeliveryDataverseClient {
    return new DeliveryClient(this, deadline);
  }

  /** One logical call: the response body, or null for 404. Retries transient failures until the deadline. */
  async send(
    method: Method,
    path: string,
    extraHeaders: Record<string, string>,
    payload: unknown,
    deadline: number,
    stats: DataverseCallStats,
    raw = false,
  ): Promise<string | null> {
    const headers: Record<string, string> = { ...JSON_HEADERS, ...extraHeaders };
    if (payload !== undefined && !raw) headers["Content-Type"] = "application/json; charset=utf-8";
    for (let attempt = 1; ; attempt++) {
      stats.requests += 1;
      let status: number;
      let retryAfter: string | undefined;
      let body: string | undefined;
      let failure: string;
      try {
        this.transport.setAccessToken(await this.options.token());
        // Spaces and quotes in $filter must be percent-encoded; $, commas and parentheses stay as they are.
        const response = await this.beforeDeadline(this.transport.send(method, encodeURI(path), headers, payload, raw), deadline);
        status = response.status;
        body = response.body;
        retryAfter = response.headers["retry-after"];
        if (status >= 200 && status < 300) return body ?? "";
        // A $batch whose change set failed answers with the failing response inside a multipart body.
        if (raw && !isTransientStatus(status) && /^multipart\/mixed/i.test(response.headers["content-type"] ?? "")) return body ?? "";
        if (status === 404 && method === "GET") return null;
        if (status === 404 && extraHeaders["If-Match"] !== undefined) return null;
        const error = readWebApiError(body);
        failure = `${method} ${path.split("?")[0]} answered ${status}${error.message ? `: ${error.message}` : ""}`;
        if (!isTransientStatus(status)) throw new DataverseError(failure, status, error.code, false);
      } catch (error) {
        if (error instanceof DataverseError) throw error;
        status = 0;
        failure = `${method} ${path.split("?")[0]} failed: ${(error as Error).message}`;
      }
      stats.transientAnswers.push(status === 0 ? "no answer" : String(status));
      const delay = retryDelay(this.policy, attempt, parseRetryAfter(retryAfter, this.now()), this.random);
      if (attempt >= this.policy.maxAttempts || this.now() + delay >= deadline) {
        throw new DataverseError(`${failure} (gave up after ${attempt} attempt${attempt === 1 ? "" : "s"})`, status, null, true);
      }
      stats.retries += 1;
      await this.sleep(delay);
    }
  }

  private beforeDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
    const remaining = deadline - this.now();
    if (remaining <= 0) return Promise.reject(new Error("the delivery's time budget is spent"));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("no answer within the delivery's time budget")), remaining);
      timer.unref();
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}

/**
 * The client of one delivery: its calls share the delivery's deadline and are counted in `stats`. A class
 * (methods on its prototype) rather than closures made per delivery: a delivery that needs no Dataverse
 * call, the common one, then costs the host nothing here (issue 14: host throughput).
 */
class DeliveryClient implements DeliveryDataverseClient {
  readonly stats: DataverseCallStats = { requests: 0, reads: 0, writes: 0, retries: 0, transientAnswers: [] };

  constructor(
    private readonly api: WebApiClient,
    private readonly deadline: number,
  ) {}

  async retrieve(entitySet: string, id: string, select: readonly string[]): Promise<WebApiRecord | null> {
    return (await this.one({ kind: "retrieve", entitySet, id, select })) as WebApiRecord | null;
  }

  async retrieveMultiple(entitySet: string, query: string): Promise<WebApiRecord[]> {
    return (await this.one({ kind: "query", entitySet, query })) as WebApiRecord[];
  }

  async readBatch(reads: readonly BatchRead[]): Promise<BatchReadAnswer[]> {
    if (reads.length === 0) return [];
    if (reads.length > 1) return this.readTogether(reads);
    // One read needs no batch: it is sent as the GET it is.
    try {
      return [{ ok: true, value: await this.one(reads[0]) }];
    } catch (error) {
      if (error instanceof DataverseError && !error.transient) return [{ ok: false, error }];
      throw error;
    }
  }

  async update(entitySet: string, id: string, data: WebApiRecord, options?: { etag?: string | null }): Promise<void> {
    this.stats.writes += 1;
    await this.updateRow({ kind: "update", entitySet, id, data, etag: options?.etag });
  }

  async upsert(entitySet: string, id: string, data: WebApiRecord): Promise<void> {
    this.stats.writes += 1;
    await this.call("PATCH", `/${entitySet}(${id})`, {}, data);
  }

  async createOnly(entitySet: string, id: string, data: WebApiRecord): Promise<boolean> {
    this.stats.writes += 1;
    try {
      await this.patch({ kind: "create", entitySet, id, data });
      return true;
    } catch (error) {
      if (isConcurrentChange(error)) return false;
      throw error;
    }
  }

  async executeChangeSet(writes: readonly ChangeSetWrite[]): Promise<void> {
    if (writes.length === 0) return;
    this.stats.writes += 1;
    // One write needs no transaction of its own: it is sent as the PATCH it is.
    if (writes.length === 1) {
      const [write] = writes;
      if (write.kind === "update") return this.updateRow(write);
      await this.patch(write);
      return;
    }
    try {
      await this.changeSet(writes);
    } catch (error) {
      if (!writes.some((w) => w.kind === "update" && w.etag) || !concurrencyNotEnabled(error)) throw error;
      await this.changeSet(writes.map((w) => (w.kind === "update" ? { ...w, etag: null } : w)));
    }
  }

  private call(method: Method, path: string, headers: Record<string, string>, payload?: unknown, raw = false): Promise<string | null> {
    return this.api.send(method, path, headers, payload, this.deadline, this.stats, raw);
  }

  private async one(request: BatchRead): Promise<WebApiRecord | WebApiRecord[] | null> {
    this.stats.reads += 1;
    return readValue(request, await this.call("GET", readPath(request), {}));
  }

  private patch(write: ChangeSetWrite): Promise<string | null> {
    return this.call("PATCH", `/${write.entitySet}(${write.id})`, writeHeaders(write), write.data);
  }

  /** One update; a table without optimistic concurrency refuses the version check: then only "must exist", as before. */
  private async updateRow(write: Extract<ChangeSetWrite, { kind: "update" }>): Promise<void> {
    try {
      await mustExist(this.patch(write), write.entitySet, write.id);
    } catch (error) {
      if (!write.etag || !concurrencyNotEnabled(error)) throw error;
      await mustExist(this.patch({ ...write, etag: null }), write.entitySet, write.id);
    }
  }

  private async changeSet(writes: readonly ChangeSetWrite[]): Promise<void> {
    const { contentType, body } = changeSetBatch(this.api.serviceRoot, writes);
    const answer = await this.call("POST", "/$batch", { "Content-Type": contentType }, body, true);
    const failed = batchAnswers(answer ?? "").find((part) => part.status >= 400);
    if (failed) {
      const error = readWebApiError(failed.body);
      const write = failed.contentId ? writes[Number(failed.contentId) - 1] : undefined;
      const what = write ? `PATCH /${write.entitySet}(${write.id}) in a change set` : "a change set";
      throw new DataverseError(`${what} answered ${failed.status}${error.message ? `: ${error.message}` : ""}`, failed.status, error.code, isTransientStatus(failed.status));
    }
  }

  /**
   * Several reads in one `$batch` (continue-on-error: every part answers). A part answering 429 or 5xx
   * sends the batch again, reads being safe to repeat, with the same backoff and deadline as any request.
   */
  private async readTogether(reads: readonly BatchRead[]): Promise<BatchReadAnswer[]> {
    const { api, stats } = this;
    stats.reads += 1;
    for (let attempt = 1; ; attempt++) {
      const { contentType, body } = readBatch(api.serviceRoot, reads);
      const answer = await this.call("POST", "/$batch", { "Content-Type": contentType, Prefer: "odata.continue-on-error" }, body, true);
      const parts = batchAnswers(answer ?? "").slice(0, reads.length);
      const transient = parts.find((part) => isTransientStatus(part.status));
      const answered = parts.map((part, index) => batchReadAnswer(reads[index], part));
      if (!transient && parts.length === reads.length) return answered;
      // A batch that stopped at a failure (the preference not applied) leaves the reads after it unanswered: read them again.
      if (!transient && parts.length > 0 && parts[parts.length - 1].status >= 400) return [...answered, ...(await this.readTogether(reads.slice(parts.length)))];
      const failure = transient ? `a read in a $batch answered ${transient.status}` : `a $batch of ${reads.length} reads answered ${parts.length}`;
      stats.transientAnswers.push(transient ? String(transient.status) : "incomplete batch");
      const delay = retryDelay(api.policy, attempt, null, api.random);
      if (attempt >= api.policy.maxAttempts || api.now() + delay >= this.deadline) {
        throw new DataverseError(`${failure} (gave up after ${attempt} attempt${attempt === 1 ? "" : "s"})`, transient ? transient.status : 0, null, true);
      }
      stats.retries += 1;
      await api.sleep(delay);
    }
  }
}
