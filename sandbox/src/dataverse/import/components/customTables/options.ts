/**
 * Choices in customizations.xml: a column's own `<optionset>` (`<options>`, or `<states>`/`<statuses>`
 * for statecode/statuscode) and the global `<optionsets>` a column names with `<OptionSetName>`.
 */
import type { Element } from "@xmldom/xmldom";
import type { GlobalOptionSetDefinition } from "../../../metadata/dynamic";
import type { OptionMetadata } from "../../../metadata/types";
import { attribute, childElements, childText, firstChild } from "../../../xml";
import { importRefused } from "../../solutionPackage";
import { labelPair, localizedLabels } from "./labels";

function optionValue(element: Element, what: string): number {
  const value = Number(attribute(element, "value"));
  if (!Number.isInteger(value)) throw importRefused(`${what} has an option without an integer value.`);
  return value;
}

/** `<options><option value><labels>…` of a choice or yes/no column. */
export function readOptions(optionSet: Element, what: string): OptionMetadata[] {
  const options = firstChild(optionSet, "options");
  return (options ? childElements(options, "option") : []).map((option) => {
    const value = optionValue(option, what);
    return { value, label: labelPair(localizedLabels(option, "labels", "label"), String(value)) };
  });
}

/** statecode's `<states><state value defaultstatus invariantname>`. */
export function readStates(optionSet: Element, what: string): OptionMetadata[] {
  const states = firstChild(optionSet, "states");
  const options = (states ? childElements(states, "state") : []).map((state) => {
    const value = optionValue(state, what);
    const defaultStatus = Number(attribute(state, "defaultstatus"));
    return {
      value,
      label: labelPair(localizedLabels(state, "labels", "label"), String(value)),
      invariantName: attribute(state, "invariantname") ?? String(value),
      defaultStatus: Number.isInteger(defaultStatus) ? defaultStatus : undefined,
    };
  });
  if (options.length === 0) throw importRefused(`${what} has no states.`);
  return options;
}

/** statuscode's `<statuses><status value state>`. */
export function readStatuses(optionSet: Element, what: string): OptionMetadata[] {
  const statuses = firstChild(optionSet, "statuses");
  const options = (statuses ? childElements(statuses, "status") : []).map((status) => {
    const value = optionValue(status, what);
    const state = Number(attribute(status, "state"));
    if (!Number.isInteger(state)) throw importRefused(`${what}: status ${value} names no state.`);
    return { value, label: labelPair(localizedLabels(status, "labels", "label"), String(value)), state };
  });
  if (options.length === 0) throw importRefused(`${what} has no statuses.`);
  return options;
}

/** The global choices of `<optionsets>`; only choice lists (OptionSetType picklist) are modelled. */
export function readGlobalOptionSets(customizations: Element): Omit<GlobalOptionSetDefinition, "solutionId">[] {
  const container = firstChild(customizations, "optionsets");
  return (container ? childElements(container, "optionset") : []).map((optionSet) => {
    const name = (attribute(optionSet, "Name") ?? "").trim().toLowerCase();
    if (!name) throw importRefused("A global choice in <optionsets> has no Name.");
    const type = (childText(optionSet, "OptionSetType") ?? "picklist").trim();
    if (type !== "picklist") throw importRefused(`The global choice '${name}' is of type '${type}', which the sandbox does not import (only picklist choices).`);
    return { name, options: readOptions(optionSet, `The global choice '${name}'`) };
  });
}
