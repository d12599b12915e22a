import { Entities, LeadColumns, isProspectStatus, type ProspectStatusValue } from "../../../core/src/columns";
import type { LeadForQualification } from "../../../core/src/qualification";
import { normalizeId } from "../shared/ids";
import { perLoadCache } from "../shared/perLoadCache";

/** What the form scripts need to know about a lead, wherever it was read from. */
export interface CommerceLead {
  id: string;
  isCommerce: boolean;
  prospectId: string | null;
  prospectStatus: ProspectStatusValue | null;
  currencyId: string | null;
  qualification: LeadForQualification;
}

/** The Commerce columns dual-write fills on a lead from a Commerce prospect. */
const COMMERCE_COLUMNS = [LeadColumns.isCommerceB2BProspect, LeadColumns.prospectId, LeadColumns.prospectStatus] as const;

/** The text columns the qualification check reads: LeadForQualification is keyed by their logical names. */
const QUALIFICATION_TEXT_COLUMNS = [LeadColumns.companyName, LeadColumns.firstName, LeadColumns.lastName, LeadColumns.email] as const;

/** The lead columns the checks read; every one must be on the form for a zero-call read. */
const FORM_COLUMNS = [...COMMERCE_COLUMNS, ...QUALIFICATION_TEXT_COLUMNS, LeadColumns.currency];

const LEAD_SELECT = [LeadColumns.id, ...COMMERCE_COLUMNS, ...QUALIFICATION_TEXT_COLUMNS, `_${LeadColumns.currency}_value`].join(",");

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function status(value: unknown): ProspectStatusValue | null {
  return isProspectStatus(value) ? value : null;
}

function lookupIdOf(value: unknown): string | null {
  const lookup = value as Xrm.LookupValue[] | null;
  return lookup && lookup.length > 0 ? normalizeId(lookup[0].id) : null;
}

/** The form's values for the columns it carries, over `base` (unsaved edits count). */
function withFormValues(form: Xrm.FormContext, base: CommerceLead): CommerceLead {
  const has = (column: string) => !!form.getAttribute(column);
  const value = (column: string): unknown => form.getAttribute(column)?.getValue();
  const q = { ...base.qualification };
  for (const column of QUALIFICATION_TEXT_COLUMNS) if (has(column)) q[column] = text(value(column));
  if (has(LeadColumns.currency)) q.transactioncurrencyid = lookupIdOf(value(LeadColumns.currency));
  return {
    ...base,
    isCommerce: has(LeadColumns.isCommerceB2BProspect) ? value(LeadColumns.isCommerceB2BProspect) === true : base.isCommerce,
    prospectId: has(LeadColumns.prospectId) ? text(value(LeadColumns.prospectId)) : base.prospectId,
    prospectStatus: has(LeadColumns.prospectStatus) ? status(value(LeadColumns.prospectStatus)) : base.prospectStatus,
    currencyId: q.transactioncurrencyid ?? null,
    qualification: q,
  };
}

function emptyLead(id: string): CommerceLead {
  return { id, isCommerce: false, prospectId: null, prospectStatus: null, currencyId: null, qualification: {} };
}

/** Reads the lead from the form; undefined when a column the checks need is not on this form. */
function readLeadFromForm(form: Xrm.FormContext): CommerceLead | undefined {
  if (FORM_COLUMNS.some((column) => !form.getAttribute(column))) return undefined;
  return withFormValues(form, emptyLead(normalizeId(form.data.entity.getId())));
}

/** Maps a Web API lead record (selected with LEAD_SELECT). */
function leadFromRecord(record: Record<string, unknown>): CommerceLead {
  const rawCurrency = text(record[`_${LeadColumns.currency}_value`]);
  const currencyId = rawCurrency ? normalizeId(rawCurrency) : null;
  return {
    id: normalizeId(text(record[LeadColumns.id])),
    isCommerce: record[LeadColumns.isCommerceB2BProspect] === true,
    prospectId: text(record[LeadColumns.prospectId]),
    prospectStatus: status(record[LeadColumns.prospectStatus]),
    currencyId,
    qualification: {
      ...Object.fromEntries(QUALIFICATION_TEXT_COLUMNS.map((column) => [column, text(record[column])])),
      transactioncurrencyid: currencyId,
    },
  };
}

/** The lead when the form alone tells (see commerceLeadOf); undefined when only a Web API read can. */
export function leadKnownFromForm(form: Xrm.FormContext): CommerceLead | undefined {
  const fromForm = readLeadFromForm(form);
  if (fromForm) return fromForm;
  const prospectId = form.getAttribute(LeadColumns.prospectId);
  const hasFlag = !!form.getAttribute(LeadColumns.isCommerceB2BProspect);
  if (!hasFlag && prospectId && !text(prospectId.getValue())) return emptyLead(normalizeId(form.data.entity.getId()));
  return undefined;
}

/** Per record: OnLoad, OnChange and OnSave of one form load share one read when the form lacks columns. */
const readThroughCache = perLoadCache<CommerceLead>();

/**
 * The lead behind a form. Read from the form when it carries the Commerce columns (no Web API call).
 * A form without the Commerce flag but with an empty prospect id shows a lead dual-write did not
 * create (its Prospects map always writes the prospect id): not Commerce, no call either. Otherwise
 * one retrieve per form load, shared by the form's handlers; the form's own values still win, so
 * unsaved edits count. Null for a record that is not saved yet.
 */
export async function commerceLeadOf(form: Xrm.FormContext, forOnLoad = false): Promise<CommerceLead | null> {
  const id = normalizeId(form.data.entity.getId());
  if (!id) return null;
  const known = leadKnownFromForm(form);
  if (known) return known;
  const stored = await readThroughCache(id, forOnLoad, async () =>
    leadFromRecord((await Xrm.WebApi.retrieveRecord(Entities.lead.logicalName, id, `?$select=${LEAD_SELECT}`)) as Record<string, unknown>),
  );
  return withFormValues(form, stored);
}
