/**
 * Request bodies to records: typed properties checked against the metadata, lookups only through
 * `<navigation>@odata.bind`, system-maintained columns ignored as the platform ignores them.
 */
import { badRequest, DataverseError, notImplemented, payloadError } from "../errors";
import { attributeOf, entityBySetName, lookupValueAttribute, navigationProperty, type EntityMetadata } from "../metadata";
import { toDataverseDate, type RecordData, type Value } from "../storage/records";
import { edmTypeOf } from "../query/sqlCondition";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/accounts(<guid>)`, `accounts(<guid>)` or an absolute URL ending that way. */
export function parseBindReference(value: string): { setName: string; id: string } | undefined {
  const match = /(?:^|\/)([A-Za-z_]\w*)\(([^)]*)\)$/.exec(value);
  if (!match) return undefined;
  const key = match[2].replace(/^\{|\}$/g, "");
  if (!GUID.test(key)) throw notImplemented(`alternate keys in @odata.bind ('${value}')`);
  return { setName: match[1], id: key.toLowerCase() };
}

function convert(entity: EntityMetadata, name: string, value: unknown): Value {
  const attribute = attributeOf(entity, name)!;
  if (value === null) return null;
  const wrongType = () =>
    payloadError(entity.entitySetName, `Cannot convert the literal '${String(value)}' to the expected type '${edmTypeOf(attribute)}'.`);
  switch (attribute.type) {
    case "string":
    case "memo":
    case "entityname":
      if (typeof value !== "string") throw wrongType();
      return value;
    case "uniqueidentifier":
      if (typeof value !== "string" || !GUID.test(value)) throw wrongType();
      return value.toLowerCase();
    case "integer":
    case "bigint":
      if (typeof value !== "number" || !Number.isInteger(value)) throw wrongType();
      return value;
    case "decimal":
    case "money":
      if (typeof value !== "number") throw wrongType();
      return value;
    case "boolean":
      if (typeof value !== "boolean") throw wrongType();
      return value;
    case "datetime": {
      const date = typeof value === "string" ? new Date(value) : undefined;
      if (!date || Number.isNaN(date.getTime())) throw wrongType();
      return toDataverseDate(date);
    }
    case "picklist":
    case "state":
    case "status":
      if (typeof value !== "number" || !Number.isInteger(value)) throw wrongType();
      if (attribute.type === "picklist" && !attribute.options?.some((o) => o.value === value)) {
        throw new DataverseError(
          400,
          "0x80044331",
          `A validation error occurred. The value ${value} of '${name}' on record of type '${entity.logicalName}' is outside the valid range.`,
        );
      }
      return value;
    case "lookup":
      throw badRequest("CRM do not support direct update of Entity Reference properties, Use Navigation properties insted.");
  }
}

export function deserializeRecord(entity: EntityMetadata, body: unknown): RecordData {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw payloadError(entity.entitySetName, "The request body must be a JSON object.");
  }
  const record: RecordData = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key.endsWith("@odata.bind")) {
      const navigationName = key.slice(0, -"@odata.bind".length);
      const navigation = navigationProperty(entity, navigationName);
      if (!navigation) {
        throw payloadError(
          entity.entitySetName,
          `An undeclared property '${navigationName}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.`,
        );
      }
      if (value === null) {
        record[navigation.attribute.logicalName] = null;
        continue;
      }
      if (typeof value !== "string") throw payloadError(entity.entitySetName, `The value of '${key}' must be a URL.`);
      const reference = parseBindReference(value);
      const target = reference && entityBySetName(reference.setName);
      if (!reference || !target || target.logicalName !== navigation.target.entity) {
        throw badRequest(`The reference '${value}' is not valid for the navigation property '${navigationName}'.`);
      }
      record[navigation.attribute.logicalName] = { logicalName: target.logicalName, id: reference.id };
      continue;
    }
    if (key.startsWith("@") || key.includes("@")) continue; // instance annotations (@odata.type, …)
    if (lookupValueAttribute(entity, key)) {
      throw badRequest("CRM do not support direct update of Entity Reference properties, Use Navigation properties insted.");
    }
    if (navigationProperty(entity, key)) throw notImplemented(`deep insert/update through '${key}'`);
    const attribute = attributeOf(entity, key);
    if (!attribute) {
      throw payloadError(
        entity.entitySetName,
        `The property '${key}' does not exist on type 'Microsoft.Dynamics.CRM.${entity.logicalName}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
    if (attribute.systemManaged && key !== entity.primaryIdAttribute) continue;
    record[key] = convert(entity, key, value);
  }
  return record;
}
