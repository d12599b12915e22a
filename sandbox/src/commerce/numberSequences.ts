import type { SqlDatabase } from "./sqlite";

/** The number sequences Commerce headquarters uses for the records the simulator creates. */
export const NumberSequences = {
  signupRequest: { code: "B2BSignupRequest", prefix: "REQ-", digits: 6 },
  prospect: { code: "Prospect", prefix: "PRO-", digits: 6 },
  /** One sequence for organization and person customers, as CUSTOMERACCOUNT is one key in CustTable. */
  customer: { code: "CustomerAccount", prefix: "CUS-", digits: 6 },
  customerHierarchy: { code: "CustomerHierarchy", prefix: "CH-", digits: 6 },
} as const;

export type NumberSequence = (typeof NumberSequences)[keyof typeof NumberSequences];

/** Takes the next number of a sequence (call inside the caller's transaction). */
export function nextNumber(db: SqlDatabase, sequence: NumberSequence): string {
  db.prepare("INSERT OR IGNORE INTO commerce_number_sequences (code, prefix, digits, next_value) VALUES (?, ?, ?, 1)").run(
    sequence.code,
    sequence.prefix,
    sequence.digits,
  );
  const row = db.prepare("SELECT prefix, digits, next_value FROM commerce_number_sequences WHERE code = ?").get(sequence.code) as {
    prefix: string;
    digits: number;
    next_value: number;
  };
  db.prepare("UPDATE commerce_number_sequences SET next_value = next_value + 1 WHERE code = ?").run(sequence.code);
  return `${row.prefix}${String(row.next_value).padStart(row.digits, "0")}`;
}
