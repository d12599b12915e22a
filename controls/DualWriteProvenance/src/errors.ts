/** Why loading the timeline failed, in the terms the user can act on. */
export type LoadError =
  | { kind: "offline" }
  | { kind: "forbidden" }
  | { kind: "notFound" }
  | { kind: "unknown"; message: string };

// Dataverse error codes (signed 32-bit, as Web API errors carry them).
const PRIVILEGE_DENIED = [
  -2147220960, // 0x80040220 SecLib::AccessCheckEx: the user lacks a read privilege
  -2147209463, // 0x80042F09 PrincipalPrivilegeDenied
];
const OBJECT_DOES_NOT_EXIST = -2147220969; // 0x80040217

interface ErrorLike {
  errorCode?: unknown;
  code?: unknown;
  status?: unknown;
  message?: unknown;
}

/** Maps whatever `webAPI` rejected with (ErrorResponse, Error, string) to what the control tells the user. */
export function classifyLoadError(error: unknown, online: boolean): LoadError {
  const e: ErrorLike = typeof error === "object" && error !== null ? (error as ErrorLike) : {};
  const message = typeof e.message === "string" ? e.message : typeof error === "string" ? error : "";
  const codes = [e.errorCode, e.code, e.status].filter((c): c is number => typeof c === "number");
  if (!online || /\b(offline|network ?error|failed to fetch|load failed|ERR_INTERNET_DISCONNECTED)\b/i.test(message)) return { kind: "offline" };
  if (codes.some((c) => c === 403 || PRIVILEGE_DENIED.includes(c)) || /privilege|access is denied|forbidden/i.test(message)) return { kind: "forbidden" };
  if (codes.some((c) => c === 404 || c === OBJECT_DOES_NOT_EXIST) || /does not exist|not found/i.test(message)) return { kind: "notFound" };
  return { kind: "unknown", message: message || String(error) };
}
