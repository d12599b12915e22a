import {
  describeProspectColumnRefusal,
  expectedProspectStatus,
  isProspectStatus,
  LeadColumns,
  leadStateDecides,
  type ProspectColumnRefusal,
  type ProspectStatusValue,
} from "../../../core/src";
import { getBoolean, getEntity, getEntityReference, getOptionValue, normalizeGuid, type ContextValue, type EntityValue } from "../executionContext";
import { preImage } from "./images";
import { leadOpportunityState, readLead } from "./records";
import { UnprocessableDeliveryError, type Handler, type HandlerInput, type Outcome } from "./types";
import { initiatingUser, readUser, userLanguage } from "./users";

/**
 * `msdyn_b2bprospectstatus` changes only through the hand-off. A synchronous PreValidation step on Update
 * of lead, filtered on the hand-off columns dual-write owns (the status, `msdyn_b2bcommerceprospect`,
 * `msdyn_prospectid`), refuses a direct change that the records do not support:
 *
 * - the status may become only what core `expectedProspectStatus` says for the lead and its opportunity
 *   as they are (Approved only with the opportunity won; Rejected only with the lead disqualified or the
 *   opportunity lost; Pending otherwise). Our asynchronous hand-off writes after the operation that
 *   raised it committed, and writes exactly that status, so it is never refused;
 * - whether the lead is a Commerce B2B prospect, and which prospect, are never changed in Sales;
 * - application users (`systemuser.applicationid` set) may change all three: dual-write's application
 *   user mirrors Commerce into Sales.
 *
 * Decided from the step's PreImage (registration/steps.ts): a lead that is not and does not become a Commerce
 * B2B lead, or a request that repeats the values the lead has, costs no Web API request. Only a qualified
 * lead's status change reads its opportunity (one FetchXML); only a change the records do not support
 * reads the user (one FetchXML: application id and language).
 */
interface LeadBefore {
  isCommerceB2BProspect: boolean;
  /** As stored: null when the column is empty. */
  prospectStatus: number | null;
  prospectId: string | null;
  stateCode: number | null;
  qualifyingOpportunityId: string | null;
}

const notApplicable = (message: string): Outcome => ({ kind: "notApplicable", message });

function text(values: ReadonlyMap<string, ContextValue>, key: string): string | null {
  const value = values.get(key);
  return typeof value === "string" && value !== "" ? value : null;
}

/** The PreImage, when taken with the registered columns (statecode is never null, so an image without it is not ours). */
function leadFromImage(input: HandlerInput): LeadBefore | null {
  const a = preImage(input, "prospectColumns.validate")?.attributes;
  if (!a) return null;
  // Entity images leave out null columns.
  return {
    isCommerceB2BProspect: getBoolean(a, LeadColumns.isCommerceB2BProspect) === true,
    prospectStatus: getOptionValue(a, LeadColumns.prospectStatus) ?? null,
    prospectId: text(a, LeadColumns.prospectId),
    stateCode: getOptionValue(a, LeadColumns.stateCode) ?? null,
    qualifyingOpportunityId: normalizeGuid(getEntityReference(a, LeadColumns.qualifyingOpportunity)?.id),
  };
}

async function leadFromDataverse(input: HandlerInput, id: string): Promise<LeadBefore | null> {
  const lead = await readLead(input.dataverse, id);
  if (lead === null) return null;
  return {
    isCommerceB2BProspect: lead.isCommerceB2BProspect,
    prospectStatus: lead.storedProspectStatus,
    prospectId: lead.prospectId,
    stateCode: lead.stateCode,
    qualifyingOpportunityId: lead.qualifyingOpportunityId,
  };
}

/** What the request changes of the hand-off columns (a column the request repeats unchanged is no change). */
interface RequestedChange {
  status: { to: number | null } | null;
  /** msdyn_b2bcommerceprospect or msdyn_prospectid. */
  identity: boolean;
  becomesCommerce: boolean;
}

function requestedChange(target: EntityValue, before: LeadBefore): RequestedChange {
  const a = target.attributes;
  const has = (column: string) => a.has(column);
  const status = has(LeadColumns.prospectStatus) ? (getOptionValue(a, LeadColumns.prospectStatus) ?? null) : undefined;
  const flag = has(LeadColumns.isCommerceB2BProspect) ? getBoolean(a, LeadColumns.isCommerceB2BProspect) === true : undefined;
  const prospectId = has(LeadColumns.prospectId) ? text(a, LeadColumns.prospectId) : undefined;
  return {
    status: status !== undefined && status !== before.prospectStatus ? { to: status } : null,
    identity: (flag !== undefined && flag !== before.isCommerceB2BProspect) || (prospectId !== undefined && prospectId !== before.prospectId),
    becomesCommerce: flag === true,
  };
}

/** The status the records support, reading the lead's opportunity only when the lead is qualified. */
async function supportedStatus(input: HandlerInput, leadId: string, before: LeadBefore): Promise<ProspectStatusValue | null> {
  const opportunityState = leadStateDecides(before.stateCode)
    ? null
    : await leadOpportunityState(input.dataverse, leadId, before.qualifyingOpportunityId);
  return expectedProspectStatus({ leadState: before.stateCode, opportunityState });
}

/**
 * Application users (dual-write's) pass; anyone else is refused, in the language of the user the step
 * runs for. One read of the user who started the operation (also when the step runs as another user):
 * whether an application signs in as them, and their language.
 */
async function refuseUnlessApplicationUser(
  input: HandlerInput,
  id: string,
  reason: ProspectColumnRefusal,
  expected?: ProspectStatusValue | null,
): Promise<Outcome> {
  const initiator = await readUser(input.dataverse, initiatingUser(input.context));
  if (initiator.isApplicationUser) {
    return { kind: "allowed", message: `An application user changes the hand-off columns of lead ${id} (${reason} does not apply to it).` };
  }
  const language = normalizeGuid(input.context.userId) === initiator.id ? initiator.language : await userLanguage(input.dataverse, input.context.userId);
  return { kind: "refused", reason, message: describeProspectColumnRefusal(reason, language, expected) };
}

export const validateProspectColumns: Handler = async (input) => {
  const target = getEntity(input.context.inputParameters, "Target");
  const id = normalizeGuid(target?.id) ?? normalizeGuid(input.context.primaryEntityId);
  if (id === null) {
    throw new UnprocessableDeliveryError(`Update of lead: the record cannot be identified (no Target${input.trimmed ? " — the payload was trimmed" : ""}, no PrimaryEntityId).`);
  }
  const before = leadFromImage(input) ?? (await leadFromDataverse(input, id));
  if (before === null) return notApplicable(`Lead ${id} does not exist.`);

  if (!target) {
    // Trimmed: the request named a hand-off column (the step filters on them), but not which value.
    if (!before.isCommerceB2BProspect) return notApplicable(`Lead ${id} is not a Commerce B2B lead.`);
    return refuseUnlessApplicationUser(input, id, "prospectChangeNotVisible");
  }

  const change = requestedChange(target, before);
  if (!before.isCommerceB2BProspect && !change.becomesCommerce) return notApplicable(`Lead ${id} is not a Commerce B2B lead.`);
  if (change.status === null && !change.identity) return notApplicable(`The request leaves the hand-off columns of lead ${id} as they are.`);

  let refusal: { reason: ProspectColumnRefusal; expected?: ProspectStatusValue | null } | null = null;
  if (change.identity) {
    refusal = { reason: "dualWriteColumnsOnly" };
  } else if (change.status !== null) {
    const expected = await supportedStatus(input, id, before);
    const to = change.status.to;
    if (isProspectStatus(to) && to === expected) {
      return { kind: "allowed", message: `Prospect status ${to} of lead ${id} is what the records say (lead state ${before.stateCode}).` };
    }
    refusal = { reason: "prospectStatusNotConsistent", expected };
  }
  if (refusal === null) return notApplicable(`The request leaves the hand-off columns of lead ${id} as they are.`);
  // Dual-write's application user mirrors Commerce; application users pass.
  return refuseUnlessApplicationUser(input, id, refusal.reason, refusal.expected);
};
