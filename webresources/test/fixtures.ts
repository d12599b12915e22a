import { LeadColumns, ProspectStatus } from "../../core/src";
import type { Harness } from "./xrmHarness";

export const EURO: Xrm.LookupValue = { id: "{6C3B4D7E-0000-4000-8000-000000000001}", name: "Euro", entityType: "transactioncurrency" };

export interface LeadValues {
  isCommerce: boolean | null;
  prospectId: string | null;
  prospectStatus: number | null;
  companyName: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  currency: Xrm.LookupValue | null;
}

export const COMPLETE_COMMERCE_LEAD: LeadValues = {
  isCommerce: true,
  prospectId: "P-000123",
  prospectStatus: ProspectStatus.Pending,
  companyName: "Fabrikam Oy",
  firstName: "Aino",
  lastName: "Virtanen",
  email: "aino@fabrikam.fi",
  currency: EURO,
};

export interface LeadFormLayout {
  /** Whether the form carries msdyn_b2bcommerceprospect (admins' own forms may not). */
  withFlag?: boolean;
  /** Control names per column, for columns shown more than once (body and header). */
  controls?: Partial<Record<string, string[]>>;
}

/** Puts the lead columns on the harness form, as a Commerce B2B lead form carries them. */
export function putLeadOnForm(h: Harness, overrides: Partial<LeadValues> = {}, layout: LeadFormLayout = {}): LeadValues {
  const v = { ...COMPLETE_COMMERCE_LEAD, ...overrides };
  const controls = layout.controls ?? {};
  if (layout.withFlag ?? true) h.boolean(LeadColumns.isCommerceB2BProspect, v.isCommerce);
  h.string(LeadColumns.prospectId, v.prospectId);
  h.optionSet(LeadColumns.prospectStatus, v.prospectStatus);
  h.string(LeadColumns.companyName, v.companyName, controls[LeadColumns.companyName]);
  h.string(LeadColumns.firstName, v.firstName);
  h.string(LeadColumns.lastName, v.lastName, controls[LeadColumns.lastName]);
  h.string(LeadColumns.email, v.email, controls[LeadColumns.email]);
  h.lookup(LeadColumns.currency, v.currency, controls[LeadColumns.currency]);
  return v;
}

/** A lead as the Web API returns it for the form scripts' $select. */
export function leadRecord(id: string, overrides: Partial<LeadValues> = {}): Record<string, unknown> {
  const v = { ...COMPLETE_COMMERCE_LEAD, ...overrides };
  return {
    leadid: id.replace(/[{}]/g, "").toLowerCase(),
    msdyn_b2bcommerceprospect: v.isCommerce,
    msdyn_prospectid: v.prospectId,
    msdyn_b2bprospectstatus: v.prospectStatus,
    companyname: v.companyName,
    firstname: v.firstName,
    lastname: v.lastName,
    emailaddress1: v.email,
    _transactioncurrencyid_value: v.currency ? v.currency.id.replace(/[{}]/g, "").toLowerCase() : null,
  };
}
