/**
 * When to try a Dataverse call again. Dataverse's service protection limits answer 429 with a
 * Retry-After header; 5xx and network errors are retried with exponential backoff. Nothing waits past
 * the delivery's deadline: Dataverse stops waiting for the webhook after 60 seconds.
 */
export interface RetryPolicy {
  maxAttempts: number;
  /** Delay before the first retry; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DefaultRetryPolicy: RetryPolicy = { maxAttempts: 6, baseDelayMs: 400, maxDelayMs: 15_000 };

/** Retry-After as milliseconds: delta-seconds or an HTTP date. Null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1). The server's Retry-After wins; otherwise
 * exponential backoff with ±20 % jitter so that parallel deliveries do not retry in lockstep.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfterMs: number | null, random: () => number): number {
  if (retryAfterMs !== null) return retryAfterMs;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}
