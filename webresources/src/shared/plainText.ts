/**
 * Values that came from the public Commerce sign-up form (prospect id, company and contact names)
 * are attacker-controlled. The platform renders form notifications and dialog texts as text, never
 * as HTML, and we only ever hand it strings; this keeps such a value on one line and short so it
 * cannot push the rest of the message out of view or forge extra lines.
 */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

export function plainText(value: unknown, maxLength = 100): string {
  if (value === null || value === undefined) return "";
  const oneLine = Array.from(String(value), (ch) => (isControl(ch.charCodeAt(0)) ? " " : ch)).join("");
  const text = oneLine.replace(/\s+/g, " ").trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
