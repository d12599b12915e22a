/** Who is calling and where in the pipeline an operation runs (depth, correlation, queued async work). */
import { randomUUID } from "node:crypto";
import type { EntityMetadata } from "../metadata";
import type { RecordData } from "../storage/records";

export interface Caller {
  userId: string;
  languageId: number;
}

export interface Scope {
  caller: Caller;
  depth: number;
  correlationId: string;
  requestId: string;
  /** Asynchronous work to start once the transaction has committed. */
  pending: (() => Promise<void>)[];
  /** The message this one runs inside of (QualifyLead's Create of the account, …). */
  parent?: Invocation;
}

export function newScope(caller: Caller): Scope {
  return { caller, depth: 1, correlationId: randomUUID(), requestId: randomUUID(), pending: [] };
}

export function childScope(scope: Scope, parent: Invocation): Scope {
  return { ...scope, depth: scope.depth + 1, requestId: randomUUID(), parent };
}

/** Typed values of a message's parameters, as the SDK types them (EntityReference, OptionSetValue, …). */
export type ContextValue =
  | string
  | number
  | boolean
  | null
  | Date
  | { type: "EntityReference"; logicalName: string; id: string; name?: string | null }
  | { type: "OptionSetValue"; value: number }
  | { type: "Money"; value: number }
  | { type: "Entity"; logicalName: string; id: string; attributes: Record<string, ContextValue> }
  | { type: "EntityReferenceCollection"; references: { logicalName: string; id: string }[] };

export interface Invocation {
  messageName: string;
  entity: EntityMetadata;
  primaryId: string;
  inputParameters: Record<string, ContextValue>;
  outputParameters: Record<string, ContextValue>;
  preImage?: RecordData;
  postImage?: RecordData;
  /** Update: the columns the request set, for steps' filtering attributes. */
  changedAttributes?: string[];
  operationCreatedOn: Date;
}
