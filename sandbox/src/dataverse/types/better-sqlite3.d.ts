/**
 * Type declarations for better-sqlite3 12 (the package ships none and @types/better-sqlite3 is not
 * installed). Covers the synchronous API the sandbox uses; shapes follow better-sqlite3's docs/api.md.
 */
declare module "better-sqlite3" {
  namespace BetterSqlite3 {
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }

    interface Statement<BindParameters extends unknown[] = unknown[], Result = unknown> {
      readonly source: string;
      readonly reader: boolean;
      run(...params: BindParameters): RunResult;
      get(...params: BindParameters): Result | undefined;
      all(...params: BindParameters): Result[];
      iterate(...params: BindParameters): IterableIterator<Result>;
      pluck(toggle?: boolean): this;
      expand(toggle?: boolean): this;
      raw(toggle?: boolean): this;
      bind(...params: BindParameters): this;
      safeIntegers(toggle?: boolean): this;
    }

    interface Transaction<F extends (...args: never[]) => unknown> {
      (...args: Parameters<F>): ReturnType<F>;
      deferred(...args: Parameters<F>): ReturnType<F>;
      immediate(...args: Parameters<F>): ReturnType<F>;
      exclusive(...args: Parameters<F>): ReturnType<F>;
    }

    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
      timeout?: number;
      verbose?: (message?: unknown, ...additional: unknown[]) => void;
      nativeBinding?: string;
    }

    interface PragmaOptions {
      simple?: boolean;
    }

    interface Database {
      readonly memory: boolean;
      readonly readonly: boolean;
      readonly name: string;
      readonly open: boolean;
      readonly inTransaction: boolean;
      prepare<BindParameters extends unknown[] = unknown[], Result = unknown>(source: string): Statement<BindParameters, Result>;
      exec(source: string): this;
      pragma(source: string, options?: PragmaOptions): unknown;
      transaction<F extends (...args: never[]) => unknown>(fn: F): Transaction<F>;
      function(name: string, fn: (...args: unknown[]) => unknown): this;
      close(): this;
      backup(destination: string): Promise<unknown>;
      serialize(): Buffer;
    }

    interface DatabaseConstructor {
      new (filename?: string | Buffer, options?: Options): Database;
      (filename?: string | Buffer, options?: Options): Database;
      prototype: Database;
    }
  }

  const Database: BetterSqlite3.DatabaseConstructor;
  type Database = BetterSqlite3.Database;
  type Statement<BindParameters extends unknown[] = unknown[], Result = unknown> = BetterSqlite3.Statement<BindParameters, Result>;
  type RunResult = BetterSqlite3.RunResult;
  type Options = BetterSqlite3.Options;
  export = Database;
  export { Database, Statement, RunResult, Options };
}
