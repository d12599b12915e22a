/**
 * What the handlers need from Dataverse, in Web API terms (entity set names, `$select`ed columns,
 * `_lookup_value` properties, `@odata.bind`). Injectable: the hosts give a WebApiClient, tests may give
 * anything that speaks this interface.
 */

/** A row as the Web API returns it. */
export type WebApiRecord = Record<string, unknown>;

export interface DataverseClient {
  /** GET `entitySet(id)?$select=…`; null when the row does not exist (404). */
  retrieve(entitySet: string, id: string, select: readonly string[]): Promise<WebApiRecord | null>;
  /** GET `entitySet?query` (the query without its leading "?"); the `value` array. */
  retrieveMultiple(entitySet: string, query: string): Promise<WebApiRecord[]>;
  /**
   * PATCH `entitySet(id)`: updates an existing row, never creates one. `If-Match: *`, or the row's
   * `@odata.etag` as read (optimistic concurrency: a row changed since then answers 412, thrown as a
   * DataverseError with status 412 — see `isConcurrentChange`).
   */
  update(entitySet: string, id: string, data: WebApiRecord, options?: { etag?: string | null }): Promise<void>;
  /** PATCH `entitySet(id)` without `If-Match`: creates the row with that id when it does not exist (upsert). */
  upsert(entitySet: string, id: string, data: WebApiRecord): Promise<void>;
  /**
   * PATCH `entitySet(id)` with `If-None-Match: *`: creates the row under that id, never updates one.
   * False when the row already exists (the Web API answers 412).
   */
  createOnly(entitySet: string, id: string, data: WebApiRecord): Promise<boolean>;
  /**
   * Writes that belong together, all or none: one `POST $batch` with one change set (a single write is
   * sent on its own, as the PATCH it is). A precondition that fails (412: a row changed since it was read,
   * or a row to create exists) rolls the whole change set back and is thrown as a DataverseError with
   * status 412 (`isConcurrentChange`); a row to update that does not exist as one with status 404.
   */
  executeChangeSet(writes: readonly ChangeSetWrite[]): Promise<void>;
  /**
   * Reads that do not depend on each other, in ONE round trip: a `POST $batch` of GET requests outside any
   * change set ("Execute batch operations using the Web API": a batch request can include GET requests and
   * change sets; https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api),
   * sent with `Prefer: odata.continue-on-error` so that one failing read does not stop the others. One read
   * is sent as the GET it is. Each answer in order: what `retrieve` / `retrieveMultiple` would return, or
   * the non-transient error they would throw (transient answers are retried like any request).
   */
  readBatch(reads: readonly BatchRead[]): Promise<BatchReadAnswer[]>;
}

/** One read of a `readBatch`. */
export type BatchRead =
  /** GET `entitySet(id)?$select=…`: the row, or null when it does not exist (404). */
  | { kind: "retrieve"; entitySet: string; id: string; select: readonly string[] }
  /** GET `entitySet?query`: the `value` array. */
  | { kind: "query"; entitySet: string; query: string };

export type BatchReadAnswer = { ok: true; value: WebApiRecord | WebApiRecord[] | null } | { ok: false; error: Error };

/** The URL (under the service root) of a read: what `retrieve` and `retrieveMultiple` request. */
export function readPath(read: BatchRead): string {
  return read.kind === "retrieve" ? `/${read.entitySet}(${read.id})?$select=${read.select.join(",")}` : `/${read.entitySet}?${read.query}`;
}

/** One write of a change set. */
export type ChangeSetWrite =
  /** PATCH of an existing row, never creating one: `If-Match` the row's `@odata.etag` as read, else `*`. */
  | { kind: "update"; entitySet: string; id: string; data: WebApiRecord; etag?: string | null }
  /** PATCH under a fixed id with `If-None-Match: *`: creates the row, never updates one. */
  | { kind: "create"; entitySet: string; id: string; data: WebApiRecord };

/** The Web API's `@odata.etag` of a retrieved row (a weak ETag such as `W/"468026"`), or null. */
export function etagOf(row: WebApiRecord): string | null {
  const etag = row["@odata.etag"];
  return typeof etag === "string" && etag !== "" ? etag : null;
}

/** What happened on the way to Dataverse during one delivery, for the webhook's answer. */
export interface DataverseCallStats {
  /** HTTP requests sent to the Web API (one `$batch` is one), retries included: the round trips. */
  requests: number;
  /** Read requests the handler made: a retrieve, a query (FetchXML included), or one `$batch` of reads however many it holds; retries not counted. */
  reads: number;
  /** Writes the handler made: a single PATCH, or one `$batch` change set however many rows it writes; retries not counted. */
  writes: number;
  /** Requests repeated after a transient answer (429, 5xx, network error). */
  retries: number;
  /** The transient answers seen, e.g. ["429", "503"]. */
  transientAnswers: string[];
}

/** A client bound to one delivery: calls share its deadline and are counted. */
export interface DeliveryDataverseClient extends DataverseClient {
  readonly stats: DataverseCallStats;
}

export interface DataverseClientFactory {
  /** A client whose retries never go past `deadline` (epoch ms). */
  forDelivery(deadline: number): DeliveryDataverseClient;
}

/** Web API property that carries a lookup's id: `_transactioncurrencyid_value`. */
export function lookupProperty(column: string): string {
  return `_${column}_value`;
}

/** `@odata.bind` value for a lookup: `/leads(…)`. */
export function bindTo(entitySet: string, id: string): string {
  return `/${entitySet}(${id})`;
}
