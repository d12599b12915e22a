/**
 * Errors in the Web API's own shape, `{"error":{"code":"0x…","message":"…"}}`, with the codes and
 * statuses Dataverse returns for the same conditions.
 */

export class DataverseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  toBody(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export const ErrorCodes = {
  /**
   * The code Dataverse's OData layer answers with for a property name it cannot find, in a query or a
   * body ("Troubleshoot Dataverse Web API client errors",
   * https://learn.microsoft.com/troubleshoot/power-platform/dataverse/dataverse-web-api-and-sdk/web-api-client-errors).
   */
  unspecified: "0x0",
  objectDoesNotExist: "0x80040217",
  propertyNotFound: "0x80060888",
  resourceNotFound: "0x8006088a",
  concurrencyVersionMismatch: "0x80060882",
  duplicateRecord: "0x80040237",
  invalidArgument: "0x80040203",
  invalidStateStatus: "0x80048408",
  payloadError: "0x80048d19",
  notSupported: "0x80060890",
  pluginFailed: "0x80040265",
  importFailed: "0x80048033",
  importVersionError: "0x8004701c",
  missingDependency: "0x80048052",
  unauthorized: "0x80072560",
} as const;

export const notFound = (logicalName: string, id: string): DataverseError =>
  new DataverseError(404, ErrorCodes.objectDoesNotExist, `Entity '${logicalName}' With Id = ${id} Does Not Exist`);

/** `$select`/`$filter`/`$orderby`/`$expand` naming a property the type does not have (Troubleshoot Web API client errors). */
export const propertyNotFound = (property: string, logicalName: string): DataverseError =>
  new DataverseError(
    400,
    ErrorCodes.unspecified,
    `Could not find a property named '${property}' on type 'Microsoft.Dynamics.CRM.${logicalName}'.`,
  );

/** A create or update body naming a property the type does not have (Troubleshoot Web API client errors). */
export const invalidBodyProperty = (property: string, logicalName: string): DataverseError =>
  new DataverseError(
    400,
    ErrorCodes.unspecified,
    `An error occurred while validating input parameters: Microsoft.Crm.CrmException: Invalid property '${property}' was found in entity 'Microsoft.Dynamics.CRM.${logicalName}'. ---> Microsoft.OData.ODataException: Does not support untyped value in non-open type.`,
  );

export const resourceNotFound = (segment: string): DataverseError =>
  new DataverseError(404, ErrorCodes.resourceNotFound, `Resource not found for the segment '${segment}'.`);

export const badRequest = (message: string, code: string = ErrorCodes.propertyNotFound): DataverseError =>
  new DataverseError(400, code, message);

/** What the stand-in does not implement: an explicit 501 naming the feature, never a silently wrong answer. */
export const notImplemented = (feature: string): DataverseError =>
  new DataverseError(501, ErrorCodes.notSupported, `The Dataverse sandbox does not support ${feature}.`);

/** A column Dataverse publishes for the table (metadata/published) that the sandbox does not store. */
export const unmodelledColumn = (table: string, column: string): DataverseError =>
  notImplemented(`the column '${column}' of the table '${table}' (Dataverse has it; the sandbox does not store it)`);

/** A standard Dataverse table the sandbox does not model (metadata/published/standardTables.ts). */
export const unmodelledTable = (table: string, entitySetName: string): DataverseError =>
  notImplemented(`the table '${table}' (entity set '${entitySetName}'; Dataverse has it, the sandbox does not model it)`);

/** A Dataverse action or function the sandbox does not run (metadata/published/messages.ts). */
export const unmodelledMessage = (name: string): DataverseError =>
  notImplemented(`the message '${name}' (a Dataverse action or function the sandbox does not run)`);

export const payloadError = (entitySetName: string, inner: string, exception = "Microsoft.OData.ODataException"): DataverseError =>
  new DataverseError(
    400,
    ErrorCodes.payloadError,
    `Error identified in Payload provided by the user for Entity :'${entitySetName}', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ---->  InnerException : ${exception}: ${inner}`,
  );
