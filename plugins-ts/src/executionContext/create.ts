import { randomUUID } from "node:crypto";
import type { RemoteExecutionContext } from "./types";
import { EmptyGuid } from "./values";

/** What a caller must say about the operation; everything else has the platform's defaults. */
export type RemoteExecutionContextInit = Pick<
  RemoteExecutionContext,
  "messageName" | "primaryEntityName" | "stage" | "mode" | "userId"
> &
  Partial<RemoteExecutionContext>;

/**
 * A complete RemoteExecutionContext from the essentials: fresh correlation and operation ids, empty
 * collections, depth 1, the initiating user being the calling user.
 */
export function createRemoteExecutionContext(init: RemoteExecutionContextInit): RemoteExecutionContext {
  return {
    primaryEntityId: EmptyGuid,
    secondaryEntityName: "none",
    depth: 1,
    isolationMode: 1,
    businessUnitId: EmptyGuid,
    correlationId: randomUUID(),
    requestId: null,
    operationId: randomUUID(),
    operationCreatedOn: new Date(),
    organizationId: EmptyGuid,
    organizationName: "",
    initiatingUserId: init.userId,
    isExecutingOffline: false,
    isInTransaction: init.mode === 0 && init.stage !== 10,
    isOfflinePlayback: false,
    inputParameters: new Map(),
    outputParameters: new Map(),
    sharedVariables: new Map(),
    preEntityImages: new Map(),
    postEntityImages: new Map(),
    owningExtension: null,
    parentContext: null,
    ...init,
  };
}
