import type {
  ContextValue,
  EntityCollectionValue,
  EntityImageCollection,
  EntityReferenceValue,
  EntityValue,
  ParameterCollection,
  RemoteExecutionContext,
} from "./types";
import { parseWcfDate, typeNameOf } from "./wireFormat";

/** The body is not JSON, or not a RemoteExecutionContext; the message names the problem and where. */
export class ExecutionContextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExecutionContextError";
  }
}

type Json = Record<string, unknown>;

/**
 * Where a value sits in the context (`RemoteExecutionContext.InputParameters["Target"].Id`), as a function
 * that builds the text: only an error message needs it, and building it for every value of every delivery
 * cost the host a tenth of its parsing time (issue 14: `npm run bench`).
 */
type Where = () => string;

const member = (where: Where, name: string): Where => () => `${where()}.${name}`;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fail(where: Where, problem: string): never {
  throw new ExecutionContextError(`${where()}: ${problem}`);
}

/** `raw`, the member `name` of the object at `where`, as a string. */
function str(raw: unknown, where: Where, name: string): string {
  if (typeof raw !== "string") fail(member(where, name), "expected a string");
  return raw;
}

function optStr(raw: unknown, where: Where, name: string): string | null {
  return raw === undefined || raw === null ? null : str(raw, where, name);
}

function num(raw: unknown, where: Where, name?: string): number {
  if (typeof raw !== "number" || !Number.isFinite(raw)) fail(name === undefined ? where : member(where, name), "expected a number");
  return raw;
}

function bool(raw: unknown, where: Where, name: string): boolean {
  if (raw === undefined || raw === null) return false;
  if (typeof raw !== "boolean") fail(member(where, name), "expected true or false");
  return raw;
}

/** `[{ "key": k, "value": v }]`, the member `name` of the object at `where` → Map. A missing collection is an empty one (trimmed payloads omit them). */
function keyValues<T>(raw: unknown, where: Where, name: string, parseItem: (value: unknown, where: Where) => T): Map<string, T> {
  const result = new Map<string, T>();
  if (raw === undefined || raw === null) return result;
  const collection = member(where, name);
  if (!Array.isArray(raw)) fail(collection, "expected an array of { key, value } pairs");
  for (let index = 0; index < raw.length; index++) {
    const pair: unknown = raw[index];
    if (!isObject(pair) || typeof pair.key !== "string") fail(() => `${collection()}[${index}]`, "expected { key, value }");
    const key = pair.key;
    result.set(key, parseItem(pair.value, () => `${collection()}[${JSON.stringify(key)}]`));
  }
  return result;
}

/** A formatted value: the text Dataverse shows for a column. */
function text(raw: unknown, where: Where): string {
  if (typeof raw !== "string") fail(where, "expected a string");
  return raw;
}

function looksLikeEntity(raw: Json): boolean {
  return Array.isArray(raw.Attributes) && typeof raw.LogicalName === "string";
}

function looksLikeEntityReference(raw: Json): boolean {
  return typeof raw.LogicalName === "string" && "Id" in raw && !("Attributes" in raw);
}

function parseEntityReference(raw: unknown, where: Where): EntityReferenceValue {
  if (!isObject(raw)) fail(where, "expected an EntityReference");
  return {
    type: "EntityReference",
    logicalName: str(raw.LogicalName, where, "LogicalName"),
    id: str(raw.Id, where, "Id"),
    name: optStr(raw.Name, where, "Name"),
    keyAttributes: keyValues(raw.KeyAttributes, where, "KeyAttributes", parseValue),
    rowVersion: optStr(raw.RowVersion, where, "RowVersion"),
  };
}

function parseEntity(raw: unknown, where: Where): EntityValue {
  if (!isObject(raw)) fail(where, "expected an Entity");
  const related = raw.RelatedEntities;
  return {
    type: "Entity",
    logicalName: str(raw.LogicalName, where, "LogicalName"),
    id: str(raw.Id, where, "Id"),
    attributes: keyValues(raw.Attributes, where, "Attributes", parseValue),
    formattedValues: keyValues(raw.FormattedValues, where, "FormattedValues", text),
    keyAttributes: keyValues(raw.KeyAttributes, where, "KeyAttributes", parseValue),
    relatedEntities: Array.isArray(related) ? related : [],
    entityState: raw.EntityState === undefined || raw.EntityState === null ? null : num(raw.EntityState, where, "EntityState"),
    rowVersion: optStr(raw.RowVersion, where, "RowVersion"),
  };
}

function parseEntityCollection(raw: Json, where: Where): EntityCollectionValue {
  const entities = raw.Entities;
  if (!Array.isArray(entities)) fail(member(where, "Entities"), "expected an array");
  return {
    type: "EntityCollection",
    entityName: optStr(raw.EntityName, where, "EntityName"),
    entities: entities.map((e, i) => parseEntity(e, () => `${where()}.Entities[${i}]`)),
    moreRecords: bool(raw.MoreRecords, where, "MoreRecords"),
    pagingCookie: optStr(raw.PagingCookie, where, "PagingCookie"),
    minActiveRowVersion: optStr(raw.MinActiveRowVersion, where, "MinActiveRowVersion"),
    totalRecordCount: raw.TotalRecordCount === undefined ? -1 : num(raw.TotalRecordCount, where, "TotalRecordCount"),
    totalRecordCountLimitExceeded: bool(raw.TotalRecordCountLimitExceeded, where, "TotalRecordCountLimitExceeded"),
  };
}

/** One value of a parameter, attribute or shared variable. */
function parseValue(raw: unknown, where: Where): ContextValue {
  if (raw === null || typeof raw === "boolean") return raw;
  if (typeof raw === "number") return num(raw, where);
  if (typeof raw === "string") return parseWcfDate(raw) ?? raw;
  if (Array.isArray(raw)) return raw.map((item, i) => parseValue(item, () => `${where()}[${i}]`));
  if (!isObject(raw)) fail(where, "unsupported value");
  const hint = raw.__type;
  if (typeof hint === "string") {
    switch (typeNameOf(hint)) {
      case "Entity":
        return parseEntity(raw, where);
      case "EntityReference":
        return parseEntityReference(raw, where);
      case "OptionSetValue":
        return { type: "OptionSetValue", value: num(raw.Value, where, "Value") };
      case "Money":
        return { type: "Money", value: num(raw.Value, where, "Value") };
      case "EntityCollection":
        return parseEntityCollection(raw, where);
      default:
        return { type: "Other", json: raw };
    }
  }
  // Items of typed collections (EntityReferenceCollection, EntityCollection) carry no type hint.
  if (looksLikeEntity(raw)) return parseEntity(raw, where);
  if (looksLikeEntityReference(raw)) return parseEntityReference(raw, where);
  return { type: "Other", json: raw };
}

function parseImages(raw: unknown, where: Where, name: string): EntityImageCollection {
  return keyValues(raw, where, name, parseEntity);
}

function parseContext(raw: unknown, where: Where): RemoteExecutionContext {
  if (!isObject(raw)) fail(where, "expected a RemoteExecutionContext object");
  for (const name of ["MessageName", "PrimaryEntityName", "Stage", "Mode"]) {
    if (raw[name] === undefined || raw[name] === null) fail(member(where, name), "is missing");
  }
  const guid = (name: string): string => optStr(raw[name], where, name) ?? "";
  const operationCreatedOn = raw.OperationCreatedOn;
  return {
    messageName: str(raw.MessageName, where, "MessageName"),
    primaryEntityName: str(raw.PrimaryEntityName, where, "PrimaryEntityName"),
    primaryEntityId: guid("PrimaryEntityId"),
    secondaryEntityName: optStr(raw.SecondaryEntityName, where, "SecondaryEntityName") ?? "none",
    stage: num(raw.Stage, where, "Stage"),
    mode: num(raw.Mode, where, "Mode"),
    depth: raw.Depth === undefined ? 1 : num(raw.Depth, where, "Depth"),
    isolationMode: raw.IsolationMode === undefined ? 1 : num(raw.IsolationMode, where, "IsolationMode"),
    businessUnitId: guid("BusinessUnitId"),
    correlationId: guid("CorrelationId"),
    requestId: optStr(raw.RequestId, where, "RequestId"),
    operationId: guid("OperationId"),
    operationCreatedOn:
      typeof operationCreatedOn === "string"
        ? (parseWcfDate(operationCreatedOn) ?? fail(member(where, "OperationCreatedOn"), "expected a /Date(…)/ value"))
        : null,
    organizationId: guid("OrganizationId"),
    organizationName: optStr(raw.OrganizationName, where, "OrganizationName") ?? "",
    userId: guid("UserId"),
    initiatingUserId: guid("InitiatingUserId"),
    isExecutingOffline: bool(raw.IsExecutingOffline, where, "IsExecutingOffline"),
    isInTransaction: bool(raw.IsInTransaction, where, "IsInTransaction"),
    isOfflinePlayback: bool(raw.IsOfflinePlayback, where, "IsOfflinePlayback"),
    inputParameters: keyValues(raw.InputParameters, where, "InputParameters", parseValue) as ParameterCollection,
    outputParameters: keyValues(raw.OutputParameters, where, "OutputParameters", parseValue),
    sharedVariables: keyValues(raw.SharedVariables, where, "SharedVariables", parseValue),
    preEntityImages: parseImages(raw.PreEntityImages, where, "PreEntityImages"),
    postEntityImages: parseImages(raw.PostEntityImages, where, "PostEntityImages"),
    owningExtension:
      raw.OwningExtension === undefined || raw.OwningExtension === null ? null : parseEntityReference(raw.OwningExtension, member(where, "OwningExtension")),
    parentContext: raw.ParentContext === undefined || raw.ParentContext === null ? null : parseContext(raw.ParentContext, member(where, "ParentContext")),
  };
}

/**
 * Parses the body of a Dataverse webhook request. Throws ExecutionContextError naming the problem
 * (malformed JSON, or which property is missing or of the wrong type).
 */
/**
 * How deeply a body may nest objects and arrays. A real context nests about seven levels per parent
 * context (parameters → pair → entity → attributes → pair → value), and the platform's depth limit
 * keeps parent chains short; anything deeper is not from Dataverse, and parsing it recursively could
 * exhaust the stack.
 */
export const MaxJsonNesting = 128;

/**
 * Whether JSON text nests deeper than `max`, found in one pass without recursion (brackets in strings do
 * not count). Strings, most of a context (GUIDs, names, type hints), are skipped with `indexOf` rather
 * than walked character by character: this runs on every delivery (issue 14: host throughput).
 */
export function jsonNestingExceeds(text: string, max: number): boolean {
  // A text with no more opening brackets than the limit (those in strings included) cannot nest deeper:
  // counted with indexOf, several times faster than the walk below, which only bigger bodies need.
  let openings = 0;
  for (const bracket of ["{", "["]) {
    for (let i = text.indexOf(bracket); i !== -1 && openings <= max; i = text.indexOf(bracket, i + 1)) openings++;
  }
  if (openings <= max) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // To the closing quote: one not preceded by an odd number of backslashes.
      for (;;) {
        i = text.indexOf('"', i + 1);
        if (i === -1) return false;
        let backslashes = 0;
        while (text.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

export function parseRemoteExecutionContext(body: string): RemoteExecutionContext {
  if (jsonNestingExceeds(body, MaxJsonNesting)) {
    throw new ExecutionContextError(`Malformed context: objects and arrays nest more than ${MaxJsonNesting} levels deep.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    // V8 quotes the start of the body in its message; that can be what a partner typed, so it goes.
    const reason = (error as Error).message.replace(/,?\s*"[\s\S]*" is not valid JSON$/, "");
    throw new ExecutionContextError(`Malformed JSON: ${reason}`);
  }
  return parseContext(raw, () => "RemoteExecutionContext");
}
