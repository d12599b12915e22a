import {
  AccountColumns,
  ContactColumns,
  Entities,
  isProspectStatus,
  LeadColumns,
  OpportunityColumns,
  ProspectStatus,
  type ProspectStatusValue,
} from "../../../core/src";
import { etagOf, lookupProperty, type DataverseClient, type WebApiRecord } from "../dataverse/client";
import { normalizeGuid } from "../executionContext";
import { EntitySets } from "./entitySets";
import { FetchRow, fetchQuery, type FetchLink } from "./fetchXml";
import { readTogether, rowOf, rowsOf, type ReadPlan } from "./readPlan";

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

/** The lead's columns as the Web API selects them: LeadFetchColumns, with lookups as `_x_value`. */
const leadLookups: ReadonlySet<string> = new Set([LeadColumns.currency, LeadColumns.customerGroup, LeadColumns.qualifyingOpportunity]);
const leadSelect = (): string[] => LeadFetchColumns.map((column) => (leadLookups.has(column) ? lookupProperty(column) : column));

export async function readLead(dataverse: DataverseClient, id: string): Promise<LeadRecord | null> {
  return leadFromRow(id, await dataverse.retrieve(EntitySets.lead, id, leadSelect()));
}

/** The lead by id, as a read of a step's one round trip (see readPlan.ts). */
export function leadPlan(id: string): ReadPlan<LeadRecord | null> {
  return { reads: [{ kind: "retrieve", entitySet: EntitySets.lead, id, select: leadSelect() }], value: ([answer]) => leadFromRow(id, rowOf(answer)) };
}

function leadFromRow(id: string, row: WebApiRecord | null): LeadRecord | null {
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

/** The lead's columns as FetchXML names them (lookups by logical name). */
export const LeadFetchColumns = [
  LeadColumns.id,
  LeadColumns.isCommerceB2BProspect,
  LeadColumns.prospectStatus,
  LeadColumns.prospectId,
  LeadColumns.stateCode,
  LeadColumns.companyName,
  LeadColumns.firstName,
  LeadColumns.lastName,
  LeadColumns.email,
  LeadColumns.currency,
  LeadColumns.customerGroup,
  LeadColumns.qualifyingOpportunity,
] as const;

/** The lead as the root of a FetchXML result (with its `@odata.etag`), or null when the row has no lead. */
export function leadFromFetch(row: FetchRow): LeadRecord | null {
  const id = row.id(LeadColumns.id);
  if (id === null) return null;
  const status = row.value(LeadColumns.prospectStatus);
  return {
    id,
    isCommerceB2BProspect: row.boolean(LeadColumns.isCommerceB2BProspect) === true,
    prospectStatus: isProspectStatus(status) ? status : ProspectStatus.Pending,
    storedProspectStatus: typeof status === "number" ? status : null,
    prospectId: row.text(LeadColumns.prospectId),
    stateCode: row.integer(LeadColumns.stateCode),
    companyName: row.text(LeadColumns.companyName),
    firstName: row.text(LeadColumns.firstName),
    lastName: row.text(LeadColumns.lastName),
    email: row.text(LeadColumns.email),
    currencyId: row.id(LeadColumns.currency),
    customerGroupId: row.id(LeadColumns.customerGroup),
    qualifyingOpportunityId: row.id(LeadColumns.qualifyingOpportunity),
    etag: row.etag,
  };
}

/** One FetchXML rooted at the lead (the row the hand-offs write, so its etag comes back), with the links the caller needs. */
export async function fetchLeadRows(dataverse: DataverseClient, where: Record<string, string>, links: readonly FetchLink[]): Promise<FetchRow[]> {
  const [rows] = await readTogether(dataverse, leadRowsPlan(where, links));
  return rows;
}

/** The same FetchXML as a read of a step's one round trip (see readPlan.ts). */
export function leadRowsPlan(where: Record<string, string>, links: readonly FetchLink[]): ReadPlan<FetchRow[]> {
  return {
    reads: [{ kind: "query", entitySet: EntitySets.lead, query: fetchQuery({ entity: Entities.lead.logicalName, columns: LeadFetchColumns, where, links }) }],
    value: ([answer]) => rowsOf(answer).map((row) => new FetchRow(row)),
  };
}

/** The link to an opportunity of the lead (`originatingleadid`), by id: inner, so that no row means "not qualified from a lead". */
export function opportunityOfLead(opportunityId: string, type: FetchLink["type"], links: readonly FetchLink[] = []): FetchLink {
  return {
    name: Entities.opportunity.logicalName,
    from: OpportunityColumns.originatingLead,
    to: LeadColumns.id,
    alias: "opportunity",
    type,
    columns: [OpportunityColumns.id, OpportunityColumns.stateCode, OpportunityColumns.parentAccount, OpportunityColumns.parentContact],
    where: { [OpportunityColumns.id]: opportunityId },
    links,
  };
}

/** The opportunity linked as `opportunityOfLead`; null when the link found none. */
export function opportunityFromFetch(row: FetchRow, leadId: string): OpportunityRecord | null {
  const id = row.id(OpportunityColumns.id, "opportunity");
  if (id === null) return null;
  return {
    id,
    // A linked row carries no @odata.etag: its writes go in the change set of the lead's, at the lead's version.
    etag: null,
    stateCode: row.integer(OpportunityColumns.stateCode, "opportunity"),
    originatingLeadId: leadId,
    parentAccountId: row.id(OpportunityColumns.parentAccount, "opportunity"),
    parentContactId: row.id(OpportunityColumns.parentContact, "opportunity"),
  };
}

/**
 * The state of the lead's opportunity — the one `qualifyingopportunityid` names when it exists, else the
 * newest whose `originatingleadid` is the lead — in one FetchXML. Null when there is none.
 */
export async function leadOpportunityState(dataverse: DataverseClient, leadId: string, qualifyingOpportunityId: string | null): Promise<number | null> {
  const rows = (
    await dataverse.retrieveMultiple(
      EntitySets.opportunity,
      fetchQuery({
        entity: Entities.opportunity.logicalName,
        columns: [OpportunityColumns.id, OpportunityColumns.stateCode, OpportunityColumns.originatingLead],
        where: {},
        whereAny: [
          [OpportunityColumns.originatingLead, leadId],
          ...(qualifyingOpportunityId !== null ? ([[OpportunityColumns.id, qualifyingOpportunityId]] as [string, string][]) : []),
        ],
        // Every table's creation time; the opportunity's has the lead's logical name.
        orderDescending: [LeadColumns.createdOn],
      }),
    )
  ).map((row) => new FetchRow(row));
  const named = rows.find((row) => qualifyingOpportunityId !== null && row.id(OpportunityColumns.id) === qualifyingOpportunityId);
  const newest = rows.find((row) => row.id(OpportunityColumns.originatingLead) === leadId);
  const found = named ?? newest;
  return found ? found.integer(OpportunityColumns.stateCode) : null;
}
