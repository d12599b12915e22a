import type { DataverseClient } from "../dataverse/client";
import type { RemoteExecutionContext } from "../executionContext";

export interface HandlerInput {
  context: RemoteExecutionContext;
  /** `x-ms-dynamics-msg-size-exceeded`: InputParameters, images and ParentContext were left out. */
  trimmed: boolean;
  dataverse: DataverseClient;
  now: () => Date;
}

/** One change written to Dataverse, for the webhook's answer (ids and column names only, no values from users). */
export interface Change {
  entitySet: string;
  id: string;
  columns: string[];
}

/**
 * What a handler decided. Synchronous steps end in `allowed`, `refused` or `notApplicable`;
 * asynchronous ones in `applied`, `unchanged`, `notApplicable` or `refused` (when the operation
 * happened although the rules forbid it, e.g. with the synchronous step switched off).
 * A hand-off that finds the records do not bear the delivery out (stale, forged, replayed or out of
 * order) changes nothing and says why: `notApplicable` with a `reason` code (see `StaleReason`).
 */
export type Outcome =
  | { kind: "allowed"; message: string }
  | { kind: "refused"; reason: string; message: string }
  | { kind: "applied"; message: string; changes: Change[] }
  | { kind: "unchanged"; message: string; reason?: string }
  | { kind: "notApplicable"; message: string; reason?: string };

export type Handler = (input: HandlerInput) => Promise<Outcome>;

/** The delivery cannot be handled as posted (e.g. the record it is about cannot be identified). */
export class UnprocessableDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnprocessableDeliveryError";
  }
}

/**
 * Why an asynchronous hand-off changed nothing although the delivery asked for a change: the records,
 * read now, do not bear it out. The host logs the code with the delivery.
 */
export type StaleReason =
  | "opportunityNotWon"
  | "opportunityNotLost"
  | "opportunityNotOpen"
  | "leadStateDiffers"
  | "leadNotQualified"
  | "qualifiedRecordsMissing"
  | "notQualifiedFromLead"
  | "anotherOpportunity"
  | "recordsDisagree";

/** A delivery the records do not bear out: nothing is written. */
export function stale(reason: StaleReason, message: string): Outcome {
  return { kind: "notApplicable", reason, message };
}
