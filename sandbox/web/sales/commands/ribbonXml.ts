/** The parts of a RibbonDiffXml the command bar runs: command definitions and their rules. */

export type RibbonParameter =
  | { kind: "crm"; value: string }
  | { kind: "string"; value: string }
  | { kind: "bool"; value: boolean }
  | { kind: "int" | "decimal"; value: number };

export interface JavaScriptAction {
  functionName: string;
  library: string;
  parameters: RibbonParameter[];
}

export interface CommandDefinition {
  id: string;
  enableRules: string[];
  displayRules: string[];
  actions: JavaScriptAction[];
}

export type RuleStep =
  | { kind: "custom"; functionName: string; library: string; parameters: RibbonParameter[]; defaultValue: boolean; invert: boolean }
  | { kind: "formState"; state: string; defaultValue: boolean; invert: boolean }
  | { kind: "recordPrivilege"; privilege: string; invert: boolean }
  | { kind: "entityPrivilege"; privilege: string; entity?: string; invert: boolean }
  | { kind: "selectionCount"; minimum?: number; maximum?: number; invert: boolean }
  | { kind: "unsupported"; name: string };

export interface RibbonDiff {
  commands: Map<string, CommandDefinition>;
  /** Enable and display rules by id (ids are unique across both in practice). */
  rules: Map<string, RuleStep[]>;
}

const elements = (parent: Element | null | undefined, name: string): Element[] =>
  parent ? Array.from(parent.getElementsByTagName(name)) : [];
const direct = (parent: Element, name?: string): Element[] => Array.from(parent.children).filter((c) => !name || c.localName === name);
const bool = (value: string | null, fallback: boolean) => (value === null ? fallback : value.toLowerCase() === "true");

function parameters(element: Element): RibbonParameter[] {
  return direct(element).flatMap((p): RibbonParameter[] => {
    const value = p.getAttribute("Value") ?? "";
    switch (p.localName) {
      case "CrmParameter":
        return [{ kind: "crm", value }];
      case "StringParameter":
        return [{ kind: "string", value }];
      case "BoolParameter":
        return [{ kind: "bool", value: value.toLowerCase() === "true" }];
      case "IntParameter":
        return [{ kind: "int", value: Number(value) }];
      case "DecimalParameter":
        return [{ kind: "decimal", value: Number(value) }];
      default:
        return [];
    }
  });
}

const library = (element: Element) => (element.getAttribute("Library") ?? "").replace(/^\$webresource:/, "");

function step(element: Element): RuleStep {
  const invert = bool(element.getAttribute("InvertResult"), false);
  switch (element.localName) {
    case "CustomRule":
      return {
        kind: "custom",
        functionName: element.getAttribute("FunctionName") ?? "",
        library: library(element),
        parameters: parameters(element),
        defaultValue: bool(element.getAttribute("Default"), true),
        invert,
      };
    case "FormStateRule":
      return { kind: "formState", state: element.getAttribute("State") ?? "", defaultValue: bool(element.getAttribute("Default"), false), invert };
    case "RecordPrivilegeRule":
      return { kind: "recordPrivilege", privilege: element.getAttribute("PrivilegeType") ?? "", invert };
    case "EntityPrivilegeRule":
      return { kind: "entityPrivilege", privilege: element.getAttribute("PrivilegeType") ?? "", entity: element.getAttribute("EntityName") ?? undefined, invert };
    case "SelectionCountRule": {
      const min = element.getAttribute("Minimum");
      const max = element.getAttribute("Maximum");
      return { kind: "selectionCount", minimum: min === null ? undefined : Number(min), maximum: max === null ? undefined : Number(max), invert };
    }
    default:
      return { kind: "unsupported", name: element.localName };
  }
}

/** Parses one or more RibbonDiffXml documents (one per solution that customizes the table). */
export function parseRibbonDiffs(xmls: string[]): RibbonDiff {
  const diff: RibbonDiff = { commands: new Map(), rules: new Map() };
  for (const xml of xmls) {
    const root = new DOMParser().parseFromString(xml, "application/xml").documentElement;
    for (const command of elements(root, "CommandDefinition")) {
      const id = command.getAttribute("Id") ?? "";
      diff.commands.set(id, {
        id,
        enableRules: elements(direct(command, "EnableRules")[0], "EnableRule").map((r) => r.getAttribute("Id") ?? ""),
        displayRules: elements(direct(command, "DisplayRules")[0], "DisplayRule").map((r) => r.getAttribute("Id") ?? ""),
        actions: elements(direct(command, "Actions")[0], "JavaScriptFunction").map((action) => ({
          functionName: action.getAttribute("FunctionName") ?? "",
          library: library(action),
          parameters: parameters(action),
        })),
      });
    }
    const definitions = elements(root, "RuleDefinitions")[0];
    for (const container of ["EnableRules", "DisplayRules"]) {
      const list = definitions ? direct(definitions, container)[0] : undefined;
      const ruleName = container === "EnableRules" ? "EnableRule" : "DisplayRule";
      for (const rule of list ? direct(list, ruleName) : []) {
        diff.rules.set(rule.getAttribute("Id") ?? "", direct(rule).map(step));
      }
    }
  }
  return diff;
}
