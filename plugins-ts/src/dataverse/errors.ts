/** A Dataverse Web API call that did not succeed. */
export class DataverseError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when no answer came (network error, deadline). */
    readonly status: number,
    /** The Web API error code (e.g. "0x80040217"), when the body had one. */
    readonly code: string | null,
    /** True when another attempt could succeed: 429, 5xx, no answer. */
    readonly transient: boolean,
  ) {
    super(message);
    this.name = "DataverseError";
  }
}

export function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** The `{ "error": { "code", "message" } }` body the Web API answers with, read defensively. */
export function readWebApiError(body: string | undefined): { code: string | null; message: string | null } {
  if (!body) return { code: null, message: null };
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    const error = parsed.error;
    return {
      code: typeof error?.code === "string" ? error.code : null,
      message: typeof error?.message === "string" ? error.message : null,
    };
  } catch {
    return { code: null, message: null };
  }
}

/**
 * 412 Precondition Failed: the row changed since it was read (`If-Match: <etag>`), or exists already
 * (`If-None-Match: *`). Another delivery got there first; read again and decide again.
 */
export function isConcurrentChange(error: unknown): error is DataverseError {
  return error instanceof DataverseError && error.status === 412;
}
