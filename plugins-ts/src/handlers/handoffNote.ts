import { createHash } from "node:crypto";
import { bindTo } from "../dataverse/client";
import type { RemoteExecutionContext } from "../executionContext";
import { EntitySets } from "./entitySets";
import { noteTexts, type NoteEvent } from "./noteTexts";
import type { Change, HandlerInput } from "./types";
import { userLanguage, userName } from "./users";

/**
 * A name-based (version 5 style) UUID: the same hand-off of the same operation always gets the same
 * note id, so writing the note is an upsert that a retried or duplicated delivery cannot repeat.
 */
export function deterministicId(...parts: string[]): string {
  const hash = createHash("sha1").update(`cb2b-handoff-note|${parts.join("|")}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The note's identity: the lead, what happened, and the user operation it happened in (its correlation
 * id is shared by every step of that operation, so SetState + Update of one disqualification still give
 * one note).
 */
export function noteId(leadId: string, event: NoteEvent, context: RemoteExecutionContext): string {
  return deterministicId(leadId, event.kind, context.correlationId || context.operationId);
}

/** Writes (upserts) the timeline note on the lead saying what was sent to Commerce, by whom and when. */
export async function writeHandoffNote(input: HandlerInput, leadId: string, event: NoteEvent): Promise<Change> {
  const { context, dataverse } = input;
  const [language, by] = await Promise.all([
    userLanguage(dataverse, context.initiatingUserId || context.userId),
    userName(dataverse, context.initiatingUserId || context.userId),
  ]);
  const { subject, text } = noteTexts(event, by, context.operationCreatedOn ?? input.now(), language);
  const id = noteId(leadId, event, context);
  await dataverse.upsert(EntitySets.annotation, id, {
    subject,
    notetext: text,
    "objectid_lead@odata.bind": bindTo(EntitySets.lead, leadId),
  });
  return { entitySet: EntitySets.annotation, id, columns: ["subject", "notetext", "objectid"] };
}
