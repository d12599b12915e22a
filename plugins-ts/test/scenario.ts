/** A Commerce B2B lead and what qualifying it creates, seeded into a DataverseStore for handler and host tests. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ApproverRoleId, EnvironmentVariables, ProspectStatus } from "../../core/src";
import { DataverseStore } from "./dataverseStore";

export const Ids = {
  lead: "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6f01",
  account: "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6f02",
  contact: "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6f03",
  opportunity: "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6f04",
  otherLead: "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6f09",
  rep: "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01",
  finnishRep: "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c02",
  currency: "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e01",
  customerGroup: "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e02",
} as const;

/** Company name as typed into the public sign-up form: must never end up in a note. */
export const SignUpCompanyName = 'Fabrikam Oy <img src=x onerror="alert(1)">';

export function fixture(name: string): string {
  return readFileSync(join(__dirname, "fixtures", name), "utf8");
}

export function seedLead(store: DataverseStore, overrides: Record<string, unknown> = {}): void {
  store.put("systemusers", Ids.rep, { fullname: "Pat Rep" });
  store.put("usersettingscollection", Ids.rep, { uilanguageid: 1033 });
  store.put("systemusers", Ids.finnishRep, { fullname: "Aino Myyjä" });
  store.put("usersettingscollection", Ids.finnishRep, { uilanguageid: 1035 });
  store.put("leads", Ids.lead, {
    msdyn_b2bcommerceprospect: true,
    msdyn_b2bprospectstatus: ProspectStatus.Pending,
    msdyn_prospectid: "PRS-000123",
    statecode: 0,
    companyname: SignUpCompanyName,
    firstname: "Aino",
    lastname: "Virtanen",
    emailaddress1: "aino@fabrikam.fi",
    _transactioncurrencyid_value: Ids.currency,
    _msdyn_customergroupid_value: Ids.customerGroup,
    _qualifyingopportunityid_value: null,
    // Who changed the lead last: the rep (the operation a hand-off follows sets it, as the platform does).
    _modifiedby_value: Ids.rep,
    ...overrides,
  });
}

/** What Sales' QualifyLead leaves behind: account, contact and opportunity from the lead, lead qualified. */
export function seedQualified(store: DataverseStore, overrides: { account?: Record<string, unknown>; contact?: Record<string, unknown>; opportunity?: Record<string, unknown> } = {}): void {
  store.put("accounts", Ids.account, { name: "Fabrikam Oy", customertypecode: null, accountnumber: null, _originatingleadid_value: Ids.lead, ...overrides.account });
  store.put("contacts", Ids.contact, { fullname: "Aino Virtanen", msdyn_sellable: false, msdyn_contactpersonid: null, _originatingleadid_value: Ids.lead, ...overrides.contact });
  store.put("opportunities", Ids.opportunity, {
    statecode: 0,
    _originatingleadid_value: Ids.lead,
    _parentaccountid_value: Ids.account,
    _parentcontactid_value: Ids.contact,
    _modifiedby_value: Ids.rep,
    ...overrides.opportunity,
  });
  const lead = store.get("leads", Ids.lead);
  if (lead) lead.statecode = 1;
}

/** Dual-write wrote the customers to Commerce and Commerce's ids came back. */
export function seedInCommerce(store: DataverseStore): void {
  seedQualified(store, {
    account: { customertypecode: 3, accountnumber: "US-027", _transactioncurrencyid_value: Ids.currency, _msdyn_customergroupid_value: Ids.customerGroup },
    contact: { msdyn_sellable: true, msdyn_contactpersonid: "CP-000045", _transactioncurrencyid_value: Ids.currency },
  });
  const lead = store.get("leads", Ids.lead);
  if (lead) lead._qualifyingopportunityid_value = Ids.opportunity;
}

export function newStore(): DataverseStore {
  return new DataverseStore();
}

/** The approver policy's rows: the environment variable, the shipped role and its copy in a child business unit, a team. */
export const ApproverIds = {
  definition: "3e1f5a20-6b7c-4d8e-9f01-2a3b4c5d6e01",
  value: "3e1f5a20-6b7c-4d8e-9f01-2a3b4c5d6e02",
  /** The role Dataverse copied into the rep's business unit (its own id; parentrootroleid = the shipped role). */
  roleCopy: "3e1f5a20-6b7c-4d8e-9f01-2a3b4c5d6e03",
  otherRole: "3e1f5a20-6b7c-4d8e-9f01-2a3b4c5d6e04",
  team: "3e1f5a20-6b7c-4d8e-9f01-2a3b4c5d6e05",
  otherTeam: "3e1f5a20-6b7c-4d8e-9f01-2a3b4c5d6e06",
} as const;

/**
 * `cb2b_RequireApproverRole` as the solution ships it (default "no") with an optional current value, and
 * the roles an environment has: the shipped approver role (root, parentrootroleid = itself), its copy in
 * a child business unit, and an unrelated role.
 */
export function seedApproverPolicy(store: DataverseStore, setting: { defaultValue?: string; value?: string | null } = {}): void {
  store.put("environmentvariabledefinitions", ApproverIds.definition, {
    schemaname: EnvironmentVariables.requireApproverRole,
    defaultvalue: setting.defaultValue ?? "no",
  });
  if (setting.value !== undefined && setting.value !== null) {
    store.put("environmentvariablevalues", ApproverIds.value, {
      schemaname: EnvironmentVariables.requireApproverRole,
      value: setting.value,
      _environmentvariabledefinitionid_value: ApproverIds.definition,
    });
  }
  store.put("roles", ApproverRoleId, { name: "Commerce B2B approver", _parentrootroleid_value: ApproverRoleId });
  store.put("roles", ApproverIds.roleCopy, { name: "Commerce B2B approver", _parentrootroleid_value: ApproverRoleId });
  store.put("roles", ApproverIds.otherRole, { name: "Salesperson", _parentrootroleid_value: ApproverIds.otherRole });
}

let intersectRows = 0;
const intersectId = (): string => `3e1f5a20-6b7c-4d8e-9f01-${(++intersectRows).toString(16).padStart(12, "0")}`;

/** Assigns a role to a user (systemuserroles_association). */
export function assignRole(store: DataverseStore, userId: string, roleId: string): void {
  store.put("systemuserrolescollection", intersectId(), { systemuserid: userId, roleid: roleId });
}

/** A team with a role (teamroles_association) and members (teammembership_association). */
export function teamWithRole(store: DataverseStore, teamId: string, roleId: string, members: string[]): void {
  store.put("teams", teamId, { name: `Team ${teamId.slice(-2)}`, teamtype: 0 });
  store.put("teamrolescollection", intersectId(), { teamid: teamId, roleid: roleId });
  for (const member of members) store.put("teammemberships", intersectId(), { teamid: teamId, systemuserid: member });
}
