/**
 * One JSON line per delivery. Entries carry ids, names, outcomes and timings only: never the webhook
 * key, the access token or the posted body (it holds what partners typed into the public sign-up form).
 */
export type Logger = (entry: Record<string, unknown>) => void;

/** Writes still queued when the process exits: one exit listener for all batched loggers. */
const atExit = new Set<() => void>();
function flushOnExit(flush: () => void): void {
  if (atExit.size === 0) process.once("exit", () => atExit.forEach((f) => f()));
  atExit.add(flush);
}

/** How long a line may wait for others to share its write. */
export const FlushAfterMs = 20;

/**
 * The current time as ISO 8601, formatted once per millisecond: a busy host logs several deliveries in
 * the same millisecond, and formatting a Date costs about as much as the rest of the line.
 */
let formattedAt = -1;
let formatted = "";
function isoNow(): string {
  const now = Date.now();
  if (now !== formattedAt) {
    formattedAt = now;
    formatted = new Date(now).toISOString();
  }
  return formatted;
}

/**
 * The same lines, written in batches: the lines of the next `FlushAfterMs` go out in one write, instead
 * of one write (a system call) per delivery, which under load cost the host about as much CPU as the rest
 * of a delivery (issue 14: `npm run bench`); at 10,000 deliveries a second that is one write per 200
 * lines. Lines still queued when the process exits are written before it does (the Node host ends SIGINT
 * and SIGTERM with `process.exit`); a process killed without running its exit handlers loses at most the
 * last `FlushAfterMs` of lines.
 */
export function batchedJsonLineLogger(write: (text: string) => void = (text) => void process.stdout.write(text)): Logger {
  let queued: string[] = [];
  const flush = (): void => {
    if (queued.length === 0) return;
    const text = queued.join("");
    queued = [];
    write(text);
  };
  flushOnExit(flush);
  return (entry) => {
    // unref: a pending batch never keeps an otherwise finished process alive (the exit flush writes it).
    if (queued.length === 0) setTimeout(flush, FlushAfterMs).unref();
    // The time first, then the entry's members (no copy of the entry to put it first).
    const members = JSON.stringify(entry);
    queued.push(`{"time":"${isoNow()}"${members.length > 2 ? `,${members.slice(1)}` : "}"}\n`);
  };
}

export const silentLogger: Logger = () => undefined;
