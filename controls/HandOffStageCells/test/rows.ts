import { ProspectStatus } from "../../../core/src/columns";
import { RECID, type RowData } from "../src/gridCustomizer";

/**
 * Grid rows of *All Commerce B2B leads* at each hand-off stage: the record id under `__rec_id` and the
 * view's columns by their layoutxml names (lead columns, then the provenance links `opp.`, `acct.`,
 * `cont.`), as the grid hands them to a renderer. Times are relative to `now`.
 */
export const now = new Date("2025-03-10T12:00:00Z");
export const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();

export type Row = RowData & Record<string, unknown>;

export function openLead(overrides: Record<string, unknown> = {}): Row {
  return {
    [RECID]: "8d1f0b7e-3c4a-4f5e-9a6b-7c8d9e0f1a2b",
    msdyn_b2bcommerceprospect: true,
    msdyn_prospectid: "PR-000042",
    msdyn_b2bprospectstatus: ProspectStatus.Pending,
    statecode: 0,
    createdon: hoursAgo(2),
    modifiedon: hoursAgo(2),
    ...overrides,
  };
}

/** Qualified `hours` ago into an open opportunity; Commerce numbers written back unless overridden. */
export function qualifiedLead(hours: number, overrides: Record<string, unknown> = {}): Row {
  const at = hoursAgo(hours);
  return openLead({
    statecode: 1,
    modifiedon: at,
    "opp.opportunityid": "22222222-2222-4222-8222-222222222222",
    "opp.statecode": 0,
    "opp.createdon": at,
    "opp.modifiedon": at,
    "acct.accountid": "33333333-3333-4333-8333-333333333333",
    "acct.accountnumber": "CUS-000001",
    "acct.customertypecode": 3,
    "acct.createdon": at,
    "acct.modifiedon": at,
    "cont.contactid": "44444444-4444-4444-8444-444444444444",
    "cont.msdyn_contactpersonid": "CP-000001",
    "cont.msdyn_sellable": true,
    "cont.createdon": at,
    "cont.modifiedon": at,
    ...overrides,
  });
}

/** Customers not yet written to Commerce (no account number, no contact person id). */
export const customersSyncing = (hours: number) => qualifiedLead(hours, { "acct.accountnumber": null, "cont.msdyn_contactpersonid": null });
/** Closed `closedHoursAgo` ago (a status that has not followed within 30 minutes is overdue). */
export const won = (status: number, closedHoursAgo = 0.1) => qualifiedLead(5, { msdyn_b2bprospectstatus: status, "opp.statecode": 1, "opp.actualclosedate": hoursAgo(closedHoursAgo) });
export const lost = (status: number, closedHoursAgo = 0.1) => qualifiedLead(5, { msdyn_b2bprospectstatus: status, "opp.statecode": 2, "opp.actualclosedate": hoursAgo(closedHoursAgo) });
export const disqualified = (status: number, hours = 0.1) => openLead({ statecode: 2, msdyn_b2bprospectstatus: status, modifiedon: hoursAgo(hours) });
