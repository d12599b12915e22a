import { AccountColumns, ContactColumns, Entities, LeadColumns, OpportunityColumns, isProspectStatus } from "../columns";
import type { AccountSnapshot, ContactSnapshot, LeadSnapshot, OpportunitySnapshot, ProvenanceRecords, RecordRef } from "./types";

/**
 * The one query the provenance control runs per load: the lead with its creator, the opportunity it
 * was qualified into, and that opportunity's account and contact, all N:1 outer links so the answer
 * is exactly one row (or none when the lead is gone or not readable).
 */

/** Link-entity aliases; Web API returns their columns as `alias.column`. */
export const ProvenanceAliases = {
  creator: "creator",
  opportunity: "opp",
  account: "acct",
  contact: "cont",
} as const;

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** The GUID without braces, or null when the text is not a GUID (never put anything else into FetchXML). */
export function parseGuid(value: string | null | undefined): string | null {
  const match = GUID.exec((value ?? "").trim());
  return match ? match[1].toLowerCase() : null;
}

const leadAttributes = [
  LeadColumns.id,
  LeadColumns.isCommerceB2BProspect,
  LeadColumns.prospectId,
  LeadColumns.prospectStatus,
  LeadColumns.companyName,
  LeadColumns.fullName,
  LeadColumns.retailChannel,
  LeadColumns.stateCode,
  LeadColumns.statusCode,
  LeadColumns.createdOn,
  LeadColumns.createdBy,
  LeadColumns.modifiedOn,
];
const opportunityAttributes = [
  OpportunityColumns.id,
  OpportunityColumns.name,
  OpportunityColumns.stateCode,
  OpportunityColumns.statusCode,
  "createdon",
  OpportunityColumns.actualCloseDate,
  OpportunityColumns.modifiedOn,
];
const accountAttributes = [
  AccountColumns.id,
  AccountColumns.name,
  AccountColumns.accountNumber,
  AccountColumns.customerTypeCode,
  "createdon",
  AccountColumns.modifiedOn,
];
const contactAttributes = [
  ContactColumns.id,
  ContactColumns.fullName,
  ContactColumns.contactPersonId,
  ContactColumns.sellable,
  "createdon",
  ContactColumns.modifiedOn,
];

function attributes(names: readonly string[], indent: string): string {
  return names.map((name) => `${indent}<attribute name="${name}" />`).join("\n");
}

/** FetchXML for the provenance of one lead. Throws when `leadId` is not a GUID. */
export function buildProvenanceFetchXml(leadId: string): string {
  const id = parseGuid(leadId);
  if (id === null) throw new Error("The lead id is not a GUID.");
  const a = ProvenanceAliases;
  return [
    `<fetch version="1.0" mapping="logical">`,
    `  <entity name="${Entities.lead.logicalName}">`,
    attributes(leadAttributes, "    "),
    `    <filter type="and">`,
    `      <condition attribute="${LeadColumns.id}" operator="eq" value="${id}" />`,
    `    </filter>`,
    // applicationid is set only on application users: dual-write runs as one.
    `    <link-entity name="systemuser" from="systemuserid" to="${LeadColumns.createdBy}" link-type="outer" alias="${a.creator}">`,
    `      <attribute name="applicationid" />`,
    `    </link-entity>`,
    `    <link-entity name="${Entities.opportunity.logicalName}" from="${OpportunityColumns.id}" to="${LeadColumns.qualifyingOpportunity}" link-type="outer" alias="${a.opportunity}">`,
    attributes(opportunityAttributes, "      "),
    `      <link-entity name="${Entities.account.logicalName}" from="${AccountColumns.id}" to="${OpportunityColumns.parentAccount}" link-type="outer" alias="${a.account}">`,
    attributes(accountAttributes, "        "),
    `      </link-entity>`,
    `      <link-entity name="${Entities.contact.logicalName}" from="${ContactColumns.id}" to="${OpportunityColumns.parentContact}" link-type="outer" alias="${a.contact}">`,
    attributes(contactAttributes, "        "),
    `      </link-entity>`,
    `    </link-entity>`,
    `  </entity>`,
    `</fetch>`,
  ].join("\n");
}

/** The `options` argument for `webAPI.retrieveMultipleRecords("lead", …)`. */
export function provenanceQueryOptions(leadId: string): string {
  return `?fetchXml=${encodeURIComponent(buildProvenanceFetchXml(leadId))}`;
}

type Row = Record<string, unknown>;
const FORMATTED = "@OData.Community.Display.V1.FormattedValue";
const LOOKUP_ENTITY = "@Microsoft.Dynamics.CRM.lookuplogicalname";

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

function id(row: Row, key: string): string | null {
  const value = row[key];
  return typeof value === "string" ? parseGuid(value) : null;
}

/** A lookup column of the queried entity, as Web API returns it (`_name_value` plus annotations). */
function lookup(row: Row, column: string, fallbackEntity: string): RecordRef | null {
  const key = `_${column}_value`;
  const value = id(row, key);
  if (value === null) return null;
  return { entityType: text(row, key + LOOKUP_ENTITY) ?? fallbackEntity, id: value, name: text(row, key + FORMATTED) };
}

/**
 * In Dataverse msdyn_retailchannel is a lookup to the channel; a store that keeps it as text (the
 * channel's operating unit number, as the offline sandbox does) is read as the channel's name.
 */
function retailChannel(row: Row): RecordRef | null {
  const asText = text(row, LeadColumns.retailChannel);
  return lookup(row, LeadColumns.retailChannel, "msdyn_retailchannel") ?? (asText ? { entityType: "", id: "", name: asText } : null);
}

function lead(row: Row): LeadSnapshot | null {
  const leadId = id(row, LeadColumns.id);
  if (leadId === null) return null;
  const status = integer(row, LeadColumns.prospectStatus);
  const creatorApplication = row[`${ProvenanceAliases.creator}.applicationid`];
  const creator = lookup(row, LeadColumns.createdBy, "systemuser");
  return {
    id: leadId,
    isCommerceB2BProspect: boolean(row, LeadColumns.isCommerceB2BProspect) === true,
    prospectId: text(row, LeadColumns.prospectId),
    prospectStatus: isProspectStatus(status) ? status : null,
    companyName: text(row, LeadColumns.companyName),
    fullName: text(row, LeadColumns.fullName),
    retailChannel: retailChannel(row),
    stateCode: integer(row, LeadColumns.stateCode),
    statusCode: integer(row, LeadColumns.statusCode),
    createdOn: date(row, LeadColumns.createdOn),
    createdBy: creator,
    // Web API leaves null columns out of the row: no applicationid means a person, not an application user.
    createdByApplicationUser: creator === null ? null : typeof creatorApplication === "string" && parseGuid(creatorApplication) !== null,
    modifiedOn: date(row, LeadColumns.modifiedOn),
  };
}

function aliased(row: Row, alias: string): Row {
  const prefix = `${alias}.`;
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  return out;
}

function opportunity(row: Row): OpportunitySnapshot | null {
  const o = aliased(row, ProvenanceAliases.opportunity);
  const oppId = id(o, OpportunityColumns.id);
  if (oppId === null) return null;
  return {
    id: oppId,
    name: text(o, OpportunityColumns.name),
    stateCode: integer(o, OpportunityColumns.stateCode),
    statusCode: integer(o, OpportunityColumns.statusCode),
    createdOn: date(o, "createdon"),
    actualCloseDate: date(o, OpportunityColumns.actualCloseDate),
    modifiedOn: date(o, OpportunityColumns.modifiedOn),
  };
}

function account(row: Row): AccountSnapshot | null {
  const a = aliased(row, ProvenanceAliases.account);
  const accountId = id(a, AccountColumns.id);
  if (accountId === null) return null;
  return {
    id: accountId,
    name: text(a, AccountColumns.name),
    accountNumber: text(a, AccountColumns.accountNumber),
    customerTypeCode: integer(a, AccountColumns.customerTypeCode),
    createdOn: date(a, "createdon"),
    modifiedOn: date(a, AccountColumns.modifiedOn),
  };
}

function contact(row: Row): ContactSnapshot | null {
  const c = aliased(row, ProvenanceAliases.contact);
  const contactId = id(c, ContactColumns.id);
  if (contactId === null) return null;
  return {
    id: contactId,
    fullName: text(c, ContactColumns.fullName),
    contactPersonId: text(c, ContactColumns.contactPersonId),
    sellable: boolean(c, ContactColumns.sellable),
    createdOn: date(c, "createdon"),
    modifiedOn: date(c, ContactColumns.modifiedOn),
  };
}

/** The records from the query's rows, or null when the lead was not returned (deleted or not readable). */
export function parseProvenanceRows(rows: readonly unknown[]): ProvenanceRecords | null {
  const row = rows.find((r): r is Row => typeof r === "object" && r !== null);
  if (!row) return null;
  const leadSnapshot = lead(row);
  if (!leadSnapshot) return null;
  return { lead: leadSnapshot, opportunity: opportunity(row), account: account(row), contact: contact(row) };
}
