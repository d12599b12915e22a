import { decideTransition, describeRefusal, expectedProspectStatus, LeadColumns, type HandoffEvent } from "../../../core/src";
import type { ChangeSetWrite } from "../dataverse/client";
import { EntitySets } from "./entitySets";
import { composeNote, noteId, noteWrite, type ExistingNote, type TransitionRecord } from "./handoffNote";
import type { NoteEvent } from "./noteTexts";
import type { LeadRecord, OpportunityRecord } from "./records";
import { stale, type Change, type HandlerInput, type Outcome } from "./types";
import { initiatingUser, readUser, userLanguage, type UserFacts } from "./users";

/** The note an event's hand-off leaves on the record that changed, whatever the prospect id. */
export function transitionNoteId(record: TransitionRecord, event: HandoffEvent): string {
  return noteId(record, noteEventFor(event, null));
}

/** What the hand-off read with the records, so that deciding and writing need no request of their own. */
export interface ReadWithRecords {
  /** The transition's note as it is now; null when there is none. */
  note: ExistingNote | null;
  /** The initiating user, when the records' read could bring them along (null: read them when needed). */
  author: UserFacts | null;
}

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

/** The refusal, in `language`: that of the user whose operation is refused (`input.context.userId`). */
function refusal(reason: Parameters<typeof describeRefusal>[0], language: number): Outcome {
  return { kind: "refused", reason, message: describeRefusal(reason, language) };
}

/** What the synchronous check needs of a lead (a PreImage has it, as does a read). */
export type TransitionLead = Pick<LeadRecord, "id" | "prospectStatus">;

/**
 * Synchronous check: may this event happen to the lead's prospect? `languageOf` gives the language of a
 * user the step read it for (languagePlan, in the step's one round trip).
 */
export function validateTransition(input: HandlerInput, lead: TransitionLead, event: HandoffEvent, languageOf: (userId: string) => number): Outcome {
  const decision = decideTransition(lead.prospectStatus, event);
  if (!decision.allowed) return refusal(decision.reason, languageOf(input.context.userId));
  return { kind: "allowed", message: `${event} allowed for lead ${lead.id} (prospect status ${lead.prospectStatus}).` };
}

/**
 * Asynchronous hand-off: moves the prospect status as the state machine says and leaves the timeline
 * note. The caller has confirmed the event from the records as they are now (the opportunity really is
 * won, lost or open again; the lead really is disqualified or open again), read in one request with the
 * transition's note and (usually) the initiating user, and passes the opportunity it read for the
 * opportunity events (null for lead events).
 *
 * - Decided on the lead as it is now: a repeated delivery finds nothing to change and writes nothing.
 * - The new status must be the one the records support (core `expectedProspectStatus`, the rule the
 *   synchronous step on `msdyn_b2bprospectstatus` applies), so this write is never the one it refuses.
 * - One change set: the note (id from record + transition; created with `If-None-Match: *`, or rewritten
 *   when it reports an earlier occurrence) and the status, written only if the lead is still the version
 *   read (`If-Match: <etag>`). Both or neither: of any number of parallel deliveries one writes; the
 *   others get 412, and the host runs them again: they find the status set and end `unchanged`.
 */
export async function applyTransition(
  input: HandlerInput,
  lead: LeadRecord,
  event: HandoffEvent,
  opportunity: OpportunityRecord | null,
  read: ReadWithRecords,
): Promise<Outcome> {
  const decision = decideTransition(lead.prospectStatus, event);
  if (!decision.allowed) return refusal(decision.reason, await userLanguage(input.dataverse, input.context.userId));
  if (!decision.changed) {
    return { kind: "unchanged", message: `Prospect status of lead ${lead.id} is already ${decision.next}.` };
  }
  if (opportunity !== null && lead.qualifyingOpportunityId !== null && lead.qualifyingOpportunityId !== opportunity.id) {
    return stale("anotherOpportunity", `Lead ${lead.id} was qualified into opportunity ${lead.qualifyingOpportunityId}, not ${opportunity.id}: nothing changed.`);
  }
  const expected = expectedProspectStatus({ leadState: lead.stateCode, opportunityState: opportunity?.stateCode ?? null });
  if (expected !== decision.next) {
    return stale(
      "recordsDisagree",
      `${event} would set the prospect status of lead ${lead.id} to ${decision.next}, but the records (lead state ${lead.stateCode ?? "unknown"}${opportunity ? `, opportunity state ${opportunity.stateCode ?? "unknown"}` : ""}) say ${expected ?? "nothing"}: nothing changed.`,
    );
  }
  const record: TransitionRecord = opportunity ? { entity: "opportunity", id: opportunity.id } : { entity: "lead", id: lead.id };
  const author = read.author ?? (await readUser(input.dataverse, initiatingUser(input.context)));
  const note = noteWrite(composeNote(input, lead.id, record, noteEventFor(event, lead.prospectId), author), read.note);
  const status: ChangeSetWrite = { kind: "update", entitySet: EntitySets.lead, id: lead.id, data: { [LeadColumns.prospectStatus]: decision.next }, etag: lead.etag };
  await input.dataverse.executeChangeSet(note ? [note.write, status] : [status]);
  const changes: Change[] = [{ entitySet: EntitySets.lead, id: lead.id, columns: [LeadColumns.prospectStatus] }];
  if (note) changes.push(note.change);
  return {
    kind: "applied",
    message: `Prospect status of lead ${lead.id} set to ${decision.next} after ${event}; dual-write carries it to Commerce.`,
    changes,
  };
}
