import { decideProvenanceSource, effectiveWaitingThreshold, normalizeId, type SourceDecision } from "../../../core/src/provenance";
import type { IInputs } from "../inputs";

/**
 * Reads what the form gives the control. `mode.contextInfo` (the form's table and record id) is
 * provided by model-driven apps but is not in the public typings, hence the narrow local type.
 */
interface ContextInfo {
  entityTypeName?: string;
  entityId?: string;
}

export interface FormFacts {
  decision: SourceDecision;
  currentRecord: { entityType: string; id: string } | null;
  waitingThresholdMinutes: number;
}

export function readContextInfo(context: ComponentFramework.Context<IInputs>): ContextInfo {
  const mode = context.mode as ComponentFramework.Mode & { contextInfo?: ContextInfo };
  return mode.contextInfo ?? {};
}

export function readFormFacts(context: ComponentFramework.Context<IInputs>): FormFacts {
  const info = readContextInfo(context);
  const raw: unknown = context.parameters.source?.raw ?? null;
  const lookup = Array.isArray(raw) && raw.length > 0 ? (raw[0] as ComponentFramework.LookupValue) : null;
  const flag = context.parameters.commerceB2BProspect;
  // Only trust the flag when the maker bound it to a column; an unconfigured input carries no answer.
  const commerceFlag = flag?.attributes?.LogicalName && typeof flag.raw === "boolean" ? flag.raw : null;
  const formRecordId = info.entityId ? info.entityId : null;
  const decision = decideProvenanceSource({
    formEntity: info.entityTypeName ?? null,
    formRecordId,
    boundText: typeof raw === "string" ? raw : null,
    boundLookup: lookup ? { entityType: lookup.entityType, id: lookup.id } : null,
    commerceFlag,
  });
  return {
    decision,
    currentRecord: info.entityTypeName && formRecordId ? { entityType: info.entityTypeName, id: normalizeId(formRecordId) } : null,
    waitingThresholdMinutes: effectiveWaitingThreshold(context.parameters.waitingThresholdMinutes?.raw),
  };
}
