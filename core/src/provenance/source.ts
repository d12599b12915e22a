import { Entities } from "../columns";
import { parseGuid } from "./query";

/**
 * What the control knows before it calls anything: the form's table and record id, and the values
 * bound on the form. On a lead form the control is bound to `msdyn_prospectid` (and optionally reads
 * `msdyn_b2bcommerceprospect`); on opportunity, account and contact forms to `originatingleadid`.
 */
export interface SourceInputs {
  /** Logical name of the table the form shows (`context.mode.contextInfo.entityTypeName`). */
  formEntity: string | null;
  /** Id of the record the form shows; empty while the record is not saved yet. */
  formRecordId: string | null;
  /** Bound text value (the lead's prospect id), when bound to a text column. */
  boundText: string | null;
  /** Bound lookup value (originating lead), when bound to a lookup column. */
  boundLookup: { entityType: string; id: string } | null;
  /** The lead's Commerce B2B prospect flag, when the form passes it; null when not configured. */
  commerceFlag: boolean | null;
}

export type SourceDecision =
  /** Not a Commerce B2B record (or nothing to show yet): one quiet line, no Web API call. */
  | { kind: "notCommerce" }
  /** Query the provenance of this lead. */
  | { kind: "lead"; leadId: string };

export function decideProvenanceSource(inputs: SourceInputs): SourceDecision {
  const { boundText, boundLookup } = inputs;
  let leadId: string | null = null;
  if (inputs.formEntity === Entities.lead.logicalName) {
    // Dual-write fills the prospect id on every lead it creates from a Commerce prospect.
    if (inputs.commerceFlag !== false && boundText !== null && boundText.trim() !== "") leadId = parseGuid(inputs.formRecordId);
  } else if (boundLookup !== null && boundLookup.entityType === Entities.lead.logicalName) {
    // Opportunity, account, contact: the record came from a lead only when its originating lead is set.
    leadId = parseGuid(boundLookup.id);
  }
  return leadId === null ? { kind: "notCommerce" } : { kind: "lead", leadId };
}
