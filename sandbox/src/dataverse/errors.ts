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

export const propertyNotFound = (property: string, logicalName: string): DataverseError =>
  new DataverseError(
    400,
    ErrorCodes.propertyNotFound,
    `Could not find a property named '${property}' on type 'Microsoft.Dynamics.CRM.${logicalName}'.`,
  );

export const resourceNotFound = (segment: string): DataverseError =>
  new DataverseError(404, ErrorCodes.resourceNotFound, `Resource not found for the segment '${segment}'.`);

export const badRequest = (message: string, code: string = ErrorCodes.propertyNotFound): DataverseError =>
  new DataverseError(400, code, message);

/** What the stand-in does not implement: an explicit 501 naming the feature, never a silently wrong answer. */
export const notImplemented = (feature: string): DataverseError =>
  new DataverseError(501, ErrorCodes.notSupported, `The Dataverse sandbox does not support ${feature}.`);

export const payloadError = (entitySetName: string, inner: string): DataverseError =>
  new DataverseError(
    400,
    ErrorCodes.payloadError,
    `Error identified in Payload provided by the user for Entity :'${entitySetName}', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ---->  InnerException : Microsoft.OData.ODataException: ${inner}`,
  );
