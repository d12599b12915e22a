import { createRequire } from "node:module";

/**
 * The part of better-sqlite3's API the Commerce simulator uses. better-sqlite3 ships no type
 * declarations and none are installed, so the simulator states what it relies on here.
 */
export interface SqlStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

export interface SqlDatabase {
  prepare(sql: string): SqlStatement;
  exec(sql: string): void;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): void;
  readonly open: boolean;
}

type DatabaseConstructor = new (file: string) => SqlDatabase;

const load = createRequire(__filename);

/** Opens (or creates) a SQLite database; file-backed databases use WAL so readers never block the jobs. */
export function openDatabase(file: string): SqlDatabase {
  const Database = load("better-sqlite3") as DatabaseConstructor;
  const db = new Database(file);
  if (file !== ":memory:") db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  return db;
}
