import { AccountColumns, ContactColumns, Entities, LeadColumns, OpportunityColumns, isProspectStatus } from "../columns";
import type { AccountSnapshot, ContactSnapshot, LeadSnapshot, OpportunitySnapshot, ProvenanceRecords, RecordRef } from "./types";

/**
 * The one query the provenance control runs per load: the lead with its creator, the opportunity it
 * was qualified into, and that opportunity's account and contact, all N:1 outer links so the answer
 * is exactly one row (or none when the lead is gone or not readable).
 *
 * This module ships in the control's bundle.js, which has a size budget (issue 14): each snapshot is
 * described once, as a table of field → `[column, reader]`, and that table both selects the columns in
 * the FetchXML and reads them back from the row (query.test.ts holds every column to core's column
 * names). The column is always named, never derived from the field's name, so that the minifier may
 * shorten the field names (controls/webpack.config.js). Only fields the control or the grid customizer
 * read are selected. No `??` or `?.`: Babel would expand each for Safari 13.
 */

// Link-entity aliases; Web API returns their columns as `alias.column`. Plain constants, so the
// minifier folds each `${alias}.` into one string.
const CreatorAlias = "creator";
const OpportunityAlias = "opp";
const AccountAlias = "acct";
const ContactAlias = "cont";

/** The link-entity aliases, for the tests. */
export const ProvenanceAliases = { creator: CreatorAlias, opportunity: OpportunityAlias, account: AccountAlias, contact: ContactAlias } as const;

const GUID = /^\{?([\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12})\}?$/i;

/** The GUID without braces, or null when the text is not a GUID (never put anything else into FetchXML). */
export function parseGuid(value: string | null | undefined): string | null {
  const match = GUID.exec((value || "").trim());
  return match ? match[1].toLowerCase() : null;
}

type Row = Record<string, unknown>;
type Reader = (row: Row, key: string) => unknown;
type Field = readonly [column: string, read: Reader];
type Fields = Record<string, Field>;

function text(row: Row, key: string): string | null {
  const value = row[key];
  return typeof value === "string" && value !== "" ? value : null;
}

/** Web API JSON carries numbers; a grid row may carry the same value as its digits. */
function integer(row: Row, key: string): number | null {
  const value = row[key];
  return Number.isInteger(value) ? (value as number) : typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : null;
}

function boolean(row: Row, key: string): boolean | null {
  const value = row[key];
  return typeof value === "boolean" ? value : value === 1 || value === "1" || value === "true" ? true : value === 0 || value === "0" || value === "false" ? false : null;
}

function date(row: Row, key: string): Date | null {
  const value = row[key];
  const parsed = typeof value === "string" || value instanceof Date ? new Date(value) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : null;
}

function guid(row: Row, key: string): string | null {
  const value = row[key];
  return typeof value === "string" ? parseGuid(value) : null;
}

/**
 * A lookup column of the queried entity, as Web API returns it: `_name_value` and its formatted value
 * annotation (the record's name). Both lookups read here have one target table, `entityType`.
 */
function lookup(row: Row, column: string, entityType: string): RecordRef | null {
  const key = `_${column}_value`;
  const id = guid(row, key);
  return id === null ? null : { entityType, id, name: text(row, `${key}@OData.Community.Display.V1.FormattedValue`) };
}

/**
 * In Dataverse msdyn_retailchannel is a lookup to the channel; a store that keeps it as text (the
 * channel's operating unit number, as the offline sandbox does) is read as the channel's name.
 */
function retailChannel(row: Row, column: string): RecordRef | null {
  const asText = text(row, column);
  return lookup(row, column, column) || (asText ? { entityType: "", id: "", name: asText } : null);
}

/** The platform's creation and last-change dates, columns of every table. */
const CreatedOn = "createdon";
const ModifiedOn = "modifiedon";

// Lead columns; `createdByApplicationUser` comes from the creator link (see parseProvenanceRows).
const leadFields = {
  id: [LeadColumns.id, guid],
  isCommerceB2BProspect: [LeadColumns.isCommerceB2BProspect, (row, key) => boolean(row, key) === true],
  prospectId: [LeadColumns.prospectId, text],
  prospectStatus: [
    LeadColumns.prospectStatus,
    (row, key) => {
      const status = integer(row, key);
      return isProspectStatus(status) ? status : null;
    },
  ],
  companyName: [LeadColumns.companyName, text],
  fullName: [LeadColumns.fullName, text],
  retailChannel: [LeadColumns.retailChannel, retailChannel],
  stateCode: [LeadColumns.stateCode, integer],
  createdOn: [CreatedOn, date],
  createdBy: [LeadColumns.createdBy, (row, key) => lookup(row, key, "systemuser")],
  modifiedOn: [ModifiedOn, date],
} satisfies Fields;

const opportunityFields = {
  id: [OpportunityColumns.id, guid],
  name: [OpportunityColumns.name, text],
  stateCode: [OpportunityColumns.stateCode, integer],
  createdOn: [CreatedOn, date],
  actualCloseDate: [OpportunityColumns.actualCloseDate, date],
  modifiedOn: [ModifiedOn, date],
} satisfies Fields;

const accountFields = {
  id: [AccountColumns.id, guid],
  name: [AccountColumns.name, text],
  accountNumber: [AccountColumns.accountNumber, text],
  customerTypeCode: [AccountColumns.customerTypeCode, integer],
  createdOn: [CreatedOn, date],
  modifiedOn: [ModifiedOn, date],
} satisfies Fields;

const contactFields = {
  id: [ContactColumns.id, guid],
  fullName: [ContactColumns.fullName, text],
  contactPersonId: [ContactColumns.contactPersonId, text],
  sellable: [ContactColumns.sellable, boolean],
  createdOn: [CreatedOn, date],
  modifiedOn: [ModifiedOn, date],
} satisfies Fields;

/** The tables, for the test that holds their columns to core's names. */
export const ProvenanceFields: Record<keyof ProvenanceRecords, Fields> = { lead: leadFields, opportunity: opportunityFields, account: accountFields, contact: contactFields };

function attributes(fields: Fields): string {
  let xml = "";
  for (const name in fields) xml += `<attribute name="${fields[name][0]}"/>`;
  return xml;
}

function outerLink(entity: string, from: string, to: string, alias: string, content: string): string {
  return `<link-entity name="${entity}" from="${from}" to="${to}" link-type="outer" alias="${alias}">${content}</link-entity>`;
}

/**
 * FetchXML for the provenance of one lead. Throws when `leadId` is not a GUID. `<fetch>` carries no
 * `mapping` attribute: it is optional (Fetch.xsd) and Microsoft's FetchXML reference examples omit it.
 */
export function buildProvenanceFetchXml(leadId: string): string {
  const id = parseGuid(leadId);
  if (id === null) throw new Error("The lead id is not a GUID.");
  return (
    `<fetch><entity name="${Entities.lead.logicalName}">${attributes(leadFields)}` +
    `<filter><condition attribute="${LeadColumns.id}" operator="eq" value="${id}"/></filter>` +
    // applicationid is set only on application users: dual-write runs as one.
    outerLink("systemuser", "systemuserid", LeadColumns.createdBy, CreatorAlias, `<attribute name="applicationid"/>`) +
    outerLink(
      Entities.opportunity.logicalName,
      OpportunityColumns.id,
      LeadColumns.qualifyingOpportunity,
      OpportunityAlias,
      attributes(opportunityFields) +
        outerLink(Entities.account.logicalName, AccountColumns.id, OpportunityColumns.parentAccount, AccountAlias, attributes(accountFields)) +
        outerLink(Entities.contact.logicalName, ContactColumns.id, OpportunityColumns.parentContact, ContactAlias, attributes(contactFields)),
    ) +
    `</entity></fetch>`
  );
}

/** The `options` argument for `webAPI.retrieveMultipleRecords("lead", …)`. */
export function provenanceQueryOptions(leadId: string): string {
  return `?fetchXml=${encodeURIComponent(buildProvenanceFetchXml(leadId))}`;
}

/** Reads `fields` from the row, each column under `prefix` (a link-entity alias and a dot, or nothing). */
function read<T>(row: Row, fields: Fields, prefix: string): T | null {
  const out: Row = {};
  for (const name in fields) {
    const field = fields[name];
    out[name] = field[1](row, prefix + field[0]);
  }
  // An outer link that found nothing leaves its columns out of the row: no id, no record.
  return out.id === null ? null : (out as T);
}

/** The records from the query's rows, or null when the lead was not returned (deleted or not readable). */
export function parseProvenanceRows(rows: readonly unknown[]): ProvenanceRecords | null {
  const row = rows.find((r): r is Row => typeof r === "object" && r !== null);
  const lead = row ? read<LeadSnapshot>(row, leadFields, "") : null;
  if (!row || !lead) return null;
  // Web API leaves null columns out of the row: no applicationid means a person, not an application user.
  lead.createdByApplicationUser = lead.createdBy === null ? null : guid(row, `${CreatorAlias}.applicationid`) !== null;
  return {
    lead,
    opportunity: read<OpportunitySnapshot>(row, opportunityFields, `${OpportunityAlias}.`),
    account: read<AccountSnapshot>(row, accountFields, `${AccountAlias}.`),
    contact: read<ContactSnapshot>(row, contactFields, `${ContactAlias}.`),
  };
}
