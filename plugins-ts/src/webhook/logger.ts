/**
 * One JSON line per delivery. Entries carry ids, names, outcomes and timings only: never the webhook
 * key, the access token or the posted body (it holds what partners typed into the public sign-up form).
 */
export type Logger = (entry: Record<string, unknown>) => void;

export const jsonLineLogger: Logger = (entry) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
};

export const silentLogger: Logger = () => undefined;
