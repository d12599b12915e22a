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
  /** Web API reads the handler made (a retrieve or a query, FetchXML included), retries not counted. */
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
