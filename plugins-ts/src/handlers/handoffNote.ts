import { createHash } from "node:crypto";
import { bindTo, etagOf } from "../dataverse/client";
import { EntitySets } from "./entitySets";
import { noteTexts, type NoteEvent } from "./noteTexts";
import type { Change, HandlerInput } from "./types";
import { userLanguage, userName } from "./users";

/** A name-based (version 5 style) UUID from the parts. */
export function deterministicId(...parts: string[]): string {
  const hash = createHash("sha1").update(`cb2b-handoff-note|${parts.join("|")}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The record whose state change the hand-off reports: the opportunity (won, lost, reopened) or the lead (qualified, disqualified, reactivated). */
export interface TransitionRecord {
  entity: "lead" | "opportunity";
  id: string;
}

/** The transition as the note's identity names it: what happened, and why for the two that have two causes. */
export function transitionName(event: NoteEvent): string {
  return event.kind === "rejected" || event.kind === "pending" ? `${event.kind}:${event.cause}` : event.kind;
}

/**
 * The note's identity: the record and its transition, nothing from the delivery. However many times and
 * under whatever RequestId, CorrelationId or OperationId a hand-off is delivered, its note has this id,
 * so the note is created once (`If-None-Match: *`). A later occurrence of the same transition (lost,
 * reopened, lost again) refreshes that note instead of adding one (see `refreshNote`).
 */
export function noteId(record: TransitionRecord, event: NoteEvent): string {
  return deterministicId(record.entity, record.id, transitionName(event));
}

/** A hand-off note as this delivery would write it. */
export interface HandoffNote {
  id: string;
  leadId: string;
  subject: string;
  text: string;
}

/** Subject and text in the initiating user's language, by whom and when (OperationCreatedOn). Reads the user's settings and name. */
export async function composeNote(input: HandlerInput, leadId: string, record: TransitionRecord, event: NoteEvent): Promise<HandoffNote> {
  const { context, dataverse } = input;
  const [language, by] = await Promise.all([
    userLanguage(dataverse, context.initiatingUserId || context.userId),
    userName(dataverse, context.initiatingUserId || context.userId),
  ]);
  const { subject, text } = noteTexts(event, by, context.operationCreatedOn ?? input.now(), language);
  return { id: noteId(record, event), leadId, subject, text };
}

const noteChange = (note: HandoffNote): Change => ({ entitySet: EntitySets.annotation, id: note.id, columns: ["subject", "notetext", "objectid"] });

/**
 * Creates the timeline note on the lead, never overwriting one (`If-None-Match: *`). Null when the note
 * exists already: another delivery of this transition, or an earlier occurrence of it, wrote it.
 */
export async function createNote(input: HandlerInput, note: HandoffNote): Promise<Change | null> {
  const created = await input.dataverse.createOnly(EntitySets.annotation, note.id, {
    subject: note.subject,
    notetext: note.text,
    "objectid_lead@odata.bind": bindTo(EntitySets.lead, note.leadId),
  });
  return created ? noteChange(note) : null;
}

/**
 * For the delivery that made the change when the note already existed: rewrites it when it reports an
 * earlier occurrence of the transition (other user or time). A note that already says this is left as
 * it is — a duplicate delivery of the same operation writes nothing. One read; a write only on change.
 */
export async function refreshNote(input: HandlerInput, note: HandoffNote): Promise<Change | null> {
  const current = await input.dataverse.retrieve(EntitySets.annotation, note.id, ["subject", "notetext"]);
  if (current === null) return createNote(input, note);
  if (current.subject === note.subject && current.notetext === note.text) return null;
  await input.dataverse.update(EntitySets.annotation, note.id, { subject: note.subject, notetext: note.text }, { etag: etagOf(current) });
  return noteChange(note);
}
