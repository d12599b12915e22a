import { decideTransition, describeRefusal, LeadColumns, type HandoffEvent } from "../../../core/src";
import { EntitySets } from "./entitySets";
import { writeHandoffNote } from "./handoffNote";
import type { NoteEvent } from "./noteTexts";
import type { LeadRecord } from "./records";
import type { HandlerInput, Outcome } from "./types";
import { userLanguage } from "./users";

function noteEventFor(event: HandoffEvent, prospectId: string | null): NoteEvent {
  switch (event) {
    case "win":
      return { kind: "approved", prospectId };
    case "lose":
    case "disqualify":
      return { kind: "rejected", prospectId, cause: event };
    case "reopen":
    case "reactivate":
      return { kind: "pending", prospectId, cause: event };
  }
}

/** The refusal, in the language of the user whose operation is refused. */
async function refusal(input: HandlerInput, reason: Parameters<typeof describeRefusal>[0]): Promise<Outcome> {
  const language = await userLanguage(input.dataverse, input.context.userId);
  return { kind: "refused", reason, message: describeRefusal(reason, language) };
}

/** What the synchronous check needs of a lead (a PreImage has it, as does a read). */
export type TransitionLead = Pick<LeadRecord, "id" | "prospectStatus">;

/** Synchronous check: may this event happen to the lead's prospect? Reads only. */
export async function validateTransition(input: HandlerInput, lead: TransitionLead, event: HandoffEvent): Promise<Outcome> {
  const decision = decideTransition(lead.prospectStatus, event);
  if (!decision.allowed) return refusal(input, decision.reason);
  return { kind: "allowed", message: `${event} allowed for lead ${lead.id} (prospect status ${lead.prospectStatus}).` };
}

/**
 * Asynchronous hand-off: moves the prospect status as the state machine says and leaves the timeline
 * note. The decision is taken on the lead as it is now, so a repeated delivery finds nothing to change.
 */
export async function applyTransition(input: HandlerInput, lead: LeadRecord, event: HandoffEvent): Promise<Outcome> {
  const decision = decideTransition(lead.prospectStatus, event);
  if (!decision.allowed) return refusal(input, decision.reason);
  if (!decision.changed) {
    return { kind: "unchanged", message: `Prospect status of lead ${lead.id} is already ${decision.next}.` };
  }
  // The note first: if the status write then fails, the retried delivery still finds the change to
  // make and upserts the same note again, instead of finding nothing to do and never writing it.
  const note = await writeHandoffNote(input, lead.id, noteEventFor(event, lead.prospectId));
  await input.dataverse.update(EntitySets.lead, lead.id, { [LeadColumns.prospectStatus]: decision.next });
  return {
    kind: "applied",
    message: `Prospect status of lead ${lead.id} set to ${decision.next} after ${event}; dual-write carries it to Commerce.`,
    changes: [{ entitySet: EntitySets.lead, id: lead.id, columns: [LeadColumns.prospectStatus] }, note],
  };
}
