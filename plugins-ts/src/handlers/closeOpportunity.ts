import {
  AccountColumns,
  closeWonBlockers,
  ContactColumns,
  describeCloseWonBlocker,
  Entities,
  OpportunityColumns,
  OpportunityState,
  type HandoffEvent,
} from "../../../core/src";
import { getEntity, getEntityReference, normalizeGuid } from "../executionContext";
import { approverPlan, approverRefusal, approverUser } from "./approver";
import type { FetchLink, FetchRow } from "./fetchXml";
import { noteFromLink, noteLink } from "./handoffNote";
import { applyTransition, transitionNoteId, validateTransition, type ReadWithRecords } from "./prospectTransition";
import { readTogether, type ReadPlan } from "./readPlan";
import { leadFromFetch, leadRowsPlan, opportunityFromFetch, opportunityOfLead, type LeadRecord, type OpportunityRecord } from "./records";
import { stale, UnprocessableDeliveryError, type Handler, type HandlerInput, type Outcome } from "./types";
import { initiatingUser, languagePlan, modifiedByLinks, userFromLink } from "./users";

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

interface CloseRecords {
  lead: LeadRecord;
  opportunity: OpportunityRecord;
  /** Synchronous Win: the parent account's and contact's Commerce ids (null: no such row). */
  account: { accountNumber: string | null } | null;
  contact: { contactPersonId: string | null } | null;
  /** Hand-offs: the note and the initiating user, read with the records. */
  read: ReadWithRecords;
}

type Located = { kind: "found"; records: CloseRecords } | { kind: "skip"; outcome: Outcome };

const accountLink: FetchLink = {
  name: Entities.account.logicalName,
  from: AccountColumns.id,
  to: OpportunityColumns.parentAccount,
  alias: "account",
  type: "outer",
  columns: [AccountColumns.id, AccountColumns.accountNumber],
};
const contactLink: FetchLink = {
  name: Entities.contact.logicalName,
  from: ContactColumns.id,
  to: OpportunityColumns.parentContact,
  alias: "contact",
  type: "outer",
  columns: [ContactColumns.id, ContactColumns.contactPersonId],
};

/**
 * The Commerce B2B lead the closed opportunity was qualified from, or why there is nothing to do: ONE
 * FetchXML request (WinOpportunity and LoseOpportunity carry no entity images). Rooted at the lead (the
 * row a hand-off writes, so its etag comes back), joined to the opportunity by `originatingleadid`; for
 * the synchronous Win also the parent account's `accountnumber` and the parent contact's
 * `msdyn_contactpersonid`; for a hand-off also its note and the user who closed the opportunity.
 */
function commerceLead(input: HandlerInput, needs: { customers?: boolean; handoff?: HandoffEvent }): ReadPlan<Located> {
  const opportunityId = closedOpportunityId(input);
  const userId = initiatingUser(input.context);
  const noteId = needs.handoff ? transitionNoteId({ entity: "opportunity", id: opportunityId }, needs.handoff) : null;
  const plan = leadRowsPlan({}, [
    opportunityOfLead(opportunityId, "inner", [...(needs.customers ? [accountLink, contactLink] : []), ...(needs.handoff ? modifiedByLinks(userId) : [])]),
    ...(noteId ? [noteLink(noteId)] : []),
  ]);
  return { reads: plan.reads, value: (answers) => located(plan.value(answers), opportunityId, noteId, needs.handoff ? userId : null) };
}

function located(rows: FetchRow[], opportunityId: string, noteId: string | null, userId: string | null): Located {
  const skip = (message: string): Located => ({ kind: "skip", outcome: { kind: "notApplicable", message } });
  const row = rows[0];
  const lead = row ? leadFromFetch(row) : null;
  const opportunity = row && lead ? opportunityFromFetch(row, lead.id) : null;
  if (!row || lead === null || opportunity === null) return skip(`Opportunity ${opportunityId} does not exist or was not qualified from a lead.`);
  if (!lead.isCommerceB2BProspect) return skip(`Opportunity ${opportunityId} does not come from a Commerce B2B lead.`);
  return {
    kind: "found",
    records: {
      lead,
      opportunity,
      account: row.has("account", AccountColumns.id) ? { accountNumber: row.text(AccountColumns.accountNumber, "account") } : null,
      contact: row.has("contact", ContactColumns.id) ? { contactPersonId: row.text(ContactColumns.contactPersonId, "contact") } : null,
      read: { note: noteId ? noteFromLink(row) : null, author: userId !== null ? userFromLink(row, userId) : null },
    },
  };
}

/**
 * A synchronous close's one round trip: the records (one FetchXML), the approver rule (variable and role)
 * and the languages a refusal may speak, all in one `$batch`. WinOpportunity and LoseOpportunity carry no
 * entity images, so even an opportunity that turns out not to come from Commerce costs this one round trip.
 */
function readForClose(input: HandlerInput, customers: boolean) {
  return readTogether(input.dataverse, commerceLead(input, { customers }), approverPlan(input), languagePlan(input.context.userId, approverUser(input)));
}

/**
 * Close as Won: only an approver when `cb2b_RequireApproverRole` is on; the prospect must not be
 * rejected, and both customers must already exist in Commerce.
 */
export const validateWin: Handler = async (input) => {
  const [found, approver, languageOf] = await readForClose(input, true);
  if (found.kind === "skip") return found.outcome;
  const { lead, opportunity, account, contact } = found.records;
  const notApprover = approverRefusal(approver, "win", languageOf);
  if (notApprover) return notApprover;
  const transition = validateTransition(input, lead, "win", languageOf);
  if (transition.kind === "refused") return transition;
  const blockers = closeWonBlockers({
    hasAccount: account !== null,
    hasContact: contact !== null,
    accountNumber: account?.accountNumber,
    contactPersonId: contact?.contactPersonId,
  });
  if (blockers.length > 0) {
    const language = languageOf(input.context.userId);
    return { kind: "refused", reason: blockers.join(","), message: blockers.map((b) => describeCloseWonBlocker(b, language)).join(" ") };
  }
  return { kind: "allowed", message: `Opportunity ${opportunity.id} may be won: both customers exist in Commerce.` };
};

/**
 * After Close as Won: approves the prospect — only once the opportunity, read now, really is won. A
 * forged, stale or replayed delivery for an open, lost or reopened opportunity changes nothing.
 */
export const handOffWin: Handler = async (input) => {
  const [found] = await readTogether(input.dataverse, commerceLead(input, { handoff: "win" }));
  if (found.kind === "skip") return found.outcome;
  const { lead, opportunity, read } = found.records;
  if (opportunity.stateCode !== OpportunityState.Won) {
    return stale("opportunityNotWon", `Opportunity ${opportunity.id} is not won now (state ${opportunity.stateCode ?? "unknown"}): nothing approved.`);
  }
  return applyTransition(input, lead, "win", opportunity, read);
};

/** Close as Lost: refused once the prospect is approved, and (`cb2b_RequireApproverRole`) to users without the approver role. */
export const validateLose: Handler = async (input) => {
  const [found, approver, languageOf] = await readForClose(input, false);
  if (found.kind === "skip") return found.outcome;
  return approverRefusal(approver, "lose", languageOf) ?? validateTransition(input, found.records.lead, "lose", languageOf);
};

/** After Close as Lost: rejects the prospect — only once the opportunity, read now, really is lost. */
export const handOffLose: Handler = async (input) => {
  const [found] = await readTogether(input.dataverse, commerceLead(input, { handoff: "lose" }));
  if (found.kind === "skip") return found.outcome;
  const { lead, opportunity, read } = found.records;
  if (opportunity.stateCode !== OpportunityState.Lost) {
    return stale("opportunityNotLost", `Opportunity ${opportunity.id} is not lost now (state ${opportunity.stateCode ?? "unknown"}): nothing rejected.`);
  }
  return applyTransition(input, lead, "lose", opportunity, read);
};
