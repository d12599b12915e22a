import type { SqlDatabase } from "../commerce/sqlite";
import type { FinanceValue } from "./maps";

/**
 * What dual-write remembers between runs, in the Commerce database (prefix `dualwrite_`): which
 * Dataverse row each finance record is paired with, the versions last exchanged (so a write is not
 * echoed back), the change-tracking watermark per map, and failed records.
 */
export interface PairState {
  map: string;
  dataverseId: string;
  financeKey: string;
  /** The finance record as last exchanged: outbound sends only fields that differ from it. */
  financeSnapshot: Record<string, FinanceValue>;
  /** `@odata.etag` of the Dataverse row as last exchanged. */
  dataverseEtag: string | null;
}

export interface SyncError {
  errorId: number;
  map: string;
  record: string;
  message: string;
  at: string;
}

export function ensureDualWriteSchema(db: SqlDatabase): void {
  db.exec(`
CREATE TABLE IF NOT EXISTS dualwrite_pairs (
  map TEXT NOT NULL,
  dataverse_id TEXT NOT NULL,
  finance_key TEXT NOT NULL,
  finance_snapshot TEXT NOT NULL,
  dataverse_etag TEXT,
  PRIMARY KEY (map, dataverse_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS ix_dualwrite_pairs_key ON dualwrite_pairs (map, finance_key);
CREATE TABLE IF NOT EXISTS dualwrite_watermarks (map TEXT PRIMARY KEY, modifiedon TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dualwrite_errors (
  error_id INTEGER PRIMARY KEY AUTOINCREMENT,
  map TEXT NOT NULL,
  record TEXT NOT NULL,
  message TEXT NOT NULL,
  at TEXT NOT NULL
);`);
}

interface PairRow {
  map: string;
  dataverse_id: string;
  finance_key: string;
  finance_snapshot: string;
  dataverse_etag: string | null;
}

function toPair(row: PairRow): PairState {
  return {
    map: row.map,
    dataverseId: row.dataverse_id,
    financeKey: row.finance_key,
    financeSnapshot: JSON.parse(row.finance_snapshot) as Record<string, FinanceValue>,
    dataverseEtag: row.dataverse_etag,
  };
}

export class DualWriteState {
  constructor(private readonly db: SqlDatabase) {
    ensureDualWriteSchema(db);
  }

  pairByKey(map: string, financeKey: string): PairState | undefined {
    const row = this.db.prepare("SELECT * FROM dualwrite_pairs WHERE map = ? AND finance_key = ?").get(map, financeKey) as PairRow | undefined;
    return row ? toPair(row) : undefined;
  }

  pairById(map: string, dataverseId: string): PairState | undefined {
    const row = this.db.prepare("SELECT * FROM dualwrite_pairs WHERE map = ? AND dataverse_id = ?").get(map, dataverseId.toLowerCase()) as
      | PairRow
      | undefined;
    return row ? toPair(row) : undefined;
  }

  savePair(pair: PairState): void {
    this.db
      .prepare(
        `INSERT INTO dualwrite_pairs (map, dataverse_id, finance_key, finance_snapshot, dataverse_etag) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (map, dataverse_id) DO UPDATE SET finance_key = excluded.finance_key, finance_snapshot = excluded.finance_snapshot,
           dataverse_etag = excluded.dataverse_etag`,
      )
      .run(pair.map, pair.dataverseId.toLowerCase(), pair.financeKey, JSON.stringify(pair.financeSnapshot), pair.dataverseEtag);
  }

  watermark(map: string): string | undefined {
    return (this.db.prepare("SELECT modifiedon FROM dualwrite_watermarks WHERE map = ?").get(map) as { modifiedon: string } | undefined)?.modifiedon;
  }

  saveWatermark(map: string, modifiedon: string): void {
    this.db
      .prepare("INSERT INTO dualwrite_watermarks (map, modifiedon) VALUES (?, ?) ON CONFLICT (map) DO UPDATE SET modifiedon = excluded.modifiedon")
      .run(map, modifiedon);
  }

  recordError(map: string, record: string, message: string, at: Date): void {
    this.db.prepare("INSERT INTO dualwrite_errors (map, record, message, at) VALUES (?, ?, ?, ?)").run(map, record, message, at.toISOString());
  }

  errors(): SyncError[] {
    return (
      this.db.prepare("SELECT * FROM dualwrite_errors ORDER BY error_id").all() as {
        error_id: number;
        map: string;
        record: string;
        message: string;
        at: string;
      }[]
    ).map((r) => ({ errorId: r.error_id, map: r.map, record: r.record, message: r.message, at: r.at }));
  }
}
