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
  /** The waitingThresholdMinutes input in force (effectiveWaitingThreshold). */
  thresholdMinutes: number;
}

export function readFormFacts(context: ComponentFramework.Context<IInputs>): FormFacts {
  const info: ContextInfo = (context.mode as { contextInfo?: ContextInfo }).contextInfo || {};
  const { source, commerceB2BProspect: flag, waitingThresholdMinutes } = context.parameters;
  const raw: unknown = source ? source.raw : null;
  const lookup = Array.isArray(raw) && raw.length > 0 ? (raw[0] as ComponentFramework.LookupValue) : null;
  // Only trust the flag when the maker bound it to a column; an unconfigured input carries no answer.
  const commerceFlag = flag && flag.attributes && flag.attributes.LogicalName && typeof flag.raw === "boolean" ? flag.raw : null;
  const formEntity = info.entityTypeName || null;
  const formRecordId = info.entityId || null;
  return {
    decision: decideProvenanceSource({
      formEntity,
      formRecordId,
      boundText: typeof raw === "string" ? raw : null,
      boundLookup: lookup,
      commerceFlag,
    }),
    currentRecord: formEntity && formRecordId ? { entityType: formEntity, id: normalizeId(formRecordId) } : null,
    thresholdMinutes: effectiveWaitingThreshold(waitingThresholdMinutes && waitingThresholdMinutes.raw),
  };
}
