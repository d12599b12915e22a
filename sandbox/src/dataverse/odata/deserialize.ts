/**
 * Request bodies to records: typed properties checked against the metadata, lookups only through
 * `<navigation>@odata.bind`, system-maintained columns ignored as the platform ignores them.
 *
 * Names the type does not have get Dataverse's answers ("Troubleshoot Dataverse Web API client errors",
 * https://learn.microsoft.com/troubleshoot/power-platform/dataverse/dataverse-web-api-and-sdk/web-api-client-errors):
 * an unknown property is "Invalid property … was found in entity …", an unknown navigation property in a
 * bind is the payload error "An undeclared property … which only has property annotations". A column
 * Dataverse publishes for the table but the sandbox does not store is a 501 naming it.
 *
 * Annotations in a body: `@odata.bind` and `@odata.type` are honoured (Web API "Associate table rows on
 * create", "Use Web API actions"); an instance annotation name without an inner period is Dataverse's
 * payload error (quoted from Dataverse 9.2.24112 in Capgemini/powerapps-specflow-bindings#185); what
 * Dataverse does with any other annotation in a body is not published, so it is a 501 naming the
 * annotation rather than a silent drop.
 */
import { badRequest, DataverseError, invalidBodyProperty, notImplemented, payloadError, unmodelledColumn } from "../errors";
import { attributeOf, entityBySetName, lookupValueAttribute, navigationProperty, type EntityMetadata } from "../metadata";
import { unmodelledColumnOf, unmodelledLookupOf } from "../metadata/columnSupport";
import { toDataverseDate, type RecordData, type Value } from "../storage/records";
import { edmTypeOf } from "../query/sqlCondition";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIND = "@odata.bind";

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

/** `<navigation>@odata.bind`: the lookup it sets, or null to clear it. */
function readBind(entity: EntityMetadata, key: string, value: unknown, record: RecordData): void {
  const navigationName = key.slice(0, -BIND.length);
  const navigation = navigationProperty(entity, navigationName);
  if (!navigation) {
    const unmodelled = unmodelledLookupOf(entity, navigationName);
    if (unmodelled) throw unmodelledColumn(entity.logicalName, unmodelled);
    throw payloadError(
      entity.entitySetName,
      `An undeclared property '${navigationName}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.`,
    );
  }
  if (value === null) {
    record[navigation.attribute.logicalName] = null;
    return;
  }
  if (typeof value !== "string") throw payloadError(entity.entitySetName, `The value of '${key}' must be a URL.`);
  const reference = parseBindReference(value);
  const target = reference && entityBySetName(reference.setName);
  if (!reference || !target || target.logicalName !== navigation.target.entity) {
    throw badRequest(`The reference '${value}' is not valid for the navigation property '${navigationName}'.`);
  }
  record[navigation.attribute.logicalName] = { logicalName: target.logicalName, id: reference.id };
}

/** Any other annotation: `@odata.type` of the set's own type is honoured; the rest is refused (see the file comment). */
function checkAnnotation(entity: EntityMetadata, key: string, value: unknown): void {
  if (key === "@odata.type") {
    const type = typeof value === "string" ? value.replace(/^#/, "") : undefined;
    if (type === `Microsoft.Dynamics.CRM.${entity.logicalName}`) return;
    throw notImplemented(`'@odata.type' naming '${String(value)}' in a body for '${entity.entitySetName}' (only the set's own type is modelled)`);
  }
  if (key.startsWith("@")) {
    const name = key.slice(1);
    if (!name.slice(1, -1).includes(".")) {
      throw payloadError(
        entity.entitySetName,
        `'${name}' is an invalid instance annotation name. An instance annotation name must contain a period that is not at the start or end of the name.`,
        "System.ArgumentException",
      );
    }
  }
  throw notImplemented(`the annotation '${key}' in a request body (what Dataverse does with it there is not modelled)`);
}

export function deserializeRecord(entity: EntityMetadata, body: unknown): RecordData {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw payloadError(entity.entitySetName, "The request body must be a JSON object.");
  }
  const record: RecordData = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key.endsWith(BIND) && key.length > BIND.length) {
      readBind(entity, key, value, record);
      continue;
    }
    if (key.includes("@")) {
      checkAnnotation(entity, key, value);
      continue;
    }
    if (lookupValueAttribute(entity, key)) {
      throw badRequest("CRM do not support direct update of Entity Reference properties, Use Navigation properties insted.");
    }
    if (navigationProperty(entity, key)) throw notImplemented(`deep insert/update through '${key}'`);
    const attribute = attributeOf(entity, key);
    if (!attribute) {
      const unmodelled = unmodelledColumnOf(entity, key);
      if (unmodelled) throw unmodelledColumn(entity.logicalName, unmodelled);
      throw invalidBodyProperty(key, entity.logicalName);
    }
    if (attribute.systemManaged && key !== entity.primaryIdAttribute) continue;
    record[key] = convert(entity, key, value);
  }
  return record;
}
