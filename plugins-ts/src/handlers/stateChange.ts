import {
  decideTransition,
  isProspectStatus,
  Languages,
  LeadColumns,
  LeadState,
  OpportunityColumns,
  OpportunityState,
  ProspectStatus,
  requiresApprover,
  type HandoffEvent,
} from "../../../core/src";
import {
  getBoolean,
  getEntity,
  getEntityReference,
  getOptionValue,
  normalizeGuid,
  type EntityValue,
  type RemoteExecutionContext,
} from "../executionContext";
import { approverPlan, approverRefusal, approverUser, type ApproverFacts } from "./approver";
import type { FetchLink } from "./fetchXml";
import { noteFromLink, noteLink } from "./handoffNote";
import { preImage } from "./images";
import { applyTransition, transitionNoteId, validateTransition, type TransitionLead } from "./prospectTransition";
import { known, mapPlan, readTogether, type ReadPlan } from "./readPlan";
import { fetchLeadRows, leadFromFetch, leadPlan, leadRowsPlan, opportunityFromFetch, opportunityOfLead, type LeadRecord } from "./records";
import { stale, UnprocessableDeliveryError, type Handler, type HandlerInput, type Outcome } from "./types";
import { initiatingUser, languagePlan, modifiedByLinks, userFromLink } from "./users";

/**
 * Lead disqualify/reactivate and opportunity reopen arrive as Update (statecode in Target) or, from
 * older clients, as SetState (EntityMoniker + State). Both steps of each carry a PreImage (statecode,
 * and the columns that say whether the record is a Commerce B2B one; images.ts): the synchronous step
 * decides from it, the asynchronous one compares against it and reads the lead it writes to — with the
 * opportunity, the note and the user, in one FetchXML. Without an image (trimmed payload,
 * hand-registered step) the rows are read instead.
 *
 * The asynchronous hand-off acts on the records as they are now, never on the message alone: the lead's
 * (or the opportunity's) statecode read now decides, and a delivery about another state than the one
 * the record is in (stale, replayed, out of order, forged) changes nothing.
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

/** The state before the request, from the step's PreImage; undefined without one. */
function stateBefore(input: HandlerInput, handler: "leadState.handoff" | "opportunityState.handoff", stateColumn: string): number | undefined {
  const image = preImage(input, handler);
  return image ? getOptionValue(image.attributes, stateColumn) : undefined;
}

const notApplicable = (message: string): Outcome => ({ kind: "notApplicable", message });
const notCommerceLead = (id: string): Outcome => notApplicable(`Lead ${id} is not a Commerce B2B lead.`);

function leadEvent(state: number): HandoffEvent | null {
  if (state === LeadState.Disqualified) return "disqualify";
  if (state === LeadState.Open) return "reactivate";
  return null; // Qualified: QualifyLead's own steps handle it.
}

/** The Commerce B2B lead by id, or why there is nothing to do. */
function commerceLeadById(id: string): ReadPlan<LeadRecord | Outcome> {
  return mapPlan(leadPlan(id), (lead) => (lead === null ? notApplicable(`Lead ${id} does not exist.`) : !lead.isCommerceB2BProspect ? notCommerceLead(id) : lead));
}

const isOutcome = (value: object): value is Outcome => "kind" in value;

/** What the synchronous lead step decides on, from the PreImage (a null flag is left out of it: not Commerce). */
function leadFromImage(id: string, image: EntityValue): TransitionLead & { isCommerceB2BProspect: boolean; stateCode: number | null } {
  const status = getOptionValue(image.attributes, LeadColumns.prospectStatus);
  return {
    id,
    isCommerceB2BProspect: getBoolean(image.attributes, LeadColumns.isCommerceB2BProspect) === true,
    prospectStatus: isProspectStatus(status) ? status : ProspectStatus.Pending,
    stateCode: getOptionValue(image.attributes, LeadColumns.stateCode) ?? null,
  };
}

/** What deciding a lead event may need besides the lead: the approver rule (when read) and the languages a refusal speaks. */
interface RuleFacts {
  approver: ApproverFacts | null;
  languageOf: (userId: string) => number;
}

/** The reads of RuleFacts: the approver rule when asked for, and the languages of the user and of the one who started the operation. */
function rulePlans(input: HandlerInput, approver: boolean): [ReadPlan<ApproverFacts | null>, ReadPlan<(userId: string) => number>] {
  return [approver ? approverPlan(input) : known(null), languagePlan(input.context.userId, approver ? approverUser(input) : null)];
}

/** The rules, then (for disqualify) the approver role: refuses with the first that says no. */
function decideLeadEvent(input: HandlerInput, lead: TransitionLead, event: HandoffEvent, facts: RuleFacts): Outcome {
  const transition = validateTransition(input, lead, event, facts.languageOf);
  if (transition.kind === "refused" || !requiresApprover(event) || facts.approver === null) return transition;
  return approverRefusal(facts.approver, event, facts.languageOf) ?? transition;
}

/**
 * A lead event decided from what the PreImage says of the lead: no read when the rules allow it and it
 * needs no role (reactivating); else what the decision needs, in one round trip.
 */
async function validateLeadEvent(input: HandlerInput, lead: TransitionLead, event: HandoffEvent): Promise<Outcome> {
  const allowed = decideTransition(lead.prospectStatus, event).allowed;
  if (allowed && !requiresApprover(event)) return decideLeadEvent(input, lead, event, { approver: null, languageOf: () => Languages.English });
  const [approver, languageOf] = await readTogether(input.dataverse, ...rulePlans(input, allowed));
  return decideLeadEvent(input, lead, event, { approver, languageOf });
}

/**
 * Synchronous: a Commerce B2B lead may be disqualified or reactivated only as the prospect state machine
 * allows, and disqualified only by an approver when `cb2b_RequireApproverRole` is on. Decided from the
 * PreImage: a lead that is not a Commerce B2B one costs no Web API request.
 */
export const validateLeadState: Handler = async (input) => {
  const id = changedRecordId(input.context, input.trimmed);
  const requested = requestedState(input.context, LeadColumns.stateCode);
  if (requested === undefined && !input.trimmed) return notApplicable(`The request does not change the state of lead ${id}.`);
  const event = requested === undefined ? null : leadEvent(requested);
  if (requested !== undefined && event === null) return notApplicable(`State ${requested} of lead ${id} is handled by QualifyLead.`);
  const image = preImage(input, "leadState.validate");
  if (image) {
    const lead = leadFromImage(id, image);
    if (!lead.isCommerceB2BProspect) return notCommerceLead(id);
    if (requested === undefined || event === null) return validateLeadEvent(input, lead, "disqualify");
    if (requested === lead.stateCode) return notApplicable(`Lead ${id} already has state ${requested}.`);
    return validateLeadEvent(input, lead, event);
  }
  // No image (trimmed payload, hand-registered step): the lead and what a refusal needs, in one round trip.
  const [read, approver, languageOf] = await readTogether(input.dataverse, commerceLeadById(id), ...rulePlans(input, true));
  if (isOutcome(read)) return read;
  // The new state was trimmed away. Whatever it is, an approved prospect's lead must keep its state, and
  // since it may be a disqualification, the approver rule applies too.
  if (requested === undefined || event === null) return decideLeadEvent(input, read, "disqualify", { approver, languageOf });
  if (requested === read.stateCode) return notApplicable(`Lead ${id} already has state ${requested}.`);
  return decideLeadEvent(input, read, event, { approver, languageOf });
};

/**
 * After a lead's state changed: the lead's statecode read now decides — disqualified → Rejected, open
 * again → Pending. A delivery about another state than the lead's current one changes nothing. One
 * FetchXML reads the lead, the notes of the transitions the delivery can be about and the user who
 * changed the lead; a lead the PreImage shows is not a Commerce B2B one costs no request.
 */
export const handOffLeadState: Handler = async (input) => {
  const id = changedRecordId(input.context, input.trimmed);
  const image = preImage(input, "leadState.handoff");
  if (image && getBoolean(image.attributes, LeadColumns.isCommerceB2BProspect) !== true) return notCommerceLead(id);
  // A trimmed payload has no Target: then the lead's state now is all there is to go on.
  const requested = requestedState(input.context, LeadColumns.stateCode);
  if (requested === undefined && !input.trimmed) return notApplicable(`The request did not change the state of lead ${id}.`);
  if (requested !== undefined && stateBefore(input, "leadState.handoff", LeadColumns.stateCode) === requested) {
    return { kind: "unchanged", message: `Lead ${id} was already in state ${requested}.` };
  }
  const requestedEvent = requested === undefined ? undefined : leadEvent(requested);
  const events: HandoffEvent[] = requestedEvent === undefined ? ["disqualify", "reactivate"] : requestedEvent === null ? [] : [requestedEvent];
  const userId = initiatingUser(input.context);
  const notes = events.map((event) => ({ event, alias: `note_${event}`, id: transitionNoteId({ entity: "lead", id }, event) }));
  const [row] = await fetchLeadRows(input.dataverse, { [LeadColumns.id]: id }, [...notes.map((n) => noteLink(n.id, n.alias)), ...modifiedByLinks(userId)]);
  const lead = row ? leadFromFetch(row) : null;
  if (!row || lead === null) return notApplicable(`Lead ${id} does not exist.`);
  if (!lead.isCommerceB2BProspect) return notCommerceLead(id);
  const current = lead.stateCode;
  if (requested !== undefined && requested !== current) {
    return stale("leadStateDiffers", `The delivery is about state ${requested} of lead ${lead.id}, but the lead is in state ${current ?? "unknown"} now: nothing changed.`);
  }
  const event = current === null ? null : leadEvent(current);
  if (event === null) return notApplicable(`State ${current ?? "unknown"} of lead ${lead.id} is handled by QualifyLead.`);
  const note = notes.find((n) => n.event === event);
  return applyTransition(input, lead, event, null, { note: note ? noteFromLink(row, note.alias) : null, author: userFromLink(row, userId) });
};

/**
 * The opportunity's state before the request and the Commerce B2B lead it was qualified from, or why
 * there is nothing to do. From the PreImage and the lead (one read; none when the image shows no
 * originating lead), else one FetchXML for both.
 */
function opportunityAndLead(input: HandlerInput, id: string): ReadPlan<{ stateCode: number | null; lead: LeadRecord } | Outcome> {
  const image = preImage(input, "opportunityState.validate");
  if (image) {
    const originatingLeadId = normalizeGuid(getEntityReference(image.attributes, OpportunityColumns.originatingLead)?.id);
    const stateCode = getOptionValue(image.attributes, OpportunityColumns.stateCode) ?? null;
    if (stateCode === OpportunityState.Open) return known(notApplicable(`Opportunity ${id} is already open.`));
    if (originatingLeadId === null) return known(notApplicable(`Opportunity ${id} was not qualified from a lead.`));
    return mapPlan(commerceLeadById(originatingLeadId), (lead) => (isOutcome(lead) ? lead : { stateCode, lead }));
  }
  return mapPlan(leadRowsPlan({}, [opportunityOfLead(id, "inner")]), ([row]) => {
    const lead = row ? leadFromFetch(row) : null;
    const opportunity = row && lead ? opportunityFromFetch(row, lead.id) : null;
    if (lead === null || opportunity === null) return notApplicable(`Opportunity ${id} does not exist or was not qualified from a lead.`);
    if (opportunity.stateCode === OpportunityState.Open) return notApplicable(`Opportunity ${id} is already open.`);
    return lead.isCommerceB2BProspect ? { stateCode: opportunity.stateCode, lead } : notCommerceLead(lead.id);
  });
}

/**
 * Synchronous: reopening is refused once the prospect is approved. Won and Lost go through
 * WinOpportunity / LoseOpportunity; here only reopening matters. An opportunity not qualified from a
 * lead costs no Web API request (PreImage).
 */
export const validateOpportunityState: Handler = async (input) => {
  const id = changedRecordId(input.context, input.trimmed);
  const requested = requestedState(input.context, OpportunityColumns.stateCode);
  if (requested !== undefined && requested !== OpportunityState.Open) return notApplicable(`Opportunity ${id} is not being reopened.`);
  if (requested === undefined && !input.trimmed) return notApplicable(`The request does not change the state of opportunity ${id}.`);
  const plan = opportunityAndLead(input, id);
  // Decided from the image alone: no read. Else the lead and the user's language (for a refusal), in one round trip.
  if (plan.reads.length === 0) return plan.value([]) as Outcome;
  const [before, languageOf] = await readTogether(input.dataverse, plan, languagePlan(input.context.userId));
  return isOutcome(before) ? before : validateTransition(input, before.lead, "reopen", languageOf);
};

/**
 * After an opportunity was reopened: the rejected prospect goes back to pending — only once the
 * opportunity, read now, really is open. One FetchXML reads the lead, the opportunity, the note and the
 * user who reopened it; an opportunity the PreImage shows was not qualified from a lead costs no request.
 */
export const handOffOpportunityState: Handler = async (input) => {
  const id = changedRecordId(input.context, input.trimmed);
  const requested = requestedState(input.context, OpportunityColumns.stateCode);
  if (requested !== undefined && requested !== OpportunityState.Open) return notApplicable(`Opportunity ${id} was not reopened.`);
  if (requested === undefined && !input.trimmed) return notApplicable(`The request did not change the state of opportunity ${id}.`);
  if (stateBefore(input, "opportunityState.handoff", OpportunityColumns.stateCode) === OpportunityState.Open) {
    return { kind: "unchanged", message: `Opportunity ${id} was already open.` };
  }
  const image = preImage(input, "opportunityState.handoff");
  if (image && normalizeGuid(getEntityReference(image.attributes, OpportunityColumns.originatingLead)?.id) === null) {
    return notApplicable(`Opportunity ${id} was not qualified from a lead.`);
  }
  const userId = initiatingUser(input.context);
  const noteId = transitionNoteId({ entity: "opportunity", id }, "reopen");
  const links: FetchLink[] = [opportunityOfLead(id, "inner", modifiedByLinks(userId)), noteLink(noteId)];
  const [row] = await fetchLeadRows(input.dataverse, {}, links);
  const lead = row ? leadFromFetch(row) : null;
  const opportunity = row && lead ? opportunityFromFetch(row, lead.id) : null;
  if (!row || lead === null || opportunity === null) return notApplicable(`Opportunity ${id} does not exist or was not qualified from a lead.`);
  if (opportunity.stateCode !== OpportunityState.Open) {
    return stale("opportunityNotOpen", `Opportunity ${id} is not open now (state ${opportunity.stateCode ?? "unknown"}): nothing changed.`);
  }
  if (!lead.isCommerceB2BProspect) return notCommerceLead(lead.id);
  return applyTransition(input, lead, "reopen", opportunity, { note: noteFromLink(row), author: userFromLink(row, userId) });
};
