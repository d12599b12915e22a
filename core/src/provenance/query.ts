import { AccountColumns, ContactColumns, Entities, LeadColumns, OpportunityColumns, isProspectStatus } from "../columns";
import type { AccountSnapshot, ContactSnapshot, LeadSnapshot, OpportunitySnapshot, ProvenanceRecords, RecordRef } from "./types";

/**
 * The one query the provenance control runs per load: the lead with its creator, the opportunity it
 * was qualified into, and that opportunity's account and contact, all N:1 outer links so the answer
 * is exactly one row (or none when the lead is gone or not readable).
 *
 * This module ships in the control's bundle.js, which has a size budget (issue 14): each snapshot is
 * described once, as a table of field → [column, reader], and that table both selects the columns in
 * the FetchXML and reads them back from the row.
 */

/** Link-entity aliases; Web API returns their columns as `alias.column`. */
export const ProvenanceAliases = {
  creator: "creator",
  opportunity: "opp",
  account: "acct",
  contact: "cont",
} as const;

const GUID = /^\{?([\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12})\}?$/i;

/** The GUID without braces, or null when the text is not a GUID (never put anything else into FetchXML). */
export function parseGuid(value: string | null | undefined): string | null {
  const match = GUID.exec((value ?? "").trim());
  return match ? match[1].toLowerCase() : null;
}

type Row = Record<string, unknown>;
type Reader = (row: Row, key: string) => unknown;
type Fields = Record<string, readonly [column: string, read: Reader]>;

function text(row: Row, key: string): string | null {
  const value = row[key];
  return typeof value === "string" && value !== "" ? value : null;
}

function integer(row: Row, key: string): number | null {
  const value = row[key];
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  return null;
}

function boolean(row: Row, key: string): boolean | null {
  const value = row[key];
  if (typeof value === "boolean") return value;
  if (value === 1 || value === "1" || value === "true") return true;
  if (value === 0 || value === "0" || value === "false") return false;
  return null;
}

function date(row: Row, key: string): Date | null {
  const value = row[key];
  if (typeof value !== "string" && !(value instanceof Date)) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function guid(row: Row, key: string): string | null {
  const value = row[key];
  return typeof value === "string" ? parseGuid(value) : null;
}

/** A lookup column of the queried entity, as Web API returns it (`_name_value` plus annotations). */
function lookup(row: Row, column: string, fallbackEntity: string): RecordRef | null {
  const key = `_${column}_value`;
  const value = guid(row, key);
  if (value === null) return null;
  return {
    entityType: text(row, `${key}@Microsoft.Dynamics.CRM.lookuplogicalname`) ?? fallbackEntity,
    id: value,
    name: text(row, `${key}@OData.Community.Display.V1.FormattedValue`),
  };
}

/**
 * In Dataverse msdyn_retailchannel is a lookup to the channel; a store that keeps it as text (the
 * channel's operating unit number, as the offline sandbox does) is read as the channel's name.
 */
function retailChannel(row: Row, column: string): RecordRef | null {
  const asText = text(row, column);
  return lookup(row, column, column) ?? (asText ? { entityType: "", id: "", name: asText } : null);
}

// Lead columns; `createdByApplicationUser` comes from the creator link (see parseProvenanceRows).
const leadFields = {
  id: [LeadColumns.id, guid],
  isCommerceB2BProspect: [LeadColumns.isCommerceB2BProspect, (row, key) => boolean(row, key) === true],
  prospectId: [LeadColumns.prospectId, text],
  prospectStatus: [LeadColumns.prospectStatus, (row, key) => {
    const status = integer(row, key);
    return isProspectStatus(status) ? status : null;
  }],
  companyName: [LeadColumns.companyName, text],
  fullName: [LeadColumns.fullName, text],
  retailChannel: [LeadColumns.retailChannel, retailChannel],
  stateCode: [LeadColumns.stateCode, integer],
  statusCode: [LeadColumns.statusCode, integer],
  createdOn: [LeadColumns.createdOn, date],
  createdBy: [LeadColumns.createdBy, (row, key) => lookup(row, key, "systemuser")],
  modifiedOn: [LeadColumns.modifiedOn, date],
} satisfies Fields;

const opportunityFields = {
  id: [OpportunityColumns.id, guid],
  name: [OpportunityColumns.name, text],
  stateCode: [OpportunityColumns.stateCode, integer],
  statusCode: [OpportunityColumns.statusCode, integer],
  createdOn: ["createdon", date],
  actualCloseDate: [OpportunityColumns.actualCloseDate, date],
  modifiedOn: [OpportunityColumns.modifiedOn, date],
} satisfies Fields;

const accountFields = {
  id: [AccountColumns.id, guid],
  name: [AccountColumns.name, text],
  accountNumber: [AccountColumns.accountNumber, text],
  customerTypeCode: [AccountColumns.customerTypeCode, integer],
  createdOn: ["createdon", date],
  modifiedOn: [AccountColumns.modifiedOn, date],
} satisfies Fields;

const contactFields = {
  id: [ContactColumns.id, guid],
  fullName: [ContactColumns.fullName, text],
  contactPersonId: [ContactColumns.contactPersonId, text],
  sellable: [ContactColumns.sellable, boolean],
  createdOn: ["createdon", date],
  modifiedOn: [ContactColumns.modifiedOn, date],
} satisfies Fields;

function attributes(fields: Fields): string {
  return Object.values(fields)
    .map((field) => `<attribute name="${field[0]}"/>`)
    .join("");
}

function outerLink(entity: string, from: string, to: string, alias: string, content: string): string {
  return `<link-entity name="${entity}" from="${from}" to="${to}" link-type="outer" alias="${alias}">${content}</link-entity>`;
}

/** FetchXML for the provenance of one lead. Throws when `leadId` is not a GUID. */
export function buildProvenanceFetchXml(leadId: string): string {
  const id = parseGuid(leadId);
  if (id === null) throw new Error("The lead id is not a GUID.");
  const a = ProvenanceAliases;
  return (
    `<fetch mapping="logical"><entity name="${Entities.lead.logicalName}">${attributes(leadFields)}` +
    `<filter><condition attribute="${LeadColumns.id}" operator="eq" value="${id}"/></filter>` +
    // applicationid is set only on application users: dual-write runs as one.
    outerLink("systemuser", "systemuserid", LeadColumns.createdBy, a.creator, `<attribute name="applicationid"/>`) +
    outerLink(
      Entities.opportunity.logicalName,
      OpportunityColumns.id,
      LeadColumns.qualifyingOpportunity,
      a.opportunity,
      attributes(opportunityFields) +
        outerLink(Entities.account.logicalName, AccountColumns.id, OpportunityColumns.parentAccount, a.account, attributes(accountFields)) +
        outerLink(Entities.contact.logicalName, ContactColumns.id, OpportunityColumns.parentContact, a.contact, attributes(contactFields)),
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
  for (const name in fields) out[name] = fields[name][1](row, prefix + fields[name][0]);
  // An outer link that found nothing leaves its columns out of the row: no id, no record.
  return out.id === null ? null : (out as T);
}

/** The records from the query's rows, or null when the lead was not returned (deleted or not readable). */
export function parseProvenanceRows(rows: readonly unknown[]): ProvenanceRecords | null {
  const row = rows.find((r): r is Row => typeof r === "object" && r !== null);
  const lead = row ? read<LeadSnapshot>(row, leadFields, "") : null;
  if (!row || !lead) return null;
  const a = ProvenanceAliases;
  const creatorApplication = row[`${a.creator}.applicationid`];
  // Web API leaves null columns out of the row: no applicationid means a person, not an application user.
  lead.createdByApplicationUser = lead.createdBy === null ? null : typeof creatorApplication === "string" && parseGuid(creatorApplication) !== null;
  return {
    lead,
    opportunity: read<OpportunitySnapshot>(row, opportunityFields, `${a.opportunity}.`),
    account: read<AccountSnapshot>(row, accountFields, `${a.account}.`),
    contact: read<ContactSnapshot>(row, contactFields, `${a.contact}.`),
  };
}
