/**
 * Associate and disassociate records of a many-to-many relationship through its collection-valued
 * navigation property, as the Web API does it:
 *
 *   POST   <set>(<id>)/<relationship>/$ref   {"@odata.id": "<api url>/<other set>(<other id>)"}   → 204
 *   DELETE <set>(<id>)/<relationship>/$ref?$id=<api url>/<other set>(<other id>)             → 204
 *   DELETE <set>(<id>)/<relationship>(<other id>)/$ref                                       → 204
 *
 * Only the relationships in metadata/relationships.ts (the ones that grant security roles) are modelled.
 * Changing who holds a role is a System Administrator's job: in the sandbox only a holder of the System
 * Administrator role (directly or through a team) may.
 */
import { badRequest, DataverseError, ErrorCodes, notFound, notImplemented } from "../errors";
import { entityByLogicalName, entityBySetName, type EntityMetadata } from "../metadata";
import { manyToManyNavigation } from "../metadata/relationships";
import { parseBindReference } from "../odata/deserialize";
import { associate, disassociate } from "../storage/associations";
import { requireSystemAdministrator } from "../security/principal";
import { parseJsonBody, type ApiResponse, type HandlerContext } from "./context";

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** `<other set>(<id>)`, relative or absolute, naming a record of the relationship's other table. */
function otherRecord(reference: unknown, expected: EntityMetadata, what: string): string {
  if (typeof reference !== "string" || reference === "") throw badRequest(`${what} must be the URL of a ${expected.logicalName} record.`, ErrorCodes.invalidArgument);
  const parsed = parseBindReference(reference);
  const entity = parsed && entityBySetName(parsed.setName);
  if (!parsed || entity?.logicalName !== expected.logicalName) {
    throw badRequest(`The reference '${reference}' is not a ${expected.logicalName} record (${expected.entitySetName}(<id>)).`, ErrorCodes.invalidArgument);
  }
  return parsed.id;
}

/**
 * `<set>(<id>)/<rest>` when `rest` addresses a many-to-many navigation property; undefined when it
 * does not, so the router answers as before.
 */
export async function handleManyToMany(ctx: HandlerContext, entity: EntityMetadata, id: string, rest: string): Promise<ApiResponse | undefined> {
  const match = /^([A-Za-z_]\w*)(?:\(([^)]*)\))?(\/\$ref)?$/.exec(rest);
  const navigation = match ? manyToManyNavigation(entity.logicalName, match[1]) : undefined;
  if (!match || !navigation) return undefined;
  const [, name, key, ref] = match;
  const other = entityByLogicalName(navigation.other.entity) as EntityMetadata;
  const method = ctx.request.method;
  if (!ref) throw notImplemented(`reading '${name}' as a resource (use $expand=${name} or FetchXML over ${navigation.relationship.intersectEntity})`);

  let otherId: string;
  if (method === "POST" && key === undefined) {
    otherId = otherRecord((parseJsonBody(ctx.request.body) as Record<string, unknown>)["@odata.id"], other, "The @odata.id");
  } else if (method === "DELETE" && key !== undefined) {
    const guid = GUID.exec(key);
    if (!guid) throw notImplemented(`alternate keys ('${rest}')`);
    otherId = guid[1].toLowerCase();
  } else if (method === "DELETE") {
    otherId = otherRecord(ctx.request.url.searchParams.get("$id"), other, "The $id query option");
  } else {
    throw new DataverseError(405, ErrorCodes.notSupported, `The HTTP method '${method}' is not allowed on '${entity.entitySetName}(${id})/${rest}'.`);
  }

  await ctx.engine.execute(ctx.caller, async () => {
    requireSystemAdministrator(ctx.store, ctx.caller, navigation.relationship.name);
    if (!ctx.store.exists(entity, id)) throw notFound(entity.logicalName, id);
    if (!ctx.store.exists(other, otherId)) throw notFound(other.logicalName, otherId);
    if (method === "POST") associate(ctx.store, navigation, id, otherId);
    else disassociate(ctx.store, navigation, id, otherId);
  });
  return { status: 204 };
}

/** Intersect tables are read like any table; their rows change only by associating and disassociating. */
export function refuseIntersectWrite(entity: EntityMetadata): never {
  throw notImplemented(
    `writing ${entity.entitySetName} directly (an intersect table: associate or disassociate the records through the relationship's navigation property and /$ref)`,
  );
}
