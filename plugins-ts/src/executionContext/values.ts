import type {
  ContextValue,
  EntityReferenceValue,
  EntityValue,
  MoneyValue,
  OptionSetValueValue,
  ParameterCollection,
} from "./types";

/** Constructors for context values, so callers (tests, the sandbox) never build the tagged objects by hand. */

export function entityReference(logicalName: string, id: string, name: string | null = null): EntityReferenceValue {
  return { type: "EntityReference", logicalName, id, name, keyAttributes: new Map(), rowVersion: null };
}

export function optionSetValue(value: number): OptionSetValueValue {
  return { type: "OptionSetValue", value };
}

export function money(value: number): MoneyValue {
  return { type: "Money", value };
}

export function entity(
  logicalName: string,
  id: string,
  attributes: Record<string, ContextValue> = {},
  formattedValues: Record<string, string> = {},
): EntityValue {
  return {
    type: "Entity",
    logicalName,
    id,
    attributes: new Map(Object.entries(attributes)),
    formattedValues: new Map(Object.entries(formattedValues)),
    keyAttributes: new Map(),
    relatedEntities: [],
    entityState: null,
    rowVersion: null,
  };
}

export function parameters(values: Record<string, ContextValue> = {}): ParameterCollection {
  return new Map(Object.entries(values));
}

/** Typed readers: each returns undefined when the key is absent or holds another kind of value. */

export function isEntityReference(value: ContextValue | undefined): value is EntityReferenceValue {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date) && value.type === "EntityReference";
}

export function isEntity(value: ContextValue | undefined): value is EntityValue {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date) && value.type === "Entity";
}

export function getEntityReference(values: ReadonlyMap<string, ContextValue>, key: string): EntityReferenceValue | undefined {
  const value = values.get(key);
  return isEntityReference(value) ? value : undefined;
}

export function getEntity(values: ReadonlyMap<string, ContextValue>, key: string): EntityValue | undefined {
  const value = values.get(key);
  return isEntity(value) ? value : undefined;
}

/** An OptionSetValue's number; a bare integer is accepted too (some messages declare the parameter as int). */
export function getOptionValue(values: ReadonlyMap<string, ContextValue>, key: string): number | undefined {
  const value = values.get(key);
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date) && value.type === "OptionSetValue") {
    return value.value;
  }
  return undefined;
}

export function getBoolean(values: ReadonlyMap<string, ContextValue>, key: string): boolean | undefined {
  const value = values.get(key);
  return typeof value === "boolean" ? value : undefined;
}

/** Every EntityReference in an EntityReferenceCollection parameter (e.g. QualifyLead's `CreatedEntities`). */
export function getEntityReferences(values: ReadonlyMap<string, ContextValue>, key: string): EntityReferenceValue[] {
  const value = values.get(key);
  return Array.isArray(value) ? value.filter(isEntityReference) : [];
}

export const EmptyGuid = "00000000-0000-0000-0000-000000000000";

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** The lower-case GUID without braces; null for anything else, including the empty GUID. */
export function normalizeGuid(value: string | null | undefined): string | null {
  const match = GUID.exec((value ?? "").trim());
  if (!match) return null;
  const id = match[1].toLowerCase();
  return id === EmptyGuid ? null : id;
}
