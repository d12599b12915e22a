import { nextNumber, NumberSequences } from "./numberSequences";
import type { SignupInput } from "./signup";
import type { SqlDatabase } from "./sqlite";

export type RequestStage = "Channel" | "Headquarters" | "Processed";

/** A business partner sign-up request as the channel stored it. */
export interface SignupRequest extends SignupInput {
  requestId: string;
  stage: RequestStage;
  submittedAt: string;
  uploadedAt: string | null;
  processedAt: string | null;
  prospectId: string | null;
}

interface RequestRow {
  request_id: string;
  channel_id: string;
  stage: RequestStage;
  company_name: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  website: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country_region: string | null;
  number_of_employees: number | null;
  comments: string | null;
  submitted_at: string;
  uploaded_at: string | null;
  processed_at: string | null;
  prospect_id: string | null;
}

function optional<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

function toRequest(row: RequestRow): SignupRequest {
  return {
    requestId: row.request_id,
    channel: row.channel_id,
    stage: row.stage,
    companyName: row.company_name,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: optional(row.phone),
    website: optional(row.website),
    street: optional(row.street),
    city: optional(row.city),
    stateOrProvince: optional(row.state),
    postalCode: optional(row.postal_code),
    countryRegion: optional(row.country_region),
    numberOfEmployees: optional(row.number_of_employees),
    comments: optional(row.comments),
    submittedAt: row.submitted_at,
    uploadedAt: row.uploaded_at,
    processedAt: row.processed_at,
    prospectId: row.prospect_id,
  };
}

/** Stores a validated sign-up in the channel database; headquarters sees it after P-0001. */
export function insertSignupRequest(db: SqlDatabase, input: SignupInput, now: Date): SignupRequest {
  const requestId = nextNumber(db, NumberSequences.signupRequest);
  db.prepare(
    `INSERT INTO commerce_signup_requests (request_id, channel_id, stage, company_name, first_name, last_name, email, phone, website,
       street, city, state, postal_code, country_region, number_of_employees, comments, submitted_at)
     VALUES (?, ?, 'Channel', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    requestId,
    input.channel,
    input.companyName,
    input.firstName,
    input.lastName,
    input.email,
    input.phone ?? null,
    input.website ?? null,
    input.street ?? null,
    input.city ?? null,
    input.stateOrProvince ?? null,
    input.postalCode ?? null,
    input.countryRegion ?? null,
    input.numberOfEmployees ?? null,
    input.comments ?? null,
    now.toISOString(),
  );
  return getSignupRequest(db, requestId) as SignupRequest;
}

export function getSignupRequest(db: SqlDatabase, requestId: string): SignupRequest | undefined {
  const row = db.prepare("SELECT * FROM commerce_signup_requests WHERE request_id = ?").get(requestId) as RequestRow | undefined;
  return row ? toRequest(row) : undefined;
}

export function listSignupRequests(db: SqlDatabase, stage?: RequestStage): SignupRequest[] {
  const rows = stage
    ? db.prepare("SELECT * FROM commerce_signup_requests WHERE stage = ? ORDER BY request_id").all(stage)
    : db.prepare("SELECT * FROM commerce_signup_requests ORDER BY request_id").all();
  return (rows as RequestRow[]).map(toRequest);
}

/** P-0001: uploads the channel's pending requests to headquarters. Returns how many moved. */
export function uploadChannelRequests(db: SqlDatabase, now: Date): number {
  return db
    .prepare("UPDATE commerce_signup_requests SET stage = 'Headquarters', uploaded_at = ? WHERE stage = 'Channel'")
    .run(now.toISOString()).changes;
}

export function markRequestProcessed(db: SqlDatabase, requestId: string, prospectId: string, now: Date): void {
  db.prepare("UPDATE commerce_signup_requests SET stage = 'Processed', processed_at = ?, prospect_id = ? WHERE request_id = ?").run(
    now.toISOString(),
    prospectId,
    requestId,
  );
}
