/**
 * `context.parameters` as a model-driven form fills them: each manifest property gets the form's
 * binding (a column's current value) or static value, typed as the property type says; unset inputs
 * get their manifest default. Bound properties carry `attributes.LogicalName`.
 */
import type { LanguageId } from "../../shared/session";
import { chromeString } from "../../shared/strings";
import type { ControlManifest } from "./manifest";
import type { PcfParameter } from "./types";

export interface HostParameter {
  raw: unknown;
  formatted?: string;
  type: string;
  error: boolean;
  errorMessage: string;
  security?: { editable: boolean; readable: boolean; secured: boolean };
  attributes?: { LogicalName: string; DisplayName: string; Type: string; RequiredLevel: number; IsSecured: boolean };
}

const NUMBER_TYPES = new Set(["Whole.None", "Decimal", "FP", "Currency", "OptionSet"]);

/** A static value (always text in formxml) as the property type's raw value. */
export function typedStatic(type: string, value: string | null): unknown {
  if (value === null) return null;
  if (NUMBER_TYPES.has(type)) {
    const number = Number(value);
    return value.trim() === "" || Number.isNaN(number) ? null : number;
  }
  if (type === "TwoOptions") return value === "1" || value.toLowerCase() === "true";
  if (type.startsWith("DateAndTime")) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return value;
}

interface XrmLookup {
  id?: string;
  name?: string | null;
  entityType?: string;
}

const bareId = (id: string): string => id.replace(/^\{|\}$/g, "").toLowerCase();

/** A bound column's Client API value as the PCF raw value (lookups: `[{ id, name, entityType }]`). */
export function boundRaw(type: string, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (type.startsWith("Lookup")) {
    const list = Array.isArray(value) ? (value as XrmLookup[]) : [value as XrmLookup];
    const lookups = list.filter((v) => v && typeof v.id === "string").map((v) => ({ id: bareId(v.id as string), name: v.name ?? "", entityType: v.entityType ?? "" }));
    return lookups.length > 0 ? lookups : null;
  }
  return value;
}

function formattedOf(raw: unknown, languageId: LanguageId): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (Array.isArray(raw)) return raw.map((v: { name?: string }) => v.name ?? "").join("; ");
  if (raw instanceof Date) return raw.toLocaleString(languageId === 1035 ? "fi-FI" : "en-US");
  if (typeof raw === "boolean") return chromeString(languageId, raw ? "yes" : "no");
  return String(raw);
}

export function buildParameters(
  manifest: ControlManifest,
  placements: PcfParameter[],
  values: Record<string, unknown>,
  languageId: LanguageId,
): Record<string, HostParameter> {
  const result: Record<string, HostParameter> = {};
  for (const property of manifest.properties) {
    const placement = placements.find((p) => p.name === property.name);
    // The formxml names the chosen type for properties with a type group.
    const type = placement?.type && property.types.includes(placement.type) ? placement.type : property.type;
    let parameter: HostParameter;
    if (placement && !placement.isStatic) {
      const raw = boundRaw(type, values[placement.value]);
      parameter = {
        raw,
        formatted: formattedOf(raw, languageId),
        type,
        error: false,
        errorMessage: "",
        security: { editable: true, readable: true, secured: false },
        attributes: { LogicalName: placement.value, DisplayName: placement.value, Type: type, RequiredLevel: 0, IsSecured: false },
      };
    } else {
      const raw = typedStatic(type, placement ? placement.value : property.defaultValue);
      parameter = { raw, formatted: formattedOf(raw, languageId), type, error: false, errorMessage: "" };
    }
    result[property.name] = parameter;
  }
  return result;
}
