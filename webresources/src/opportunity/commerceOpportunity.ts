import { AccountColumns, ContactColumns, Entities, LeadColumns, OpportunityColumns, isProspectStatus, type ProspectStatusValue } from "../../../core/src/columns";
import type { CloseWonCustomers } from "../../../core/src/qualification";
import { normalizeId } from "../shared/ids";

/** What the form tells about Close as Won / Lost: the opportunity and the records around it. */
export interface CommerceOpportunity {
  id: string;
  /** Its originating lead is a Commerce B2B lead. */
  isCommerce: boolean;
  prospectId: string | null;
  prospectStatus: ProspectStatusValue | null;
  customers: CloseWonCustomers;
}

const NOT_COMMERCE = (id: string): CommerceOpportunity => ({
  id,
  isCommerce: false,
  prospectId: null,
  prospectStatus: null,
  customers: { hasAccount: false, hasContact: false },
});

/**
 * One retrieve with $expand reads the originating lead, the account and the contact together: the
 * single Web API call an opportunity with an originating lead costs per form load.
 */
const OPTIONS =
  `?$select=${OpportunityColumns.id}` +
  `&$expand=${OpportunityColumns.originatingLead}($select=${LeadColumns.isCommerceB2BProspect},${LeadColumns.prospectId},${LeadColumns.prospectStatus})` +
  `,${OpportunityColumns.parentAccount}($select=${AccountColumns.accountNumber})` +
  `,${OpportunityColumns.parentContact}($select=${ContactColumns.contactPersonId})`;

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

async function retrieveCommerceOpportunity(id: string): Promise<CommerceOpportunity> {
  const record = (await Xrm.WebApi.retrieveRecord(Entities.opportunity.logicalName, id, OPTIONS)) as Record<string, unknown>;
  const lead = record[OpportunityColumns.originatingLead] as Record<string, unknown> | null | undefined;
  if (!lead || lead[LeadColumns.isCommerceB2BProspect] !== true) return NOT_COMMERCE(id);
  const account = record[OpportunityColumns.parentAccount] as Record<string, unknown> | null | undefined;
  const contact = record[OpportunityColumns.parentContact] as Record<string, unknown> | null | undefined;
  const status = lead[LeadColumns.prospectStatus];
  return {
    id,
    isCommerce: true,
    prospectId: text(lead[LeadColumns.prospectId]),
    prospectStatus: isProspectStatus(status) ? status : null,
    customers: {
      hasAccount: !!account,
      hasContact: !!contact,
      accountNumber: account ? text(account[AccountColumns.accountNumber]) : null,
      contactPersonId: contact ? text(contact[ContactColumns.contactPersonId]) : null,
    },
  };
}

function lookupId(form: Xrm.FormContext, column: string): string | undefined {
  const attribute = form.getAttribute(column);
  if (!attribute) return undefined;
  const value = attribute.getValue() as Xrm.LookupValue[] | null;
  return value && value.length > 0 ? normalizeId(value[0].id) : "";
}

/**
 * The Commerce view of the opportunity on a form. No Web API call when the originating lead is on
 * the form and empty (the opportunity did not come from a lead); otherwise one call. Null for a
 * record that is not saved yet.
 */
export async function commerceOpportunityOf(form: Xrm.FormContext): Promise<CommerceOpportunity | null> {
  const id = normalizeId(form.data.entity.getId());
  if (!id) return null;
  if (lookupId(form, OpportunityColumns.originatingLead) === "") return NOT_COMMERCE(id);
  return retrieveCommerceOpportunity(id);
}
