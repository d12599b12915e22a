/**
 * One write operation at a time, in one SQLite transaction that may span awaits (synchronous webhook
 * steps are HTTP calls made inside the operation). Reads are not queued: they use the same
 * connection, so a read arriving while a synchronous step is in flight sees the operation's
 * uncommitted rows — the webhook handler reading the record it is judging is the case that matters.
 */
import type { Database } from "better-sqlite3";

export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Database) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(async () => {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const value = await work();
        this.db.exec("COMMIT");
        return value;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw error;
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}
