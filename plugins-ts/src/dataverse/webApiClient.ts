import { NodeWebApiRequest } from "dataverse-ify/lib/webapi/node/NodeWebApiRequest";
import { batchAnswers, changeSetBatch, writeHeaders } from "./batch";
import type { ChangeSetWrite, DataverseCallStats, DataverseClientFactory, DeliveryDataverseClient, WebApiRecord } from "./client";
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

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Dataverse Web API client over dataverse-ify's Node client (`NodeWebApiRequest`, which builds
 * `…/api/data/v9.2/` URLs and sends the bearer token). This class adds what a webhook needs on top:
 * entity-set addressing without metadata round trips, 404 as null, and retries of 429/5xx with
 * backoff that respect Retry-After and the delivery's deadline.
 */
export class WebApiClient implements DataverseClientFactory {
  private readonly transport: WebApiTransport;
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  /** `https://<org>/api/data/v9.2`, what the requests of a `$batch` are addressed under. */
  private readonly serviceRoot: string;

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
    const stats: DataverseCallStats = { requests: 0, reads: 0, writes: 0, retries: 0, transientAnswers: [] };
    const call = (method: Method, path: string, headers: Record<string, string>, payload?: unknown, raw = false) =>
      this.send(method, path, headers, payload, deadline, stats, raw);
    const read = (path: string) => {
      stats.reads += 1;
      return call("GET", path, {}, undefined);
    };
    const patch = (write: ChangeSetWrite) => call("PATCH", `/${write.entitySet}(${write.id})`, writeHeaders(write), write.data);
    /** One update; a table without optimistic concurrency refuses the version check: then only "must exist", as before. */
    const update = async (write: Extract<ChangeSetWrite, { kind: "update" }>) => {
      try {
        await this.mustExist(patch(write), write.entitySet, write.id);
      } catch (error) {
        if (!write.etag || !concurrencyNotEnabled(error)) throw error;
        await this.mustExist(patch({ ...write, etag: null }), write.entitySet, write.id);
      }
    };
    const changeSet = async (writes: readonly ChangeSetWrite[]) => {
      const { contentType, body } = changeSetBatch(this.serviceRoot, writes);
      const answer = await call("POST", "/$batch", { "Content-Type": contentType }, body, true);
      const failed = batchAnswers(answer ?? "").find((part) => part.status >= 400);
      if (failed) {
        const error = readWebApiError(failed.body);
        const write = failed.contentId ? writes[Number(failed.contentId) - 1] : undefined;
        const what = write ? `PATCH /${write.entitySet}(${write.id}) in a change set` : "a change set";
        throw new DataverseError(
          `${what} answered ${failed.status}${error.message ? `: ${error.message}` : ""}`,
          failed.status,
          error.code,
          isTransientStatus(failed.status),
        );
      }
    };
    return {
      stats,
      retrieve: async (entitySet, id, select) => {
        const response = await read(`/${entitySet}(${id})?$select=${select.join(",")}`);
        return response === null ? null : (JSON.parse(response) as WebApiRecord);
      },
      retrieveMultiple: async (entitySet, query) => {
        const response = await read(`/${entitySet}?${query}`);
        const parsed = JSON.parse(response ?? "{}") as { value?: WebApiRecord[] };
        return parsed.value ?? [];
      },
      update: async (entitySet, id, data, options) => {
        stats.writes += 1;
        await update({ kind: "update", entitySet, id, data, etag: options?.etag });
      },
      upsert: async (entitySet, id, data) => {
        stats.writes += 1;
        await call("PATCH", `/${entitySet}(${id})`, {}, data);
      },
      createOnly: async (entitySet, id, data) => {
        stats.writes += 1;
        try {
          await patch({ kind: "create", entitySet, id, data });
          return true;
        } catch (error) {
          if (isConcurrentChange(error)) return false;
          throw error;
        }
      },
      executeChangeSet: async (writes) => {
        if (writes.length === 0) return;
        stats.writes += 1;
        // One write needs no transaction of its own: it is sent as the PATCH it is.
        if (writes.length === 1) {
          const [write] = writes;
          if (write.kind === "update") return update(write);
          await patch(write);
          return;
        }
        try {
          await changeSet(writes);
        } catch (error) {
          if (!writes.some((w) => w.kind === "update" && w.etag) || !concurrencyNotEnabled(error)) throw error;
          await changeSet(writes.map((w) => (w.kind === "update" ? { ...w, etag: null } : w)));
        }
      },
    };
  }

  private async mustExist(result: Promise<string | null>, entitySet: string, id: string): Promise<void> {
    if ((await result) === null) throw new DataverseError(`${entitySet}(${id}) does not exist.`, 404, null, false);
  }

  /** One logical call: the response body, or null for 404. Retries transient failures until the deadline. */
  private async send(
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
