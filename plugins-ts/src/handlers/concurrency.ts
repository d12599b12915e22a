import { DataverseError, isConcurrentChange } from "../dataverse/errors";
import type { Handler } from "./types";

/** How often a hand-off is decided again after another delivery changed its rows first. */
export const MaxConcurrencyAttempts = 5;

/**
 * Runs an asynchronous hand-off again when one of its conditional writes found the row changed since
 * it was read (412): the next run reads the rows as they are now — usually to find the change made by
 * a parallel delivery of the same transition, and nothing left to write. Rows that keep changing past
 * the attempts make the delivery fail as transient (503), which Dataverse retries.
 */
export function retryingConcurrentChanges(handler: Handler): Handler {
  return async (input) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await handler(input);
      } catch (error) {
        if (!isConcurrentChange(error)) throw error;
        if (attempt >= MaxConcurrencyAttempts) {
          throw new DataverseError(`${error.message} (the rows kept changing over ${attempt} attempts)`, error.status, error.code, true);
        }
      }
    }
  };
}
