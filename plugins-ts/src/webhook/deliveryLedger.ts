/**
 * Makes a delivery happen once per process: Dataverse retries a webhook call (after 502/503/504 or a
 * timeout) and the same request can arrive twice at the same moment. The first arrival does the work;
 * later ones with the same key wait for it and get its answer. Answers below 500 are remembered for a
 * while; failures are not, so a retry after a failure does the work again. Neither is an answer whose
 * work cost nothing (`costFree`: decided from the delivery alone, no Dataverse call): doing it again
 * gives the same answer for less than keeping it, which at thousands of deliveries a second means
 * megabytes the garbage collector walks (issue 14: `npm run bench`).
 *
 * Across processes (several Azure Functions instances) the handlers' writes are idempotent instead:
 * they set absolute values, skip what is already set and upsert the note under a deterministic id.
 */
export interface LedgerOptions {
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
  /** Called when a delivery joins one that is still running (for logs and tests). */
  onJoin?: (key: string) => void;
}

/** What the ledger reads of an answer. */
export interface LedgerAnswer {
  status: number;
  /** The work made no call that costs anything to repeat (no Dataverse request): not worth remembering. */
  costFree?: boolean;
}

export class DeliveryLedger<T extends LedgerAnswer> {
  private readonly inFlight = new Map<string, Promise<T>>();
  private readonly completed = new Map<string, { result: T; at: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly onJoin: (key: string) => void;
  private sinceSweep = 0;

  constructor(options: LedgerOptions = {}) {
    this.ttlMs = options.ttlMs ?? 15 * 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
    this.onJoin = options.onJoin ?? (() => undefined);
  }

  async run(key: string | null, work: () => Promise<T>): Promise<{ result: T; duplicate: boolean }> {
    if (key === null) return { result: await work(), duplicate: false };
    const running = this.inFlight.get(key);
    if (running) {
      this.onJoin(key);
      return { result: await running, duplicate: true };
    }
    const done = this.completed.get(key);
    if (done && this.now() - done.at < this.ttlMs) return { result: done.result, duplicate: true };
    const promise = work();
    this.inFlight.set(key, promise);
    try {
      const result = await promise;
      if (result.status < 500 && !result.costFree) this.remember(key, result);
      return { result, duplicate: false };
    } finally {
      this.inFlight.delete(key);
    }
  }

  private remember(key: string, result: T): void {
    this.completed.delete(key);
    this.completed.set(key, { result, at: this.now() });
    if (this.completed.size > this.maxEntries || ++this.sinceSweep >= SweepEvery) this.sweep();
  }

  /**
   * Forgets the expired answers and, when over the limit, the oldest down to 90 % of it. Maps iterate in
   * insertion order (the first entries are the oldest), but an iteration from the start walks past every
   * slot deleted since the map last compacted: sweeping on every answer made a busy host pay for
   * thousands of such slots per delivery, so the sweep runs once in a while (`run` ignores an expired
   * answer whenever it finds one).
   */
  private sweep(): void {
    this.sinceSweep = 0;
    const now = this.now();
    const keep = this.completed.size > this.maxEntries ? Math.floor(this.maxEntries * 0.9) : this.maxEntries;
    for (const [oldest, entry] of this.completed) {
      if (this.completed.size <= keep && now - entry.at < this.ttlMs) break;
      this.completed.delete(oldest);
    }
  }
}

/** Answers remembered between two sweeps for expired ones. */
const SweepEvery = 256;
