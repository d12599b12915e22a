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
 */
export type Outcome =
  | { kind: "allowed"; message: string }
  | { kind: "refused"; reason: string; message: string }
  | { kind: "applied"; message: string; changes: Change[] }
  | { kind: "unchanged"; message: string }
  | { kind: "notApplicable"; message: string };

export type Handler = (input: HandlerInput) => Promise<Outcome>;

/** The delivery cannot be handled as posted (e.g. the record it is about cannot be identified). */
export class UnprocessableDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnprocessableDeliveryError";
  }
}
