import type { Channel } from "./channels";
import { nextNumber, NumberSequences } from "./numberSequences";
import type { SignupRequest } from "./signupRequests";
import type { SqlDatabase } from "./sqlite";

export type ProspectStatusName = "Pending" | "Approved" | "Rejected";

/** A row on Commerce headquarters' *All prospects* page. */
export interface Prospect {
  prospectId: string;
  prospectType: "B2BProspect";
  status: ProspectStatusName;
  requestId: string | null;
  companyName: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  website: string | null;
  street: string | null;
  city: string | null;
  stateOrProvince: string | null;
  postalCode: string | null;
  countryRegion: string | null;
  numberOfEmployees: number | null;
  comments: string | null;
  channelId: string;
  currencyCode: string;
  customerGroupId: string;
  channelPartyNumber: string;
  createdAt: string;
  modifiedAt: string;
  /** Increases on every change; dual-write compares it to what it last sent. */
  rowVersion: number;
}

/** The prospect columns dual-write may change from Sales (the `=` and `><` fields of the map). */
export type ProspectChanges = Partial<
  Pick<
    Prospect,
    | "companyName"
    | "firstName"
    | "lastName"
    | "email"
    | "phone"
    | "website"
    | "street"
    | "city"
    | "stateOrProvince"
    | "postalCode"
    | "countryRegion"
    | "numberOfEmployees"
  >
>;

const columnOf: Record<keyof ProspectChanges, string> = {
  companyName: "company_name",
  firstName: "first_name",
  lastName: "last_name",
  email: "email",
  phone: "phone",
  website: "website",
  street: "street",
  city: "city",
  stateOrProvince: "state",
  postalCode: "postal_code",
  countryRegion: "country_region",
  numberOfEmployees: "number_of_employees",
};

interface ProspectRow {
  prospect_id: string;
  prospect_type: "B2BProspect";
  status: ProspectStatusName;
  request_id: string | null;
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
  channel_id: string;
  currency_code: string;
  customer_group_id: string;
  channel_party_number: string;
  created_at: string;
  modified_at: string;
  row_version: number;
}

function toProspect(r: ProspectRow): Prospect {
  return {
    prospectId: r.prospect_id,
    prospectType: r.prospect_type,
    status: r.status,
    requestId: r.request_id,
    companyName: r.company_name,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    phone: r.phone,
    website: r.website,
    street: r.street,
    city: r.city,
    stateOrProvince: r.state,
    postalCode: r.postal_code,
    countryRegion: r.country_region,
    numberOfEmployees: r.number_of_employees,
    comments: r.comments,
    channelId: r.channel_id,
    currencyCode: r.currency_code,
    customerGroupId: r.customer_group_id,
    channelPartyNumber: r.channel_party_number,
    createdAt: r.created_at,
    modifiedAt: r.modified_at,
    rowVersion: r.row_version,
  };
}

/** Creates the *B2B prospect* (status Pending) for a request that reached headquarters. */
export function insertProspectFromRequest(db: SqlDatabase, request: SignupRequest, channel: Channel, now: Date): Prospect {
  const prospectId = nextNumber(db, NumberSequences.prospect);
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO commerce_prospects (prospect_id, prospect_type, status, request_id, company_name, first_name, last_name, email, phone,
       website, street, city, state, postal_code, country_region, number_of_employees, comments, channel_id, currency_code,
       customer_group_id, channel_party_number, created_at, modified_at, row_version)
     VALUES (?, 'B2BProspect', 'Pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  ).run(
    prospectId,
    request.requestId,
    request.companyName,
    request.firstName,
    request.lastName,
    request.email,
    request.phone ?? null,
    request.website ?? null,
    request.street ?? null,
    request.city ?? null,
    request.stateOrProvince ?? null,
    request.postalCode ?? null,
    request.countryRegion ?? null,
    request.numberOfEmployees ?? null,
    request.comments ?? null,
    channel.channelId,
    channel.currencyCode,
    channel.customerGroupId,
    channel.operatingUnitPartyNumber,
    at,
    at,
  );
  return getProspect(db, prospectId) as Prospect;
}

export function getProspect(db: SqlDatabase, prospectId: string): Prospect | undefined {
  const row = db.prepare("SELECT * FROM commerce_prospects WHERE prospect_id = ?").get(prospectId) as ProspectRow | undefined;
  return row ? toProspect(row) : undefined;
}

export function listProspects(db: SqlDatabase, status?: ProspectStatusName): Prospect[] {
  const rows = status
    ? db.prepare("SELECT * FROM commerce_prospects WHERE status = ? ORDER BY prospect_id").all(status)
    : db.prepare("SELECT * FROM commerce_prospects ORDER BY prospect_id").all();
  return (rows as ProspectRow[]).map(toProspect);
}

/** Applies column changes; returns the new row version, or the old one when nothing changed. */
export function updateProspect(db: SqlDatabase, prospectId: string, changes: ProspectChanges, now: Date): number {
  const current = getProspect(db, prospectId);
  if (!current) throw new Error(`Prospect ${prospectId} does not exist.`);
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(changes) as [keyof ProspectChanges, unknown][]) {
    if (value === undefined || current[key] === value) continue;
    sets.push(`${columnOf[key]} = ?`);
    values.push(value);
  }
  if (sets.length === 0) return current.rowVersion;
  db.prepare(`UPDATE commerce_prospects SET ${sets.join(", ")}, modified_at = ?, row_version = row_version + 1 WHERE prospect_id = ?`).run(
    ...values,
    now.toISOString(),
    prospectId,
  );
  return current.rowVersion + 1;
}

export function setProspectStatus(db: SqlDatabase, prospectId: string, status: ProspectStatusName, now: Date): void {
  db.prepare("UPDATE commerce_prospects SET status = ?, modified_at = ?, row_version = row_version + 1 WHERE prospect_id = ?").run(
    status,
    now.toISOString(),
    prospectId,
  );
}
