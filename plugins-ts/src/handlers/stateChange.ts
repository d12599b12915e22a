import { LeadColumns, LeadState, OpportunityColumns, OpportunityState, type HandoffEvent } from "../../../core/src";
import { getEntity, getEntityReference, getOptionValue, normalizeGuid, type RemoteExecutionContext } from "../executionContext";
import { applyTransition, validateTransition } from "./prospectTransition";
import { readLead, readOpportunity, type LeadRecord } from "./records";
import { UnprocessableDeliveryError, type Handler, type HandlerInput, type Outcome } from "./types";

/**
 * Lead disqualify/reactivate and opportunity reopen arrive as Update (statecode in Target) or, from
 * older clients, as SetState (EntityMoniker + State). The synchronous step reads the row as it is
 * before the change; the asynchronous one compares against the step's PreImage.
 */

/** The record whose state changes: Target (Update) or EntityMoniker (SetState). */
function changedRecordId(context: RemoteExecutionContext, trimmed: boolean): string {
  const fromRequest =
    getEntity(context.inputParameters, "Target")?.id ?? getEntityReference(context.inputParameters, "EntityMoniker")?.id;
  const id = normalizeGuid(fromRequest) ?? normalizeGuid(context.primaryEntityId);
  if (id === null) {
    throw new UnprocessableDeliveryError(
      `${context.messageName} of ${context.primaryEntityName}: the record cannot be identified (no Target, no EntityMoniker${trimmed ? " — the payload was trimmed" : ""}, no PrimaryEntityId).`,
    );
  }
  return id;
}

/** The statecode the request sets; undefined when the request does not say (or was trimmed away). */
function requestedState(context: RemoteExecutionContext, stateColumn: string): number | undefined {
  const target = getEntity(context.inputParameters, "Target");
  if (target) return getOptionValue(target.attributes, stateColumn);
  return getOptionValue(context.inputParameters, "State");
}

function stateBefore(context: RemoteExecutionContext, stateColumn: string): number | undefined {
  const image = context.preEntityImages.get("PreImage");
  return image ? getOptionValue(image.attributes, stateColumn) : undefined;
}

const notApplicable = (message: string): Outcome => ({ kind: "notApplicable", message });

function leadEvent(state: number): HandoffEvent | null {
  if (state === LeadState.Disqualified) return "disqualify";
  if (state === LeadState.Open) return "reactivate";
  return null; // Qualified: QualifyLead's own steps handle it.
}

async function commerceLeadById(input: HandlerInput, id: string): Promise<LeadRecord | Outcome> {
  const lead = await readLead(input.dataverse, id);
  if (lead === null) return notApplicable(`Lead ${id} does not exist.`);
  if (!lead.isCommerceB2BProspect) return notApplicable(`Lead ${id} is not a Commerce B2B lead.`);
  return lead;
}

const isOutcome = (value: LeadRecord | Outcome): value is Outcome => "kind" in value;

export const validateLeadState: Handler = async (input) => {
  const lead = await commerceLeadById(input, changedRecordId(input.context, input.trimmed));
  if (isOutcome(lead)) return lead;
  const requested = requestedState(input.context, LeadColumns.stateCode);
  if (requested === undefined) {
    if (!input.trimmed) return notApplicable(`The request does not change the state of lead ${lead.id}.`);
    // The new state was trimmed away. Whatever it is, an approved prospect's lead must keep its state.
    return validateTransition(input, lead, "disqualify");
  }
  if (requested === lead.stateCode) return notApplicable(`Lead ${lead.id} already has state ${requested}.`);
  const event = leadEvent(requested);
  return event === null ? notApplicable(`State ${requested} of lead ${lead.id} is handled by QualifyLead.`) : validateTransition(input, lead, event);
};

export const handOffLeadState: Handler = async (input) => {
  const lead = await commerceLeadById(input, changedRecordId(input.context, input.trimmed));
  if (isOutcome(lead)) return lead;
  // A trimmed payload has no Target: the lead's state now is the state the request set.
  const requested = requestedState(input.context, LeadColumns.stateCode) ?? (input.trimmed ? (lead.stateCode ?? undefined) : undefined);
  if (requested === undefined) return notApplicable(`The request did not change the state of lead ${lead.id}.`);
  if (stateBefore(input.context, LeadColumns.stateCode) === requested) {
    return { kind: "unchanged", message: `Lead ${lead.id} was already in state ${requested}.` };
  }
  const event = leadEvent(requested);
  return event === null ? notApplicable(`State ${requested} of lead ${lead.id} is handled by QualifyLead.`) : applyTransition(input, lead, event);
};

/** The Commerce B2B lead behind an opportunity, or why there is nothing to do. */
async function leadOfOpportunity(input: HandlerInput, opportunityId: string): Promise<LeadRecord | Outcome> {
  const opportunity = await readOpportunity(input.dataverse, opportunityId);
  if (opportunity === null) return notApplicable(`Opportunity ${opportunityId} does not exist.`);
  if (opportunity.originatingLeadId === null) return notApplicable(`Opportunity ${opportunityId} was not qualified from a lead.`);
  return commerceLeadById(input, opportunity.originatingLeadId);
}

export const validateOpportunityState: Handler = async (input) => {
  const id = changedRecordId(input.context, input.trimmed);
  const requested = requestedState(input.context, OpportunityColumns.stateCode);
  // Won and Lost go through WinOpportunity / LoseOpportunity; here only reopening matters.
  if (requested !== undefined && requested !== OpportunityState.Open) return notApplicable(`Opportunity ${id} is not being reopened.`);
  if (requested === undefined && !input.trimmed) return notApplicable(`The request does not change the state of opportunity ${id}.`);
  const opportunity = await readOpportunity(input.dataverse, id);
  if (opportunity?.stateCode === OpportunityState.Open) return notApplicable(`Opportunity ${id} is already open.`);
  const lead = await leadOfOpportunity(input, id);
  return isOutcome(lead) ? lead : validateTransition(input, lead, "reopen");
};

export const handOffOpportunityState: Handler = async (input) => {
  const id = changedRecordId(input.context, input.trimmed);
  const requested = requestedState(input.context, OpportunityColumns.stateCode);
  if (requested !== undefined && requested !== OpportunityState.Open) return notApplicable(`Opportunity ${id} was not reopened.`);
  if (requested === undefined && !input.trimmed) return notApplicable(`The request did not change the state of opportunity ${id}.`);
  if (stateBefore(input.context, OpportunityColumns.stateCode) === OpportunityState.Open) {
    return { kind: "unchanged", message: `Opportunity ${id} was already open.` };
  }
  if (requested === undefined) {
    // Trimmed: the opportunity's state now is the state the request set.
    const opportunity = await readOpportunity(input.dataverse, id);
    if (opportunity?.stateCode !== OpportunityState.Open) return notApplicable(`Opportunity ${id} was not reopened.`);
  }
  const lead = await leadOfOpportunity(input, id);
  return isOutcome(lead) ? lead : applyTransition(input, lead, "reopen");
};
