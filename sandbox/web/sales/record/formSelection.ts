import { LeadColumns, OpportunityColumns, Solution } from "../../../../core/src";
import type { LanguageId, SalesSession } from "../../shared/session";
import { bareId } from "../clientApi/entityMetadata";
import { webApiError } from "../clientApi/webApiErrors";
import { parseFormXml, type FormDefinition } from "./formXml";

export interface MainForm {
  formId: string;
  name: string;
  formXml: string;
  /** Carries a script library of the solution's publisher: the Commerce B2B form. */
  isCommerceForm: boolean;
}

const ourLibrary = new RegExp(`<Library\\s+name="${Solution.publisherPrefix}_/`, "i");

/** The table's active main forms (systemform type 2), as the form selector lists them. */
export async function loadMainForms(session: SalesSession, entityName: string): Promise<MainForm[]> {
  const response = await session.fetchApi(
    `systemforms?$select=formid,name,formxml&$filter=objecttypecode eq '${entityName}' and type eq 2 and formactivationstate eq 1&$orderby=name asc`,
  );
  if (!response.ok) throw await webApiError(response);
  const body = (await response.json()) as { value: { formid: string; name: string; formxml: string }[] };
  return body.value.map((row) => ({ formId: row.formid, name: row.name, formXml: row.formxml, isCommerceForm: ourLibrary.test(row.formxml) }));
}

/**
 * Whether the record came from Commerce: a lead dual-write created (msdyn_b2bcommerceprospect), or an
 * opportunity qualified from such a lead. One small read; false for a new record.
 */
export async function isCommerceRecord(session: SalesSession, entityName: string, id: string | undefined): Promise<boolean> {
  if (!id) return false;
  if (entityName === "lead") {
    const response = await session.fetchApi(`leads(${bareId(id)})?$select=${LeadColumns.isCommerceB2BProspect}`);
    if (!response.ok) throw await webApiError(response);
    return ((await response.json()) as Record<string, unknown>)[LeadColumns.isCommerceB2BProspect] === true;
  }
  if (entityName === "opportunity") {
    const response = await session.fetchApi(
      `opportunities(${bareId(id)})?$select=${OpportunityColumns.id}&$expand=${OpportunityColumns.originatingLead}($select=${LeadColumns.isCommerceB2BProspect})`,
    );
    if (!response.ok) throw await webApiError(response);
    const lead = ((await response.json()) as Record<string, Record<string, unknown> | null>)[OpportunityColumns.originatingLead];
    return lead?.[LeadColumns.isCommerceB2BProspect] === true;
  }
  return false;
}

/**
 * The form to open: the one asked for; else the Commerce B2B form for a Commerce record; else the
 * first in the selector's order (the real app would use the user's last-used form).
 */
export function pickForm(forms: MainForm[], requestedFormId: string | undefined, commerce: boolean): MainForm | undefined {
  const requested = requestedFormId && forms.find((f) => bareId(f.formId) === bareId(requestedFormId));
  if (requested) return requested;
  if (commerce) {
    const ours = forms.find((f) => f.isCommerceForm);
    if (ours) return ours;
  }
  return forms.find((f) => !f.isCommerceForm) ?? forms[0];
}

export function definitionOf(form: MainForm, languageId: LanguageId): FormDefinition {
  return parseFormXml(form.formXml, languageId);
}
