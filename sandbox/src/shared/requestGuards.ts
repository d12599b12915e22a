/**
 * What every HTTP server the sandbox opens does before it trusts a request: the request target parsed
 * as a path (never as a URL the client chose), the body size-checked before and while it is read, and
 * JSON nesting checked before it is parsed. Each server answers a refusal in its own shape.
 */
import type { IncomingMessage } from "node:http";

/** A body over the limit. The server answers 413 with `Connection: close`: the client reads it, never a reset. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * The request target as a URL on `origin`, or null when it cannot be one. An origin-form target
 * (`/path?query`, RFC 9112 section 3.2.1) is a path: `//:99999` is the path `//:99999`, not a
 * scheme-relative URL with port 99999 (`new URL("//:99999", base)` throws). An absolute-form target
 * (`http://host/path`) keeps only its path and query. Anything else (`*`, `:99999`, …) is null.
 */
export function requestUrl(target: string | undefined, origin: string): URL | null {
  const raw = target ?? "/";
  try {
    if (raw.startsWith("/")) return new URL(`${origin}${raw}`);
    if (/^https?:\/\//i.test(raw)) {
      const absolute = new URL(raw);
      return new URL(`${origin}${absolute.pathname}${absolute.search}`);
    }
  } catch {
    // Not a URL at all: null below.
  }
  return null;
}

/** `decodeURIComponent`, or null for malformed percent-encoding (`%E0%A4%A`, a lone `%`). */
export function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Reads a request body of at most `maxBytes`. A declared `Content-Length` above the limit is refused
 * before a byte is read; a body that grows past it (chunked, or a lying length) is refused as soon as
 * it does, and nothing more of it is kept. Either way the rest is discarded, not buffered, until the
 * server closes the connection after its 413.
 */
export function readLimitedBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  // Past the limit the rest is read and dropped until the client has sent it all (up to as much again,
  // or a few seconds): answering while it still writes would reset its connection before it reads the 413.
  const drainBytes = maxBytes;
  const drainMs = 10_000;
  const declared = Number(request.headers["content-length"]);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let timer: NodeJS.Timeout | undefined;
    const refuse = (): void => {
      if (timer) clearTimeout(timer);
      request.off("data", onData);
      request.resume();
      reject(new BodyTooLargeError(maxBytes));
    };
    const startDraining = (): void => {
      tooLarge = true;
      chunks.length = 0;
      timer = setTimeout(refuse, drainMs);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (!tooLarge && size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      if (!tooLarge) startDraining();
      if (size > maxBytes + drainBytes) refuse();
    };
    if (Number.isFinite(declared) && declared > maxBytes) {
      if (declared > maxBytes + drainBytes) {
        refuse();
        return;
      }
      startDraining();
    }
    request.on("data", onData);
    request.once("end", () => (tooLarge ? refuse() : resolve(Buffer.concat(chunks))));
    request.once("error", (error) => {
      if (timer) clearTimeout(timer);
      reject(error);
    });
  });
}

/**
 * Whether JSON text nests objects and arrays deeper than `max`, found by one pass over the text without
 * recursion (so that the check itself cannot overflow the stack). Brackets inside strings do not count.
 */
export function jsonNestingExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}
