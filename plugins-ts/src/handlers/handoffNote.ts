import { createHash } from "node:crypto";
import { Entities, LeadColumns } from "../../../core/src";
import { bindTo, type ChangeSetWrite } from "../dataverse/client";
import { EntitySets } from "./entitySets";
import { FetchRow, type FetchLink } from "./fetchXml";
import { noteTexts, type NoteEvent } from "./noteTexts";
import type { Change, HandlerInput } from "./types";
import type { UserFacts } from "./users";

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
 * reopened, lost again) refreshes that note instead of adding one (see `noteWrite`).
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

/** The note as it is in Dataverse (read with the records), or null when there is none. */
export interface ExistingNote {
  subject: string | null;
  text: string | null;
}

/** Subject and text in the initiating user's language, by whom and when (OperationCreatedOn). No request: the author was read with the records. */
export function composeNote(input: HandlerInput, leadId: string, record: TransitionRecord, event: NoteEvent, author: Pick<UserFacts, "name" | "language">): HandoffNote {
  const { subject, text } = noteTexts(event, author.name, input.context.operationCreatedOn ?? input.now(), author.language);
  return { id: noteId(record, event), leadId, subject, text };
}

/**
 * The link that reads the note (if it exists) with the lead it is on: the hand-off decides from it whether
 * to create the note, refresh it, or leave it, without a request of its own.
 */
export function noteLink(id: string, alias = "note"): FetchLink {
  return {
    name: Entities.annotation.logicalName,
    from: "objectid",
    to: LeadColumns.id,
    alias,
    type: "outer",
    columns: ["annotationid", "subject", "notetext"],
    where: { annotationid: id },
  };
}

export function noteFromLink(row: FetchRow, alias = "note"): ExistingNote | null {
  return row.has(alias, "annotationid") ? { subject: row.text("subject", alias), text: row.text("notetext", alias) } : null;
}

/**
 * The note's write for the change set of the delivery that makes the change: created when there is none
 * (`If-None-Match: *`: a parallel delivery that created it first fails the whole change set, which is then
 * decided again); rewritten when it reports an earlier occurrence of the transition (another user or
 * time); nothing when it already says this (a duplicate delivery of the same operation).
 */
export function noteWrite(note: HandoffNote, existing: ExistingNote | null): { write: ChangeSetWrite; change: Change } | null {
  const change: Change = { entitySet: EntitySets.annotation, id: note.id, columns: ["subject", "notetext", "objectid"] };
  if (existing === null) {
    return {
      write: {
        kind: "create",
        entitySet: EntitySets.annotation,
        id: note.id,
        data: { subject: note.subject, notetext: note.text, "objectid_lead@odata.bind": bindTo(EntitySets.lead, note.leadId) },
      },
      change,
    };
  }
  if (existing.subject === note.subject && existing.text === note.text) return null;
  // Written in the change set of the lead's status, at the lead's version: of two deliveries one wins.
  return { write: { kind: "update", entitySet: EntitySets.annotation, id: note.id, data: { subject: note.subject, notetext: note.text } }, change };
}
