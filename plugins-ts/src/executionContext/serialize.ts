import type {
  ContextValue,
  EntityCollectionValue,
  EntityImageCollection,
  EntityReferenceValue,
  EntityValue,
  ParameterCollection,
  RemoteExecutionContext,
} from "./types";
import { escapeSolidus, formatWcfDate, TypeHints } from "./wireFormat";

type Json = Record<string, unknown>;

// Property order follows the platform's output (DataContract members are written alphabetically), with
// `__type` first. Type hints are written only where the declared .NET type is `object`
// (parameters, attributes, shared variables); typed slots (images, OwningExtension, collection items) omit them.

function keyValues<T>(values: ReadonlyMap<string, T>, write: (value: T) => unknown): Json[] {
  return [...values].map(([key, value]) => ({ key, value: write(value) }));
}

function entityReferenceJson(ref: EntityReferenceValue, withHint: boolean): Json {
  return {
    ...(withHint ? { __type: TypeHints.EntityReference } : {}),
    Id: ref.id,
    KeyAttributes: keyValues(ref.keyAttributes, hinted),
    LogicalName: ref.logicalName,
    Name: ref.name,
    RowVersion: ref.rowVersion,
  };
}

function entityJson(entity: EntityValue, withHint: boolean): Json {
  return {
    ...(withHint ? { __type: TypeHints.Entity } : {}),
    Attributes: keyValues(entity.attributes, hinted),
    EntityState: entity.entityState,
    FormattedValues: keyValues(entity.formattedValues, (v) => v),
    Id: entity.id,
    KeyAttributes: keyValues(entity.keyAttributes, hinted),
    LogicalName: entity.logicalName,
    RelatedEntities: entity.relatedEntities,
    RowVersion: entity.rowVersion,
  };
}

function entityCollectionJson(collection: EntityCollectionValue): Json {
  return {
    __type: TypeHints.EntityCollection,
    Entities: collection.entities.map((e) => entityJson(e, false)),
    EntityName: collection.entityName,
    MinActiveRowVersion: collection.minActiveRowVersion,
    MoreRecords: collection.moreRecords,
    PagingCookie: collection.pagingCookie,
    TotalRecordCount: collection.totalRecordCount,
    TotalRecordCountLimitExceeded: collection.totalRecordCountLimitExceeded,
  };
}

function valueJson(value: ContextValue, withHint: boolean): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return formatWcfDate(value);
  // A collection's items are typed (EntityReferenceCollection, KeyValuePair lists): no hints on SDK types.
  if (Array.isArray(value)) return value.map((item) => valueJson(item, false));
  switch (value.type) {
    case "EntityReference":
      return entityReferenceJson(value, withHint);
    case "Entity":
      return entityJson(value, withHint);
    case "OptionSetValue":
      return { ...(withHint ? { __type: TypeHints.OptionSetValue } : {}), Value: value.value };
    case "Money":
      return { ...(withHint ? { __type: TypeHints.Money } : {}), Value: value.value };
    case "EntityCollection":
      return entityCollectionJson(value);
    case "Other":
      return value.json;
  }
}

function hinted(value: ContextValue): unknown {
  return valueJson(value, true);
}

function parametersJson(values: ParameterCollection): Json[] {
  return keyValues(values, hinted);
}

function imagesJson(images: EntityImageCollection): Json[] {
  return keyValues(images, (e) => entityJson(e, false));
}

function contextJson(ctx: RemoteExecutionContext): Json {
  return {
    BusinessUnitId: ctx.businessUnitId,
    CorrelationId: ctx.correlationId,
    Depth: ctx.depth,
    InitiatingUserId: ctx.initiatingUserId,
    InputParameters: parametersJson(ctx.inputParameters),
    IsExecutingOffline: ctx.isExecutingOffline,
    IsInTransaction: ctx.isInTransaction,
    IsOfflinePlayback: ctx.isOfflinePlayback,
    IsolationMode: ctx.isolationMode,
    MessageName: ctx.messageName,
    Mode: ctx.mode,
    OperationCreatedOn: ctx.operationCreatedOn === null ? null : formatWcfDate(ctx.operationCreatedOn),
    OperationId: ctx.operationId,
    OrganizationId: ctx.organizationId,
    OrganizationName: ctx.organizationName,
    OutputParameters: parametersJson(ctx.outputParameters),
    OwningExtension: ctx.owningExtension === null ? null : entityReferenceJson(ctx.owningExtension, false),
    ParentContext: ctx.parentContext === null ? null : contextJson(ctx.parentContext),
    PostEntityImages: imagesJson(ctx.postEntityImages),
    PreEntityImages: imagesJson(ctx.preEntityImages),
    PrimaryEntityId: ctx.primaryEntityId,
    PrimaryEntityName: ctx.primaryEntityName,
    RequestId: ctx.requestId,
    SecondaryEntityName: ctx.secondaryEntityName,
    SharedVariables: parametersJson(ctx.sharedVariables),
    Stage: ctx.stage,
    UserId: ctx.userId,
  };
}

export interface SerializeOptions {
  /**
   * Leave out what the platform removes when the payload exceeds 256 KB (InputParameters,
   * PreEntityImages, PostEntityImages, ParentContext); send it with `x-ms-dynamics-msg-size-exceeded`.
   */
  trimmed?: boolean;
}

/**
 * The JSON body Dataverse posts to a webhook for this context: the inverse of
 * parseRemoteExecutionContext, written the way the platform writes it (key/value arrays,
 * `\/Date(ms)\/` dates, `__type` hints, escaped solidus).
 */
export function serializeRemoteExecutionContext(ctx: RemoteExecutionContext, options: SerializeOptions = {}): string {
  const json = contextJson(ctx);
  if (options.trimmed) {
    delete json.InputParameters;
    delete json.PreEntityImages;
    delete json.PostEntityImages;
    delete json.ParentContext;
  }
  return escapeSolidus(JSON.stringify(json));
}
