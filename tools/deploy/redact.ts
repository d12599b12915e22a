/**
 * Masks secrets in anything the deploy prints: the webhook key, the client secret and the bearer token
 * are registered once and replaced wherever they appear, including inside URLs and error bodies.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(...values: readonly (string | undefined)[]): void {
    // Very short values would mask ordinary text; real keys and tokens are long.
    for (const v of values) if (v && v.length >= 4) this.secrets.add(v);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is masked whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) {
      for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join("***");
    }
    return out;
  }
}

export type Log = (line: string) => void;

export function redactingLog(redactor: Redactor, write: (text: string) => void): Log {
  return (line) => write(`${redactor.redact(line)}\n`);
}
