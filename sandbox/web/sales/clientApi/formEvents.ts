import type { SaveArgsState } from "./eventContext";

/** How long the platform waits for a Promise an OnLoad / OnSave handler returns, unless it disabled the timeout. */
export const ASYNC_HANDLER_TIMEOUT_MS = 10_000;

export class HandlerTimeoutError extends Error {}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/**
 * Waits for what a handler returned: nothing for a plain value, the Promise otherwise — at most
 * ASYNC_HANDLER_TIMEOUT_MS unless `timeoutDisabled()` (read right after the call, since
 * disableAsyncTimeout only counts before the handler's first await). Rejects with the handler's
 * error, or a HandlerTimeoutError.
 */
export function awaitHandler(result: unknown, timeoutDisabled: () => boolean, name: string): Promise<void> {
  if (!isThenable(result)) return Promise.resolve();
  const settled = Promise.resolve(result).then(() => undefined);
  if (timeoutDisabled()) return settled;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HandlerTimeoutError(`${name} did not finish within ${ASYNC_HANDLER_TIMEOUT_MS / 1000} seconds.`)), ASYNC_HANDLER_TIMEOUT_MS);
  });
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}

export interface SaveHandler {
  name: string;
  run(): unknown;
}

/**
 * Runs the OnSave handlers in order, as the platform does with async OnSave: a handler may call
 * preventDefault; a rejected Promise cancels the save only after preventDefaultOnError (silently,
 * the handler explained itself), otherwise it is a script error and the save goes on; a Promise
 * still pending after the timeout blocks the save. Returns whether the save may go ahead.
 */
export async function runSaveHandlers(handlers: SaveHandler[], state: SaveArgsState, report: (error: unknown, name: string) => void): Promise<boolean> {
  for (const handler of handlers) {
    try {
      const result = handler.run();
      await awaitHandler(result, () => state.asyncTimeoutDisabled, handler.name);
    } catch (error) {
      if (error instanceof HandlerTimeoutError) {
        report(error, handler.name);
        return false;
      }
      if (state.preventOnError) return false;
      report(error, handler.name);
    }
    if (state.prevented) return false;
  }
  return !state.prevented;
}
