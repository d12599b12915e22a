import type { Customer } from "./customers";
import { nextNumber, NumberSequences } from "./numberSequences";
import type { SqlDatabase } from "./sqlite";

export type HierarchyPurpose = "B2BOrganization";
export type HierarchyRole = "Admin";

export interface HierarchyMember {
  customerAccount: string;
  role: HierarchyRole;
  addedAt: string;
}

/** A customer hierarchy: how Commerce represents a B2B business partner and its users. */
export interface CustomerHierarchy {
  hierarchyId: string;
  name: string;
  purpose: HierarchyPurpose;
  organizationAccount: string;
  prospectId: string | null;
  createdAt: string;
  members: HierarchyMember[];
}

interface HierarchyRow {
  hierarchy_id: string;
  name: string;
  purpose: HierarchyPurpose;
  organization_account: string;
  prospect_id: string | null;
  created_at: string;
}

function load(db: SqlDatabase, row: HierarchyRow): CustomerHierarchy {
  const members = (
    db.prepare("SELECT customer_account, role, added_at FROM commerce_hierarchy_members WHERE hierarchy_id = ? ORDER BY customer_account").all(
      row.hierarchy_id,
    ) as { customer_account: string; role: HierarchyRole; added_at: string }[]
  ).map((m) => ({ customerAccount: m.customer_account, role: m.role, addedAt: m.added_at }));
  return {
    hierarchyId: row.hierarchy_id,
    name: row.name,
    purpose: row.purpose,
    organizationAccount: row.organization_account,
    prospectId: row.prospect_id,
    createdAt: row.created_at,
    members,
  };
}

/** Creates the *B2B organization* hierarchy for an approved prospect with the requester as Admin. */
export function insertB2BHierarchy(db: SqlDatabase, prospectId: string, organization: Customer, admin: Customer, now: Date): CustomerHierarchy {
  const hierarchyId = nextNumber(db, NumberSequences.customerHierarchy);
  const at = now.toISOString();
  db.prepare(
    "INSERT INTO commerce_customer_hierarchies (hierarchy_id, name, purpose, organization_account, prospect_id, created_at) VALUES (?, ?, 'B2BOrganization', ?, ?, ?)",
  ).run(hierarchyId, organization.organizationName ?? organization.accountNumber, organization.accountNumber, prospectId, at);
  db.prepare("INSERT INTO commerce_hierarchy_members (hierarchy_id, customer_account, role, added_at) VALUES (?, ?, 'Admin', ?)").run(
    hierarchyId,
    admin.accountNumber,
    at,
  );
  return hierarchyOfProspect(db, prospectId) as CustomerHierarchy;
}

export function hierarchyOfProspect(db: SqlDatabase, prospectId: string): CustomerHierarchy | undefined {
  const row = db.prepare("SELECT * FROM commerce_customer_hierarchies WHERE prospect_id = ?").get(prospectId) as HierarchyRow | undefined;
  return row ? load(db, row) : undefined;
}

export function listHierarchies(db: SqlDatabase): CustomerHierarchy[] {
  return (db.prepare("SELECT * FROM commerce_customer_hierarchies ORDER BY hierarchy_id").all() as HierarchyRow[]).map((r) => load(db, r));
}
