/**
 * Builds the `RemoteExecutionContext` a step receives, with plugins-ts's own model and serializer
 * (so the sandbox posts exactly what the webhook handlers parse): parameters, images per the step's
 * image registrations, depth, correlation and the parent context of nested messages.
 */
import {
  createRemoteExecutionContext,
  entity,
  entityReference,
  money,
  optionSetValue,
  parameters,
  type ContextValue as WireValue,
  type EntityValue,
  type RemoteExecutionContext,
} from "../../../../plugins-ts/src/executionContext";
import { toContextEntity } from "../engine/contextValues";
import type { ContextValue, Invocation, Scope } from "../engine/scope";
import type { RecordData, RecordStore } from "../storage/records";
import { BusinessUnitId, OrganizationId, OrganizationName } from "../users";
import type { RegisteredStep } from "./registry";

function toWire(value: ContextValue): WireValue {
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  switch (value.type) {
    case "EntityReference":
      return entityReference(value.logicalName, value.id, value.name ?? null);
    case "OptionSetValue":
      return optionSetValue(value.value);
    case "Money":
      return money(value.value);
    case "Entity": {
      const attributes: Record<string, WireValue> = {};
      for (const [name, attributeValue] of Object.entries(value.attributes)) attributes[name] = toWire(attributeValue);
      return entity(value.logicalName, value.id, attributes);
    }
    case "EntityReferenceCollection":
      return value.references.map((r) => entityReference(r.logicalName, r.id));
  }
}

const wireParameters = (values: Record<string, ContextValue>) =>
  parameters(Object.fromEntries(Object.entries(values).map(([key, value]) => [key, toWire(value)])));

function image(store: RecordStore, invocation: Invocation, record: RecordData, attributes: string[] | null): EntityValue {
  return toWire(toContextEntity(store, invocation.entity, invocation.primaryId, record, attributes ?? undefined)) as EntityValue;
}

export interface ContextOptions {
  stage: number;
  mode: number;
  operationId: string;
}

function parentContext(scope: Scope): RemoteExecutionContext | null {
  const parent = scope.parent;
  if (!parent) return null;
  return createRemoteExecutionContext({
    messageName: parent.messageName,
    primaryEntityName: parent.entity.logicalName,
    primaryEntityId: parent.primaryId,
    stage: 30,
    mode: 0,
    depth: Math.max(1, scope.depth - 1),
    userId: scope.caller.userId,
    businessUnitId: BusinessUnitId,
    organizationId: OrganizationId,
    organizationName: OrganizationName,
    correlationId: scope.correlationId,
    operationCreatedOn: parent.operationCreatedOn,
    inputParameters: wireParameters(parent.inputParameters),
  });
}

/**
 * The messages that support entity images ("Messages that support table images",
 * https://learn.microsoft.com/power-apps/developer/data-platform/register-plug-in#define-table-images):
 * Assign, Create, Delete, DeliverIncoming, DeliverPromote, Merge, Route, Send, SetState and Update. Of
 * those the stand-in runs Create (post image only: the row does not exist before), Update (both) and
 * Delete (pre image only). QualifyLead, WinOpportunity and LoseOpportunity are not in the list: a step
 * on them gets no image, whatever is registered. Images are taken for every stage, PreValidation
 * included (a pre image is the row before the operation), post images only in PostOperation.
 */
const IMAGE_MESSAGES = new Set(["Assign", "Create", "Delete", "DeliverIncoming", "DeliverPromote", "Merge", "Route", "Send", "SetState", "Update"]);

export function buildContext(store: RecordStore, scope: Scope, invocation: Invocation, step: RegisteredStep, options: ContextOptions): RemoteExecutionContext {
  const preEntityImages = new Map<string, EntityValue>();
  const postEntityImages = new Map<string, EntityValue>();
  for (const registration of IMAGE_MESSAGES.has(invocation.messageName) ? step.images : []) {
    const wantsPre = registration.imageType === 0 || registration.imageType === 2;
    const wantsPost = (registration.imageType === 1 || registration.imageType === 2) && options.stage === 40;
    if (wantsPre && invocation.preImage) preEntityImages.set(registration.alias, image(store, invocation, invocation.preImage, registration.attributes));
    if (wantsPost && invocation.postImage) postEntityImages.set(registration.alias, image(store, invocation, invocation.postImage, registration.attributes));
  }
  return createRemoteExecutionContext({
    messageName: invocation.messageName,
    primaryEntityName: invocation.entity.logicalName,
    primaryEntityId: invocation.primaryId,
    stage: options.stage,
    mode: options.mode,
    depth: scope.depth,
    userId: scope.caller.userId,
    initiatingUserId: scope.caller.userId,
    businessUnitId: BusinessUnitId,
    organizationId: OrganizationId,
    organizationName: OrganizationName,
    correlationId: scope.correlationId,
    requestId: scope.depth === 1 ? scope.requestId : null,
    operationId: options.operationId,
    operationCreatedOn: invocation.operationCreatedOn,
    isInTransaction: options.mode === 0 && options.stage !== 10,
    inputParameters: wireParameters(invocation.inputParameters),
    outputParameters: options.stage === 40 ? wireParameters(invocation.outputParameters) : new Map(),
    preEntityImages,
    postEntityImages,
    owningExtension: entityReference("sdkmessageprocessingstep", step.id, step.name),
    parentContext: parentContext(scope),
  });
}
