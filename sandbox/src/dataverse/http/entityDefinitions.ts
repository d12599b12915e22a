/**
 * The EntityDefinitions entity set ("Query table definitions using the Web API",
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query-metadata-web-api, and
 * "Retrieve table definitions by name or MetadataId"):
 *
 * - `EntityDefinitions` — every table, no paging ("All matching resources will be returned in the first
 *   response"); `$select` and a `$filter` of eq/ne on the primitive properties (and/or/not);
 * - `EntityDefinitions(LogicalName='…')` or `EntityDefinitions(<MetadataId>)`;
 * - `…/Attributes`, `…/Attributes(LogicalName='…')` and `$expand=Attributes($select=…)` for a table a
 *   solution import created.
 *
 * The MetadataId is always returned, as Dataverse does. A property the sandbox does not know for a table
 * (the display name of a standard table …), another query option, or Attributes of a standard table is
 * a 501 naming it.
 */
import { DataverseError, notImplemented, unmodelledTable } from "../errors";
import { entitiesInScope, entityByLogicalName, type EntityMetadata } from "../metadata";
import { currentDynamicMetadata, type CustomTableDefinition } from "../metadata/dynamic";
import { unmodelledTableByLogicalName } from "../metadata/published";
import { attributeDefinitionJson, attributeDefinitionsJson, entityDefinitionJson, type DefinitionJson, type LabelOptions } from "../odata/definitionJson";
import { parseFilter, type FilterExpression, type Operand } from "../odata/filterParser";
import { splitTopLevel } from "../odata/queryOptions";
import type { ApiResponse, HandlerContext } from "./context";

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;
const PATH = /^EntityDefinitions(?:\((?:LogicalName='([^']*)'|([^)]*))\))?(?:\/Attributes(?:\((?:LogicalName='([^']*)')\))?)?$/;

interface DefinitionQuery {
  select?: string[];
  filter?: FilterExpression;
  expandAttributes?: { select?: string[] };
  labels: LabelOptions;
}

const customTableOf = (logicalName: string): CustomTableDefinition | undefined => currentDynamicMetadata()?.tables.get(logicalName);

function readQuery(ctx: HandlerContext, collection: boolean): DefinitionQuery {
  const query: DefinitionQuery = { labels: { languageId: ctx.caller.languageId } };
  for (const [name, value] of ctx.request.url.searchParams) {
    if (name === "$select") query.select = splitTopLevel(value, ",");
    else if (name === "$filter" && collection) query.filter = parseFilter(value);
    else if (name === "$expand") {
      const match = /^Attributes(?:\(\$select=([\w,]+)\))?$/.exec(value.trim());
      if (!match) throw notImplemented(`'$expand=${value}' on EntityDefinitions (only Attributes, with an optional $select)`);
      query.expandAttributes = { select: match[1]?.split(",") };
    } else if (name === "LabelLanguages") {
      query.labels.labelLanguages = value.split(",").map(Number);
      if (query.labels.labelLanguages.some((code) => !Number.isInteger(code))) throw new DataverseError(400, "0x80060888", `'${value}' is not a list of language codes.`);
    } else if (name.startsWith("$") || name.startsWith("@")) throw notImplemented(`the query option '${name}' on EntityDefinitions`);
  }
  return query;
}

/** `$select` on a definition: the named properties (the MetadataId always); one the sandbox does not know is a 501. */
function selected(json: DefinitionJson, select: string[] | undefined, what: string): DefinitionJson {
  if (!select) return json;
  const result: DefinitionJson = {};
  if (json["@odata.type"]) result["@odata.type"] = json["@odata.type"];
  result.MetadataId = json.MetadataId;
  for (const name of select) {
    if (!(name in json)) throw notImplemented(`the property '${name}' of ${what} in EntityDefinitions`);
    result[name] = json[name];
  }
  return result;
}

function value(json: DefinitionJson, operand: Operand, what: string): unknown {
  if (operand.kind === "literal") return operand.value;
  if (!(operand.name in json)) throw notImplemented(`filtering EntityDefinitions on '${operand.name}' (${what} does not model it)`);
  const property = json[operand.name];
  if (property !== null && typeof property === "object") throw notImplemented(`filtering EntityDefinitions on the complex property '${operand.name}'`);
  return property;
}

/** eq/ne on primitive properties, with and/or/not: what a client asks EntityDefinitions for a table by name or kind. */
function matches(json: DefinitionJson, filter: FilterExpression, what: string): boolean {
  switch (filter.kind) {
    case "and":
      return matches(json, filter.left, what) && matches(json, filter.right, what);
    case "or":
      return matches(json, filter.left, what) || matches(json, filter.right, what);
    case "not":
      return !matches(json, filter.operand, what);
    case "compare": {
      if (filter.operator !== "eq" && filter.operator !== "ne") throw notImplemented(`'${filter.operator}' in a $filter on EntityDefinitions (only eq and ne)`);
      const equal = value(json, filter.left, what) === value(json, filter.right, what);
      return filter.operator === "eq" ? equal : !equal;
    }
    default:
      throw notImplemented(`the function '${filter.name}' in a $filter on EntityDefinitions`);
  }
}

function tableJson(entity: EntityMetadata, query: DefinitionQuery): DefinitionJson {
  const custom = customTableOf(entity.logicalName);
  const full = entityDefinitionJson(entity, custom, query.labels);
  const json = selected(full, query.select, `the table '${entity.logicalName}'`);
  if (query.expandAttributes) json.Attributes = attributesJson(entity, query.expandAttributes.select, query.labels);
  return json;
}

function attributesJson(entity: EntityMetadata, select: string[] | undefined, labels: LabelOptions): DefinitionJson[] {
  const custom = customTableOf(entity.logicalName);
  if (!custom) throw notImplemented(`the Attributes of the standard table '${entity.logicalName}' in EntityDefinitions (only tables a solution import created list them)`);
  return attributeDefinitionsJson(custom, labels).map((json) => selected(json, select, `a column of '${entity.logicalName}'`));
}

function contextUrl(ctx: HandlerContext, select: string[] | undefined, suffix = ""): string {
  return `${ctx.apiUrl}$metadata#EntityDefinitions${select ? `(${select.join(",")})` : ""}${suffix}`;
}

function findTable(key: { logicalName?: string; metadataId?: string }): EntityMetadata {
  const entity = key.logicalName !== undefined ? entityByLogicalName(key.logicalName) : entitiesInScope().find((e) => entityDefinitionJson(e, customTableOf(e.logicalName), { languageId: 1033 }).MetadataId === key.metadataId);
  if (!entity) {
    const standard = key.logicalName !== undefined ? unmodelledTableByLogicalName(key.logicalName) : undefined;
    if (standard) throw unmodelledTable(standard.logicalName, standard.entitySetName);
    throw new DataverseError(404, "0x80040217", key.logicalName !== undefined ? `Could not find entity with name '${key.logicalName}'.` : `Could not find entity with id '${key.metadataId}'.`);
  }
  return entity;
}

/** Answers a request below `EntityDefinitions`, or undefined when the path is not one. */
export function entityDefinitions(ctx: HandlerContext): ApiResponse | undefined {
  const path = ctx.request.path;
  if (!path.startsWith("EntityDefinitions")) return undefined;
  const match = PATH.exec(path);
  if (!match) throw notImplemented(`metadata requests other than EntityDefinitions, EntityDefinitions(…) and …/Attributes ('${path}')`);
  if (ctx.request.method !== "GET") throw notImplemented(`${ctx.request.method} on EntityDefinitions (creating or changing tables through the Web API)`);
  const [, logicalName, rawKey] = match;
  const attributes = path.includes("/Attributes");
  const attributeName = match[3];
  if (logicalName === undefined && rawKey === undefined) {
    if (attributes) throw notImplemented("Attributes of EntityDefinitions as a collection");
    const query = readQuery(ctx, true);
    const rows = entitiesInScope()
      .map((entity) => ({ entity, full: entityDefinitionJson(entity, customTableOf(entity.logicalName), query.labels) }))
      .filter(({ entity, full }) => !query.filter || matches(full, query.filter, `the table '${entity.logicalName}'`))
      .map(({ entity }) => tableJson(entity, query));
    return { status: 200, body: { "@odata.context": contextUrl(ctx, query.select), value: rows } };
  }
  const metadataId = rawKey !== undefined ? GUID.exec(rawKey)?.[1]?.toLowerCase() : undefined;
  if (rawKey !== undefined && !metadataId) throw notImplemented(`the key '${rawKey}' of EntityDefinitions (LogicalName='…' or a MetadataId)`);
  const entity = findTable({ logicalName, metadataId });
  const query = readQuery(ctx, false);
  if (!attributes) return { status: 200, body: { "@odata.context": contextUrl(ctx, query.select, "/$entity"), ...tableJson(entity, query) } };
  const key = logicalName !== undefined ? `LogicalName='${logicalName}'` : metadataId;
  const columns = attributesJson(entity, query.select, query.labels);
  const attributesContext = `${ctx.apiUrl}$metadata#EntityDefinitions(${key})/Attributes${query.select ? `(${query.select.join(",")})` : ""}`;
  if (attributeName === undefined) return { status: 200, body: { "@odata.context": attributesContext, value: columns } };
  const custom = customTableOf(entity.logicalName) as CustomTableDefinition;
  const column = custom.columns.find((c) => c.logicalName === attributeName);
  const json = column && attributeDefinitionJson(custom, column, query.labels);
  if (!json) throw new DataverseError(404, "0x80040217", `Could not find attribute with name '${attributeName}' on entity '${entity.logicalName}'.`);
  return { status: 200, body: { "@odata.context": `${attributesContext}/$entity`, ...selected(json, query.select, `a column of '${entity.logicalName}'`) } };
}
