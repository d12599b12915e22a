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

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fail(path: string, problem: string): never {
  throw new ExecutionContextError(`${path}: ${problem}`);
}

function str(raw: unknown, path: string): string {
  if (typeof raw !== "string") fail(path, "expected a string");
  return raw;
}

function optStr(raw: unknown, path: string): string | null {
  return raw === undefined || raw === null ? null : str(raw, path);
}

function num(raw: unknown, path: string): number {
  if (typeof raw !== "number" || !Number.isFinite(raw)) fail(path, "expected a number");
  return raw;
}

function bool(raw: unknown, path: string): boolean {
  if (raw === undefined || raw === null) return false;
  if (typeof raw !== "boolean") fail(path, "expected true or false");
  return raw;
}

/** `[{ "key": k, "value": v }]` → Map. A missing collection is an empty one (trimmed payloads omit them). */
function keyValues<T>(raw: unknown, path: string, parseItem: (value: unknown, path: string) => T): Map<string, T> {
  const result = new Map<string, T>();
  if (raw === undefined || raw === null) return result;
  if (!Array.isArray(raw)) fail(path, "expected an array of { key, value } pairs");
  raw.forEach((pair, index) => {
    if (!isObject(pair) || typeof pair.key !== "string") fail(`${path}[${index}]`, "expected { key, value }");
    result.set(pair.key, parseItem(pair.value, `${path}[${JSON.stringify(pair.key)}]`));
  });
  return result;
}

function looksLikeEntity(raw: Json): boolean {
  return Array.isArray(raw.Attributes) && typeof raw.LogicalName === "string";
}

function looksLikeEntityReference(raw: Json): boolean {
  return typeof raw.LogicalName === "string" && "Id" in raw && !("Attributes" in raw);
}

export function parseEntityReference(raw: unknown, path: string): EntityReferenceValue {
  if (!isObject(raw)) fail(path, "expected an EntityReference");
  return {
    type: "EntityReference",
    logicalName: str(raw.LogicalName, `${path}.LogicalName`),
    id: str(raw.Id, `${path}.Id`),
    name: optStr(raw.Name, `${path}.Name`),
    keyAttributes: keyValues(raw.KeyAttributes, `${path}.KeyAttributes`, parseValue),
    rowVersion: optStr(raw.RowVersion, `${path}.RowVersion`),
  };
}

export function parseEntity(raw: unknown, path: string): EntityValue {
  if (!isObject(raw)) fail(path, "expected an Entity");
  const related = raw.RelatedEntities;
  return {
    type: "Entity",
    logicalName: str(raw.LogicalName, `${path}.LogicalName`),
    id: str(raw.Id, `${path}.Id`),
    attributes: keyValues(raw.Attributes, `${path}.Attributes`, parseValue),
    formattedValues: keyValues(raw.FormattedValues, `${path}.FormattedValues`, str),
    keyAttributes: keyValues(raw.KeyAttributes, `${path}.KeyAttributes`, parseValue),
    relatedEntities: Array.isArray(related) ? related : [],
    entityState: raw.EntityState === undefined || raw.EntityState === null ? null : num(raw.EntityState, `${path}.EntityState`),
    rowVersion: optStr(raw.RowVersion, `${path}.RowVersion`),
  };
}

function parseEntityCollection(raw: Json, path: string): EntityCollectionValue {
  const entities = raw.Entities;
  if (!Array.isArray(entities)) fail(`${path}.Entities`, "expected an array");
  return {
    type: "EntityCollection",
    entityName: optStr(raw.EntityName, `${path}.EntityName`),
    entities: entities.map((e, i) => parseEntity(e, `${path}.Entities[${i}]`)),
    moreRecords: bool(raw.MoreRecords, `${path}.MoreRecords`),
    pagingCookie: optStr(raw.PagingCookie, `${path}.PagingCookie`),
    minActiveRowVersion: optStr(raw.MinActiveRowVersion, `${path}.MinActiveRowVersion`),
    totalRecordCount: raw.TotalRecordCount === undefined ? -1 : num(raw.TotalRecordCount, `${path}.TotalRecordCount`),
    totalRecordCountLimitExceeded: bool(raw.TotalRecordCountLimitExceeded, `${path}.TotalRecordCountLimitExceeded`),
  };
}

/** One value of a parameter, attribute or shared variable. */
export function parseValue(raw: unknown, path: string): ContextValue {
  if (raw === null || typeof raw === "boolean") return raw;
  if (typeof raw === "number") return num(raw, path);
  if (typeof raw === "string") return parseWcfDate(raw) ?? raw;
  if (Array.isArray(raw)) return raw.map((item, i) => parseValue(item, `${path}[${i}]`));
  if (!isObject(raw)) fail(path, "unsupported value");
  const hint = raw.__type;
  if (typeof hint === "string") {
    switch (typeNameOf(hint)) {
      case "Entity":
        return parseEntity(raw, path);
      case "EntityReference":
        return parseEntityReference(raw, path);
      case "OptionSetValue":
        return { type: "OptionSetValue", value: num(raw.Value, `${path}.Value`) };
      case "Money":
        return { type: "Money", value: num(raw.Value, `${path}.Value`) };
      case "EntityCollection":
        return parseEntityCollection(raw, path);
      default:
        return { type: "Other", json: raw };
    }
  }
  // Items of typed collections (EntityReferenceCollection, EntityCollection) carry no type hint.
  if (looksLikeEntity(raw)) return parseEntity(raw, path);
  if (looksLikeEntityReference(raw)) return parseEntityReference(raw, path);
  return { type: "Other", json: raw };
}

function parseImages(raw: unknown, path: string): EntityImageCollection {
  return keyValues(raw, path, parseEntity);
}

function parseContext(raw: unknown, path: string): RemoteExecutionContext {
  if (!isObject(raw)) fail(path, "expected a RemoteExecutionContext object");
  const has = (name: string): void => {
    if (raw[name] === undefined || raw[name] === null) fail(`${path}.${name}`, "is missing");
  };
  ["MessageName", "PrimaryEntityName", "Stage", "Mode"].forEach(has);
  const guid = (name: string): string => optStr(raw[name], `${path}.${name}`) ?? "";
  const operationCreatedOn = raw.OperationCreatedOn;
  return {
    messageName: str(raw.MessageName, `${path}.MessageName`),
    primaryEntityName: str(raw.PrimaryEntityName, `${path}.PrimaryEntityName`),
    primaryEntityId: guid("PrimaryEntityId"),
    secondaryEntityName: optStr(raw.SecondaryEntityName, `${path}.SecondaryEntityName`) ?? "none",
    stage: num(raw.Stage, `${path}.Stage`),
    mode: num(raw.Mode, `${path}.Mode`),
    depth: raw.Depth === undefined ? 1 : num(raw.Depth, `${path}.Depth`),
    isolationMode: raw.IsolationMode === undefined ? 1 : num(raw.IsolationMode, `${path}.IsolationMode`),
    businessUnitId: guid("BusinessUnitId"),
    correlationId: guid("CorrelationId"),
    requestId: optStr(raw.RequestId, `${path}.RequestId`),
    operationId: guid("OperationId"),
    operationCreatedOn:
      typeof operationCreatedOn === "string"
        ? (parseWcfDate(operationCreatedOn) ?? fail(`${path}.OperationCreatedOn`, "expected a /Date(…)/ value"))
        : null,
    organizationId: guid("OrganizationId"),
    organizationName: optStr(raw.OrganizationName, `${path}.OrganizationName`) ?? "",
    userId: guid("UserId"),
    initiatingUserId: guid("InitiatingUserId"),
    isExecutingOffline: bool(raw.IsExecutingOffline, `${path}.IsExecutingOffline`),
    isInTransaction: bool(raw.IsInTransaction, `${path}.IsInTransaction`),
    isOfflinePlayback: bool(raw.IsOfflinePlayback, `${path}.IsOfflinePlayback`),
    inputParameters: keyValues(raw.InputParameters, `${path}.InputParameters`, parseValue) as ParameterCollection,
    outputParameters: keyValues(raw.OutputParameters, `${path}.OutputParameters`, parseValue),
    sharedVariables: keyValues(raw.SharedVariables, `${path}.SharedVariables`, parseValue),
    preEntityImages: parseImages(raw.PreEntityImages, `${path}.PreEntityImages`),
    postEntityImages: parseImages(raw.PostEntityImages, `${path}.PostEntityImages`),
    owningExtension:
      raw.OwningExtension === undefined || raw.OwningExtension === null
        ? null
        : parseEntityReference(raw.OwningExtension, `${path}.OwningExtension`),
    parentContext:
      raw.ParentContext === undefined || raw.ParentContext === null ? null : parseContext(raw.ParentContext, `${path}.ParentContext`),
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
  return parseContext(raw, "RemoteExecutionContext");
}
