import type { SqlDatabase } from "./sqlite";

/**
 * Commerce headquarters tables (prefix `commerce_`). Sign-up requests first live in the channel
 * database (`stage = 'Channel'`); P-0001 uploads them to headquarters (`'Headquarters'`); the
 * *Synchronize customers and channel requests* job turns them into prospects (`'Processed'`).
 */
const ddl = `
CREATE TABLE IF NOT EXISTS commerce_channels (
  channel_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  operating_unit_party_number TEXT NOT NULL,
  currency_code TEXT NOT NULL,
  customer_group_id TEXT NOT NULL,
  language_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS commerce_number_sequences (
  code TEXT PRIMARY KEY,
  prefix TEXT NOT NULL,
  digits INTEGER NOT NULL,
  next_value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS commerce_signup_requests (
  request_id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL REFERENCES commerce_channels(channel_id),
  stage TEXT NOT NULL CHECK (stage IN ('Channel', 'Headquarters', 'Processed')),
  company_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT,
  website TEXT,
  street TEXT,
  city TEXT,
  state TEXT,
  postal_code TEXT,
  country_region TEXT,
  number_of_employees INTEGER,
  comments TEXT,
  submitted_at TEXT NOT NULL,
  uploaded_at TEXT,
  processed_at TEXT,
  prospect_id TEXT
);
CREATE TABLE IF NOT EXISTS commerce_prospects (
  prospect_id TEXT PRIMARY KEY,
  prospect_type TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('Pending', 'Approved', 'Rejected')),
  request_id TEXT UNIQUE REFERENCES commerce_signup_requests(request_id),
  company_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT,
  website TEXT,
  street TEXT,
  city TEXT,
  state TEXT,
  postal_code TEXT,
  country_region TEXT,
  number_of_employees INTEGER,
  comments TEXT,
  channel_id TEXT NOT NULL REFERENCES commerce_channels(channel_id),
  currency_code TEXT NOT NULL,
  customer_group_id TEXT NOT NULL,
  channel_party_number TEXT NOT NULL,
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  row_version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS commerce_customers (
  account_number TEXT PRIMARY KEY,
  party_type TEXT NOT NULL CHECK (party_type IN ('Organization', 'Person')),
  organization_name TEXT,
  first_name TEXT,
  last_name TEXT,
  email TEXT,
  phone TEXT,
  website TEXT,
  street TEXT,
  city TEXT,
  state TEXT,
  postal_code TEXT,
  country_region TEXT,
  number_of_employees INTEGER,
  currency_code TEXT,
  customer_group_id TEXT,
  prospect_id TEXT REFERENCES commerce_prospects(prospect_id),
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS commerce_customer_hierarchies (
  hierarchy_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  purpose TEXT NOT NULL,
  organization_account TEXT NOT NULL REFERENCES commerce_customers(account_number),
  prospect_id TEXT UNIQUE REFERENCES commerce_prospects(prospect_id),
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS commerce_hierarchy_members (
  hierarchy_id TEXT NOT NULL REFERENCES commerce_customer_hierarchies(hierarchy_id),
  customer_account TEXT NOT NULL REFERENCES commerce_customers(account_number),
  role TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (hierarchy_id, customer_account)
);
CREATE TABLE IF NOT EXISTS commerce_email_outbox (
  email_id INTEGER PRIMARY KEY AUTOINCREMENT,
  notification_type TEXT NOT NULL,
  sender TEXT NOT NULL,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  language_id INTEGER NOT NULL,
  prospect_id TEXT REFERENCES commerce_prospects(prospect_id),
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS commerce_job_runs (
  run_id INTEGER PRIMARY KEY AUTOINCREMENT,
  job TEXT NOT NULL,
  started_at TEXT NOT NULL,
  processed INTEGER NOT NULL
);
`;

export function ensureCommerceSchema(db: SqlDatabase): void {
  db.exec(ddl);
}
