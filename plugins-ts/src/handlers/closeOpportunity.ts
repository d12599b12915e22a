import { closeWonBlockers, describeCloseWonBlocker, OpportunityColumns, OpportunityState } from "../../../core/src";
import { getEntity, getEntityReference, normalizeGuid } from "../executionContext";
import { approverRefusal } from "./approver";
import { applyTransition, validateTransition } from "./prospectTransition";
import { readAccount, readContact, readLead, readOpportunity, type LeadRecord, type OpportunityRecord } from "./records";
import { stale, UnprocessableDeliveryError, type Handler, type HandlerInput, type Outcome } from "./types";
import { userLanguage } from "./users";

/**
 * WinOpportunity and LoseOpportunity carry the opportunity inside the OpportunityClose activity
 * (`OpportunityClose.opportunityid`); PrimaryEntityId is not reliably set for these messages.
 */
export function closedOpportunityId(input: HandlerInput): string {
  const close = getEntity(input.context.inputParameters, "OpportunityClose");
  const fromClose = close ? normalizeGuid(getEntityReference(close.attributes, OpportunityColumns.id)?.id) : null;
  const id = fromClose ?? normalizeGuid(input.context.primaryEntityId);
  if (id === null) {
    throw new UnprocessableDeliveryError(
      `${input.context.messageName}: the opportunity cannot be identified (no OpportunityClose.opportunityid${input.trimmed ? " — the payload was trimmed" : ""} and no PrimaryEntityId).`,
    );
  }
  return id;
}

type Located = { kind: "found"; lead: LeadRecord; opportunity: OpportunityRecord } | { kind: "skip"; outcome: Outcome };

/** The Commerce B2B lead the closed opportunity was qualified from, or why there is nothing to do. */
async function commerceLead(input: HandlerInput): Promise<Located> {
  const opportunityId = closedOpportunityId(input);
  const opportunity = await readOpportunity(input.dataverse, opportunityId);
  const skip = (message: string): Located => ({ kind: "skip", outcome: { kind: "notApplicable", message } });
  if (opportunity === null) return skip(`Opportunity ${opportunityId} does not exist.`);
  if (opportunity.originatingLeadId === null) return skip(`Opportunity ${opportunityId} was not qualified from a lead.`);
  const lead = await readLead(input.dataverse, opportunity.originatingLeadId);
  if (lead === null || !lead.isCommerceB2BProspect) {
    return skip(`Opportunity ${opportunityId} does not come from a Commerce B2B lead.`);
  }
  return { kind: "found", lead, opportunity };
}

/**
 * Close as Won: only an approver when `cb2b_RequireApproverRole` is on; the prospect must not be
 * rejected, and both customers must already exist in Commerce.
 */
export const validateWin: Handler = async (input) => {
  const found = await commerceLead(input);
  if (found.kind === "skip") return found.outcome;
  const notApprover = await approverRefusal(input, "win");
  if (notApprover) return notApprover;
  const transition = await validateTransition(input, found.lead, "win");
  if (transition.kind === "refused") return transition;
  const [account, contact] = await Promise.all([
    found.opportunity.parentAccountId ? readAccount(input.dataverse, found.opportunity.parentAccountId) : Promise.resolve(null),
    found.opportunity.parentContactId ? readContact(input.dataverse, found.opportunity.parentContactId) : Promise.resolve(null),
  ]);
  const blockers = closeWonBlockers({
    hasAccount: account !== null,
    hasContact: contact !== null,
    accountNumber: account?.accountNumber,
    contactPersonId: contact?.contactPersonId,
  });
  if (blockers.length > 0) {
    const language = await userLanguage(input.dataverse, input.context.userId);
    return { kind: "refused", reason: blockers.join(","), message: blockers.map((b) => describeCloseWonBlocker(b, language)).join(" ") };
  }
  return { kind: "allowed", message: `Opportunity ${found.opportunity.id} may be won: both customers exist in Commerce.` };
};

/**
 * After Close as Won: approves the prospect — only once the opportunity, read now, really is won. A
 * forged, stale or replayed delivery for an open, lost or reopened opportunity changes nothing.
 */
export const handOffWin: Handler = async (input) => {
  const found = await commerceLead(input);
  if (found.kind === "skip") return found.outcome;
  const { opportunity } = found;
  if (opportunity.stateCode !== OpportunityState.Won) {
    return stale("opportunityNotWon", `Opportunity ${opportunity.id} is not won now (state ${opportunity.stateCode ?? "unknown"}): nothing approved.`);
  }
  return applyTransition(input, found.lead, "win", opportunity);
};

/** Close as Lost: refused once the prospect is approved, and (`cb2b_RequireApproverRole`) to users without the approver role. */
export const validateLose: Handler = async (input) => {
  const found = await commerceLead(input);
  if (found.kind === "skip") return found.outcome;
  return (await approverRefusal(input, "lose")) ?? validateTransition(input, found.lead, "lose");
};

/** After Close as Lost: rejects the prospect — only once the opportunity, read now, really is lost. */
export const handOffLose: Handler = async (input) => {
  const found = await commerceLead(input);
  if (found.kind === "skip") return found.outcome;
  const { opportunity } = found;
  if (opportunity.stateCode !== OpportunityState.Lost) {
    return stale("opportunityNotLost", `Opportunity ${opportunity.id} is not lost now (state ${opportunity.stateCode ?? "unknown"}): nothing rejected.`);
  }
  return applyTransition(input, found.lead, "lose", opportunity);
};
