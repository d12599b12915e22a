/** Web API error responses → the `{ errorCode, message }` object Xrm.WebApi rejects with. */

export interface WebApiError {
  /** The Dataverse error code as a number (0x80040220 → 2147746336), as Xrm.WebApi gives it. */
  errorCode: number;
  message: string;
  /** The hex code as the Web API wrote it. */
  code?: string;
  /** The HTTP status of the failed request. */
  status: number;
}

export function isWebApiError(value: unknown): value is WebApiError {
  return typeof value === "object" && value !== null && "errorCode" in value && "message" in value;
}

/** Reads an OData error body; a body that is not one still gives a useful message. */
export async function webApiError(response: Response): Promise<WebApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
    const code = body.error?.code;
    const parsed = code && /^0x[0-9a-f]+$/i.test(code) ? parseInt(code, 16) : NaN;
    return {
      errorCode: Number.isNaN(parsed) ? response.status : parsed,
      message: body.error?.message ?? (text || response.statusText),
      code,
      status: response.status,
    };
  } catch {
    return { errorCode: response.status, message: text || response.statusText || `HTTP ${response.status}`, status: response.status };
  }
}
