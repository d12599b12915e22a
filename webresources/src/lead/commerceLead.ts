import {
  Entities,
  LeadColumns,
  isProspectStatus,
  type LeadForQualification,
  type ProspectStatusValue,
} from "../../../core/src";
import { normalizeId } from "../shared/ids";

/** What the form scripts need to know about a lead, wherever it was read from. */
export interface CommerceLead {
  id: string;
  isCommerce: boolean;
  prospectId: string | null;
  prospectStatus: ProspectStatusValue | null;
  /** For messages that list several leads (grid); attacker-controlled, show with plainText. */
  displayName: string;
  currencyId: string | null;
  qualification: LeadForQualification;
}

/** The lead columns the checks read; every one must be on the form for a zero-call read. */
const FORM_COLUMNS = [
  LeadColumns.isCommerceB2BProspect,
  LeadColumns.prospectId,
  LeadColumns.prospectStatus,
  LeadColumns.companyName,
  LeadColumns.firstName,
  LeadColumns.lastName,
  LeadColumns.email,
  LeadColumns.currency,
] as const;

export const LEAD_SELECT = [
  LeadColumns.id,
  LeadColumns.isCommerceB2BProspect,
  LeadColumns.prospectId,
  LeadColumns.prospectStatus,
  LeadColumns.fullName,
  LeadColumns.companyName,
  LeadColumns.firstName,
  LeadColumns.lastName,
  LeadColumns.email,
  `_${LeadColumns.currency}_value`,
].join(",");

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function status(value: unknown): ProspectStatusValue | null {
  return isProspectStatus(value) ? value : null;
}

/** Reads the lead from the form; undefined when a column the checks need is not on this form. */
export function readLeadFromForm(form: Xrm.FormContext): CommerceLead | undefined {
  if (FORM_COLUMNS.some((column) => !form.getAttribute(column))) return undefined;
  const value = (column: string): unknown => form.getAttribute(column)?.getValue();
  const currency = value(LeadColumns.currency) as Xrm.LookupValue[] | null;
  const currencyId = currency && currency.length > 0 ? normalizeId(currency[0].id) : null;
  const qualification: LeadForQualification = {
    companyname: text(value(LeadColumns.companyName)),
    firstname: text(value(LeadColumns.firstName)),
    lastname: text(value(LeadColumns.lastName)),
    emailaddress1: text(value(LeadColumns.email)),
    transactioncurrencyid: currencyId,
  };
  return {
    id: normalizeId(form.data.entity.getId()),
    isCommerce: value(LeadColumns.isCommerceB2BProspect) === true,
    prospectId: text(value(LeadColumns.prospectId)),
    prospectStatus: status(value(LeadColumns.prospectStatus)),
    displayName: [qualification.firstname, qualification.lastname].filter(Boolean).join(" ") || (qualification.companyname ?? ""),
    currencyId,
    qualification,
  };
}

/** Maps a Web API lead record (selected with LEAD_SELECT). */
export function leadFromRecord(record: Record<string, unknown>): CommerceLead {
  const currencyId = text(record[`_${LeadColumns.currency}_value`]);
  return {
    id: normalizeId(text(record[LeadColumns.id])),
    isCommerce: record[LeadColumns.isCommerceB2BProspect] === true,
    prospectId: text(record[LeadColumns.prospectId]),
    prospectStatus: status(record[LeadColumns.prospectStatus]),
    displayName: text(record[LeadColumns.fullName]) ?? text(record[LeadColumns.companyName]) ?? "",
    currencyId: currencyId ? normalizeId(currencyId) : null,
    qualification: {
      companyname: text(record[LeadColumns.companyName]),
      firstname: text(record[LeadColumns.firstName]),
      lastname: text(record[LeadColumns.lastName]),
      emailaddress1: text(record[LeadColumns.email]),
      transactioncurrencyid: currencyId,
    },
  };
}

/**
 * The lead behind a form: read from the form when it carries the columns (no Web API call), else
 * one retrieve. Null for a record that is not saved yet.
 */
export async function commerceLeadOf(form: Xrm.FormContext): Promise<CommerceLead | null> {
  const id = normalizeId(form.data.entity.getId());
  if (!id) return null;
  const fromForm = readLeadFromForm(form);
  if (fromForm) return fromForm;
  const record = await Xrm.WebApi.retrieveRecord(Entities.lead.logicalName, id, `?$select=${LEAD_SELECT}`);
  return leadFromRecord(record as Record<string, unknown>);
}

/** Selected grid leads in one Web API call. */
export async function retrieveLeads(ids: readonly string[]): Promise<CommerceLead[]> {
  if (ids.length === 0) return [];
  const filter = ids.map((id) => `${LeadColumns.id} eq ${normalizeId(id)}`).join(" or ");
  const result = await Xrm.WebApi.retrieveMultipleRecords(
    Entities.lead.logicalName,
    `?$select=${LEAD_SELECT}&$filter=${filter}`,
  );
  return result.entities.map((record) => leadFromRecord(record));
}
