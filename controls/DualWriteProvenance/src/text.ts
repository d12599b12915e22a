import type { ProvenanceStepId, StepReason, StepState, WaitingCheck } from "../../../core/src/provenance";
import type { LoadError } from "./errors";

/** Every string the control reads from strings/DualWriteProvenance.<lcid>.resx. */
export type ResourceKey =
  | "Heading"
  | "ListLabel"
  | "Loading"
  | "NotCommerce"
  | "Refresh"
  | "RefreshLabel"
  | "Retry"
  | `Error_${LoadError["kind"]}`
  | `Step_${ProvenanceStepId}`
  | `State_${StepState | "rejected"}`
  | "Time_At"
  | "Time_Since"
  | `Reason_${StepReason}`
  | "UnknownUser"
  | `Role_${"account" | "contact" | "opportunity" | "lead"}`
  | "Unnamed"
  | "ThisRecord"
  | "OpenRecord"
  | "InCommerceAs"
  | "NotYetInCommerce"
  | "Warning_Waited"
  | "Overdue"
  | `Check_${WaitingCheck}`;

/**
 * The user's text for a key, `{0}` and `{1}` filled with the values given (plain text, never markup).
 * A missing resource shows its key rather than an empty label, so the gap is visible and reportable.
 */
export type Translate = (key: ResourceKey, first?: string, second?: string) => string;

export function translator(resources: ComponentFramework.Resources): Translate {
  // Two named parameters, not `...values`: Babel rewrites rest parameters into an arguments loop for Safari 13.
  return (key, first, second) =>
    // One pass over the template, so a value that contains "{1}" is never filled in again.
    (resources.getString(key) || key).replace(/\{([01])\}/g, (whole, index: string) => {
      const value = index === "0" ? first : second;
      return value === undefined ? whole : value;
    });
}
