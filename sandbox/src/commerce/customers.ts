import { nextNumber, NumberSequences } from "./numberSequences";
import type { SqlDatabase } from "./sqlite";

export type PartyType = "Organization" | "Person";

/** A Commerce customer (CustTable): an organization, or a person (a sellable contact in Sales). */
export interface Customer {
  accountNumber: string;
  partyType: PartyType;
  organizationName: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  street: string | null;
  city: string | null;
  stateOrProvince: string | null;
  postalCode: string | null;
  countryRegion: string | null;
  numberOfEmployees: number | null;
  currencyCode: string | null;
  customerGroupId: string | null;
  /** The B2B prospect this customer came from, when known. */
  prospectId: string | null;
  createdAt: string;
  modifiedAt: string;
}

export type CustomerFields = Omit<Customer, "accountNumber" | "partyType" | "createdAt" | "modifiedAt">;

const columns: Record<keyof CustomerFields, string> = {
  organizationName: "organization_name",
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
  currencyCode: "currency_code",
  customerGroupId: "customer_group_id",
  prospectId: "prospect_id",
};

type CustomerRow = Record<string, unknown> & { account_number: string; party_type: PartyType; created_at: string; modified_at: string };

function toCustomer(row: CustomerRow): Customer {
  const fields = Object.fromEntries(Object.entries(columns).map(([key, column]) => [key, row[column] ?? null])) as unknown as CustomerFields;
  return { accountNumber: row.account_number, partyType: row.party_type, ...fields, createdAt: row.created_at, modifiedAt: row.modified_at };
}

/** Creates a customer with the given account number, or the next one of the customer sequence. */
export function insertCustomer(
  db: SqlDatabase,
  partyType: PartyType,
  fields: Partial<CustomerFields>,
  now: Date,
  accountNumber: string = nextNumber(db, NumberSequences.customer),
): Customer {
  const keys = (Object.keys(columns) as (keyof CustomerFields)[]).filter((k) => fields[k] !== undefined);
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO commerce_customers (account_number, party_type, created_at, modified_at${keys.map((k) => `, ${columns[k]}`).join("")})
     VALUES (?, ?, ?, ?${keys.map(() => ", ?").join("")})`,
  ).run(accountNumber, partyType, at, at, ...keys.map((k) => fields[k]));
  return getCustomer(db, accountNumber) as Customer;
}

/** Updates the given fields; returns whether anything changed. */
export function updateCustomer(db: SqlDatabase, accountNumber: string, fields: Partial<CustomerFields>, now: Date): boolean {
  const current = getCustomer(db, accountNumber);
  if (!current) throw new Error(`Customer ${accountNumber} does not exist.`);
  const keys = (Object.keys(columns) as (keyof CustomerFields)[]).filter((k) => fields[k] !== undefined && fields[k] !== current[k]);
  if (keys.length === 0) return false;
  db.prepare(`UPDATE commerce_customers SET ${keys.map((k) => `${columns[k]} = ?`).join(", ")}, modified_at = ? WHERE account_number = ?`).run(
    ...keys.map((k) => fields[k]),
    now.toISOString(),
    accountNumber,
  );
  return true;
}

export function getCustomer(db: SqlDatabase, accountNumber: string): Customer | undefined {
  const row = db.prepare("SELECT * FROM commerce_customers WHERE account_number = ?").get(accountNumber) as CustomerRow | undefined;
  return row ? toCustomer(row) : undefined;
}

export function listCustomers(db: SqlDatabase, partyType?: PartyType): Customer[] {
  const rows = partyType
    ? db.prepare("SELECT * FROM commerce_customers WHERE party_type = ? ORDER BY account_number").all(partyType)
    : db.prepare("SELECT * FROM commerce_customers ORDER BY account_number").all();
  return (rows as CustomerRow[]).map(toCustomer);
}

/** The organization and person customers that came from a prospect (oldest first). */
export function customersOfProspect(db: SqlDatabase, prospectId: string): { organization?: Customer; person?: Customer } {
  const rows = (db.prepare("SELECT * FROM commerce_customers WHERE prospect_id = ? ORDER BY account_number").all(prospectId) as CustomerRow[]).map(
    toCustomer,
  );
  return { organization: rows.find((c) => c.partyType === "Organization"), person: rows.find((c) => c.partyType === "Person") };
}
