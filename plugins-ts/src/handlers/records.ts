import {
  AccountColumns,
  ContactColumns,
  isProspectStatus,
  LeadColumns,
  OpportunityColumns,
  ProspectStatus,
  type ProspectStatusValue,
} from "../../../core/src";
import { etagOf, lookupProperty, type DataverseClient, type WebApiRecord } from "../dataverse/client";
import { normalizeGuid } from "../executionContext";
import { EntitySets } from "./entitySets";

/** The rows the hand-off reads, as the handlers need them (ids normalized, lookups as ids). */

export interface LeadRecord {
  id: string;
  isCommerceB2BProspect: boolean;
  /** Pending when dual-write has not set one yet. */
  prospectStatus: ProspectStatusValue;
  /** The column as stored (null when empty, any number dual-write wrote). */
  storedProspectStatus: number | null;
  prospectId: string | null;
  stateCode: number | null;
  companyName: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  currencyId: string | null;
  customerGroupId: string | null;
  qualifyingOpportunityId: string | null;
  /** The row's version as read (`@odata.etag`): a write made on it fails if the row changed since. */
  etag: string | null;
}

export interface OpportunityRecord {
  id: string;
  etag: string | null;
  stateCode: number | null;
  originatingLeadId: string | null;
  parentAccountId: string | null;
  parentContactId: string | null;
}

export interface AccountRecord {
  id: string;
  etag: string | null;
  accountNumber: string | null;
  customerTypeCode: number | null;
  currencyId: string | null;
  customerGroupId: string | null;
  originatingLeadId: string | null;
}

export interface ContactRecord {
  id: string;
  etag: string | null;
  contactPersonId: string | null;
  sellable: boolean | null;
  currencyId: string | null;
  originatingLeadId: string | null;
}

const text = (row: WebApiRecord, name: string): string | null => (typeof row[name] === "string" ? (row[name] as string) : null);
const integer = (row: WebApiRecord, name: string): number | null => (typeof row[name] === "number" ? (row[name] as number) : null);
const lookup = (row: WebApiRecord, column: string): string | null => normalizeGuid(text(row, lookupProperty(column)));

const leadSelect = [
  LeadColumns.id,
  LeadColumns.isCommerceB2BProspect,
  LeadColumns.prospectStatus,
  LeadColumns.prospectId,
  LeadColumns.stateCode,
  LeadColumns.companyName,
  LeadColumns.firstName,
  LeadColumns.lastName,
  LeadColumns.email,
  lookupProperty(LeadColumns.currency),
  lookupProperty(LeadColumns.customerGroup),
  lookupProperty(LeadColumns.qualifyingOpportunity),
];

export async function readLead(dataverse: DataverseClient, id: string): Promise<LeadRecord | null> {
  const row = await dataverse.retrieve(EntitySets.lead, id, leadSelect);
  if (row === null) return null;
  const status = row[LeadColumns.prospectStatus];
  return {
    id,
    isCommerceB2BProspect: row[LeadColumns.isCommerceB2BProspect] === true,
    prospectStatus: isProspectStatus(status) ? status : ProspectStatus.Pending,
    storedProspectStatus: typeof status === "number" ? status : null,
    prospectId: text(row, LeadColumns.prospectId),
    stateCode: integer(row, LeadColumns.stateCode),
    companyName: text(row, LeadColumns.companyName),
    firstName: text(row, LeadColumns.firstName),
    lastName: text(row, LeadColumns.lastName),
    email: text(row, LeadColumns.email),
    currencyId: lookup(row, LeadColumns.currency),
    customerGroupId: lookup(row, LeadColumns.customerGroup),
    qualifyingOpportunityId: lookup(row, LeadColumns.qualifyingOpportunity),
    etag: etagOf(row),
  };
}

export async function readOpportunity(dataverse: DataverseClient, id: string): Promise<OpportunityRecord | null> {
  const row = await dataverse.retrieve(EntitySets.opportunity, id, [
    OpportunityColumns.id,
    OpportunityColumns.stateCode,
    lookupProperty(OpportunityColumns.originatingLead),
    lookupProperty(OpportunityColumns.parentAccount),
    lookupProperty(OpportunityColumns.parentContact),
  ]);
  if (row === null) return null;
  return {
    id,
    etag: etagOf(row),
    stateCode: integer(row, OpportunityColumns.stateCode),
    originatingLeadId: lookup(row, OpportunityColumns.originatingLead),
    parentAccountId: lookup(row, OpportunityColumns.parentAccount),
    parentContactId: lookup(row, OpportunityColumns.parentContact),
  };
}

const accountSelect = [
  AccountColumns.id,
  AccountColumns.accountNumber,
  AccountColumns.customerTypeCode,
  lookupProperty(AccountColumns.currency),
  lookupProperty(AccountColumns.customerGroup),
  lookupProperty(AccountColumns.originatingLead),
];

function toAccount(row: WebApiRecord, id: string): AccountRecord {
  return {
    id,
    etag: etagOf(row),
    accountNumber: text(row, AccountColumns.accountNumber),
    customerTypeCode: integer(row, AccountColumns.customerTypeCode),
    currencyId: lookup(row, AccountColumns.currency),
    customerGroupId: lookup(row, AccountColumns.customerGroup),
    originatingLeadId: lookup(row, AccountColumns.originatingLead),
  };
}

export async function readAccount(dataverse: DataverseClient, id: string): Promise<AccountRecord | null> {
  const row = await dataverse.retrieve(EntitySets.account, id, accountSelect);
  return row === null ? null : toAccount(row, id);
}

// The contact's currency column has the same logical name as the lead's and the account's.
const contactCurrency = AccountColumns.currency;
const contactSelect = [
  ContactColumns.id,
  ContactColumns.contactPersonId,
  ContactColumns.sellable,
  lookupProperty(contactCurrency),
  lookupProperty(ContactColumns.originatingLead),
];

function toContact(row: WebApiRecord, id: string): ContactRecord {
  return {
    id,
    etag: etagOf(row),
    contactPersonId: text(row, ContactColumns.contactPersonId),
    sellable: typeof row[ContactColumns.sellable] === "boolean" ? (row[ContactColumns.sellable] as boolean) : null,
    currencyId: lookup(row, contactCurrency),
    originatingLeadId: lookup(row, ContactColumns.originatingLead),
  };
}

export async function readContact(dataverse: DataverseClient, id: string): Promise<ContactRecord | null> {
  const row = await dataverse.retrieve(EntitySets.contact, id, contactSelect);
  return row === null ? null : toContact(row, id);
}

/** Rows qualification created from a lead (originatingleadid), for when QualifyLead's output is not in the payload. */
export async function findQualifiedRecords(
  dataverse: DataverseClient,
  leadId: string,
): Promise<{ accountId: string | null; contactId: string | null; opportunityId: string | null }> {
  // account, contact and opportunity all name the lead they came from in originatingleadid.
  const byLead = (idColumn: string): string =>
    `$select=${idColumn}&$filter=${lookupProperty(OpportunityColumns.originatingLead)} eq ${leadId}&$top=1`;
  const [accounts, contacts, opportunities] = await Promise.all([
    dataverse.retrieveMultiple(EntitySets.account, byLead(AccountColumns.id)),
    dataverse.retrieveMultiple(EntitySets.contact, byLead(ContactColumns.id)),
    dataverse.retrieveMultiple(EntitySets.opportunity, byLead(OpportunityColumns.id)),
  ]);
  const first = (rows: WebApiRecord[], column: string): string | null => (rows.length > 0 ? normalizeGuid(text(rows[0], column)) : null);
  return {
    accountId: first(accounts, AccountColumns.id),
    contactId: first(contacts, ContactColumns.id),
    opportunityId: first(opportunities, OpportunityColumns.id),
  };
}

/**
 * The statecode of the lead's opportunity: `qualifyingopportunityid` when the lead names one, else the
 * newest opportunity whose `originatingleadid` is the lead. Null when there is none. One request (two
 * when the named opportunity no longer exists).
 */
export async function leadOpportunityState(dataverse: DataverseClient, leadId: string, qualifyingOpportunityId: string | null): Promise<number | null> {
  if (qualifyingOpportunityId !== null) {
    const row = await dataverse.retrieve(EntitySets.opportunity, qualifyingOpportunityId, [OpportunityColumns.stateCode]);
    if (row !== null) return integer(row, OpportunityColumns.stateCode);
  }
  const rows = await dataverse.retrieveMultiple(
    EntitySets.opportunity,
    `$select=${OpportunityColumns.stateCode}&$filter=${lookupProperty(OpportunityColumns.originatingLead)} eq ${leadId}&$orderby=createdon desc&$top=1`,
  );
  return rows.length > 0 ? integer(rows[0], OpportunityColumns.stateCode) : null;
}
