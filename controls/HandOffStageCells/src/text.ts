import type { HandOffStage } from "./handOffStage";

/** Every string the control reads from strings/HandOffStageCells.<lcid>.resx. */
export type ResourceKey = `Stage_${HandOffStage}` | "NoStatus" | "Overdue" | "BadgeLabel";

/** The user's text for a key with `{0}` and `{1}` filled in (plain text; an empty value leaves the placeholder); a missing string shows its key. */
export type Translate = (key: ResourceKey, first?: string, second?: string) => string;

export function translator(resources: ComponentFramework.Resources): Translate {
  return (key, first, second) => {
    const template = resources.getString(key);
    return (template || key).replace(/\{([01])\}/g, (whole, index) => (index === "0" ? first : second) || whole);
  };
}
