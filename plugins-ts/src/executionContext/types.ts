/**
 * The `Microsoft.Xrm.Sdk.RemoteExecutionContext` a Dataverse webhook posts, as typed TypeScript values.
 *
 * The wire format is .NET's DataContractJsonSerializer output: parameter collections and images are
 * `[{ "key": …, "value": … }]` arrays, dates are `"/Date(ms)/"` strings and SDK types carry a
 * `"__type": "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts"` hint where the
 * declared type is `object`. This model hides all of that: collections are Maps, dates are `Date`s
 * and SDK values are tagged objects (`{ type: "EntityReference", … }`).
 */

export interface EntityReferenceValue {
  type: "EntityReference";
  logicalName: string;
  id: string;
  name: string | null;
  /** Alternate-key values; empty unless the reference was made by key. */
  keyAttributes: Map<string, ContextValue>;
  rowVersion: string | null;
}

export interface OptionSetValueValue {
  type: "OptionSetValue";
  value: number;
}

export interface MoneyValue {
  type: "Money";
  value: number;
}

export interface EntityValue {
  type: "Entity";
  logicalName: string;
  id: string;
  attributes: Map<string, ContextValue>;
  formattedValues: Map<string, string>;
  keyAttributes: Map<string, ContextValue>;
  /** Related entities are passed through untouched (the platform sends them only for deep inserts). */
  relatedEntities: unknown[];
  entityState: number | null;
  rowVersion: string | null;
}

export interface EntityCollectionValue {
  type: "EntityCollection";
  entityName: string | null;
  entities: EntityValue[];
  moreRecords: boolean;
  pagingCookie: string | null;
  minActiveRowVersion: string | null;
  totalRecordCount: number;
  totalRecordCountLimitExceeded: boolean;
}

/**
 * Any other `__type` (AliasedValue, OptionSetValueCollection, KeyValuePairOfstringstring, …): the JSON
 * object kept verbatim, so that serializing it again gives back what was received.
 */
export interface OtherSdkValue {
  type: "Other";
  json: Record<string, unknown>;
}

/** A value in a parameter collection, an entity attribute or a shared variable. Guids are strings. */
export type ContextValue =
  | string
  | number
  | boolean
  | null
  | Date
  | EntityReferenceValue
  | OptionSetValueValue
  | MoneyValue
  | EntityValue
  | EntityCollectionValue
  | OtherSdkValue
  | ContextValue[];

export type ParameterCollection = Map<string, ContextValue>;
export type EntityImageCollection = Map<string, EntityValue>;

/** Pipeline stages a step can be registered in. */
export const Stage = { PreValidation: 10, PreOperation: 20, MainOperation: 30, PostOperation: 40 } as const;
/** Execution mode of the step that posted the context. */
export const Mode = { Synchronous: 0, Asynchronous: 1 } as const;

export interface RemoteExecutionContext {
  messageName: string;
  primaryEntityName: string;
  primaryEntityId: string;
  secondaryEntityName: string;
  stage: number;
  mode: number;
  depth: number;
  isolationMode: number;
  businessUnitId: string;
  correlationId: string;
  /** Null in most platform-generated contexts. */
  requestId: string | null;
  operationId: string;
  operationCreatedOn: Date | null;
  organizationId: string;
  organizationName: string;
  userId: string;
  initiatingUserId: string;
  isExecutingOffline: boolean;
  isInTransaction: boolean;
  isOfflinePlayback: boolean;
  inputParameters: ParameterCollection;
  outputParameters: ParameterCollection;
  sharedVariables: ParameterCollection;
  preEntityImages: EntityImageCollection;
  postEntityImages: EntityImageCollection;
  /** The sdkmessageprocessingstep that posted this context. */
  owningExtension: EntityReferenceValue | null;
  parentContext: RemoteExecutionContext | null;
}

/** The `x-ms-dynamics-*` headers Dataverse sends with a webhook request. */
export interface WebhookHeaders {
  organization: string | null;
  entityName: string | null;
  requestName: string | null;
  correlationRequestId: string | null;
  /** True when the platform removed InputParameters, images and ParentContext because the payload exceeded 256 KB. */
  messageSizeExceeded: boolean;
}
