import { format } from "../../../core/src/messages";
import type { ProvenanceStepId, StepReason, StepState, WaitingCheck } from "../../../core/src/provenance";

/** Every string the control reads from strings/DualWriteProvenance.<lcid>.resx. */
export type ResourceKey =
  | "Heading"
  | "ListLabel"
  | "Loading"
  | "NotCommerce"
  | "Refresh"
  | "RefreshLabel"
  | "Retry"
  | "Error_Offline"
  | "Error_Forbidden"
  | "Error_NotFound"
  | "Error_Unknown"
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
  | `Check_${WaitingCheck}`;

/** Localized text lookup with `{0}` placeholders (values are inserted as plain text, never markup). */
export interface Texts {
  get(key: ResourceKey, ...args: string[]): string;
}

export function createTexts(getString: (id: string) => string): Texts {
  return {
    get(key, ...args) {
      const template = getString(key);
      // A missing resource shows its key rather than an empty label, so the gap is visible and reportable.
      return format(typeof template === "string" && template !== "" ? template : key, ...args);
    },
  };
}
