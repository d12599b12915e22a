/** Details of the DataContractJsonSerializer format Dataverse uses for the RemoteExecutionContext. */

const XRM_CONTRACTS = "http://schemas.microsoft.com/xrm/2011/Contracts";

/** `__type` hints as the platform writes them (type name, colon, data contract namespace). */
export const TypeHints = {
  Entity: `Entity:${XRM_CONTRACTS}`,
  EntityReference: `EntityReference:${XRM_CONTRACTS}`,
  OptionSetValue: `OptionSetValue:${XRM_CONTRACTS}`,
  Money: `Money:${XRM_CONTRACTS}`,
  EntityCollection: `EntityCollection:${XRM_CONTRACTS}`,
} as const;

/** The type name part of a hint: "EntityReference:http://…" → "EntityReference". */
export function typeNameOf(hint: string): string {
  const colon = hint.indexOf(":");
  return colon < 0 ? hint : hint.slice(0, colon);
}

// "/Date(1506384247000)/" or "/Date(1506409448000-0700)/": milliseconds since the epoch (UTC), the
// optional offset only says which local time the value was made in.
const WCF_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

export function parseWcfDate(text: string): Date | null {
  // Every string value of a context passes here: most are not dates, and a first character says so.
  if (text.charCodeAt(0) !== 0x2f) return null;
  const match = WCF_DATE.exec(text);
  return match ? new Date(Number(match[1])) : null;
}

export function formatWcfDate(date: Date): string {
  return `/Date(${date.getTime()})/`;
}

/**
 * .NET escapes every "/" in JSON strings as "\/" (that is how `/Date(…)/` is told apart from a plain
 * string). A "/" can only occur inside JSON strings, so escaping all of them keeps the JSON valid.
 */
export function escapeSolidus(json: string): string {
  return json.replace(/\//g, "\\/");
}
