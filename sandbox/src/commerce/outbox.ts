import type { SqlDatabase } from "./sqlite";

export type NotificationType = "B2BProspectApproved" | "B2BProspectRejected";

/** An email Commerce sent (the simulator keeps them in an outbox instead of an SMTP server). */
export interface OutboxEmail {
  emailId: number;
  notificationType: NotificationType;
  /** Always Commerce: Sales never emails the partner in this flow. */
  sender: "Commerce";
  toAddress: string;
  subject: string;
  /** Plain text: partner-supplied values appear in it verbatim and are never interpreted as markup. */
  body: string;
  languageId: number;
  prospectId: string | null;
  createdAt: string;
}

interface OutboxRow {
  email_id: number;
  notification_type: NotificationType;
  sender: "Commerce";
  to_address: string;
  subject: string;
  body: string;
  language_id: number;
  prospect_id: string | null;
  created_at: string;
}

function toEmail(r: OutboxRow): OutboxEmail {
  return {
    emailId: r.email_id,
    notificationType: r.notification_type,
    sender: r.sender,
    toAddress: r.to_address,
    subject: r.subject,
    body: r.body,
    languageId: r.language_id,
    prospectId: r.prospect_id,
    createdAt: r.created_at,
  };
}

export function sendEmail(
  db: SqlDatabase,
  email: Omit<OutboxEmail, "emailId" | "sender" | "createdAt">,
  now: Date,
): OutboxEmail {
  const id = db
    .prepare(
      "INSERT INTO commerce_email_outbox (notification_type, sender, to_address, subject, body, language_id, prospect_id, created_at) VALUES (?, 'Commerce', ?, ?, ?, ?, ?, ?)",
    )
    .run(email.notificationType, email.toAddress, email.subject, email.body, email.languageId, email.prospectId, now.toISOString()).lastInsertRowid;
  return toEmail(db.prepare("SELECT * FROM commerce_email_outbox WHERE email_id = ?").get(Number(id)) as OutboxRow);
}

export function listOutbox(db: SqlDatabase, prospectId?: string): OutboxEmail[] {
  const rows = prospectId
    ? db.prepare("SELECT * FROM commerce_email_outbox WHERE prospect_id = ? ORDER BY email_id").all(prospectId)
    : db.prepare("SELECT * FROM commerce_email_outbox ORDER BY email_id").all();
  return (rows as OutboxRow[]).map(toEmail);
}
