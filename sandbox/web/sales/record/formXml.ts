import type { LanguageId } from "../../shared/session";
import type { PcfParameter } from "../pcf/types";

/** A form control, by the classid of its standard control (and a PCF control when configured). */
export interface FormControl {
  /** The control name (`companyname`, `header_statuscode`): what getControl() takes. */
  id: string;
  classId: string;
  dataFieldName?: string;
  disabled: boolean;
  /** The code component the form configures for the web client (formFactor 0), if any. */
  custom?: { name: string; parameters: PcfParameter[] };
}

export interface FormCell {
  id: string;
  label: string;
  showLabel: boolean;
  control?: FormControl;
}

export interface FormSection {
  name: string;
  label: string;
  showLabel: boolean;
  rows: FormCell[][];
}

export interface FormTab {
  name: string;
  label: string;
  showLabel: boolean;
  columns: { width: string; sections: FormSection[] }[];
}

export interface FormHandler {
  functionName: string;
  libraryName: string;
  enabled: boolean;
  passExecutionContext: boolean;
  /** Comma-separated literal parameters, passed after the execution context. */
  parameters: string;
}

export interface FormEvent {
  name: string;
  /** For onchange: the column. */
  attribute?: string;
  handlers: FormHandler[];
}

export interface FormDefinition {
  tabs: FormTab[];
  header: FormCell[];
  libraries: string[];
  events: FormEvent[];
}

/** Web client form factor in controlDescriptions (1 tablet, 2 phone). */
const WEB_FORM_FACTOR = "0";

const children = (element: Element | null | undefined, name: string): Element[] =>
  element ? Array.from(element.children).filter((child) => child.localName === name) : [];
const child = (element: Element | null | undefined, name: string): Element | undefined => children(element, name)[0];

/** The label in the user's language, else English, else the first one. */
function labelOf(element: Element, languageId: LanguageId): string {
  const labels = children(child(element, "labels"), "label");
  const pick = (code: number) => labels.find((l) => l.getAttribute("languagecode") === String(code));
  return (pick(languageId) ?? pick(1033) ?? labels[0])?.getAttribute("description") ?? "";
}

function customControls(form: Element): Map<string, FormControl["custom"]> {
  const result = new Map<string, FormControl["custom"]>();
  for (const description of children(child(form, "controlDescriptions"), "controlDescription")) {
    const forControl = (description.getAttribute("forControl") ?? "").toLowerCase();
    const web = children(description, "customControl").find((c) => c.getAttribute("formFactor") === WEB_FORM_FACTOR && c.getAttribute("name"));
    if (!web) continue;
    const parameters = Array.from(child(web, "parameters")?.children ?? []).map((p) => ({
      name: p.localName,
      type: p.getAttribute("type") ?? "",
      isStatic: p.getAttribute("static") === "true",
      value: (p.textContent ?? "").trim(),
    }));
    result.set(forControl, { name: web.getAttribute("name")!, parameters });
  }
  return result;
}

function cellOf(cell: Element, languageId: LanguageId, custom: Map<string, FormControl["custom"]>): FormCell {
  const control = child(cell, "control");
  const uniqueId = (control?.getAttribute("uniqueid") ?? "").toLowerCase();
  return {
    id: cell.getAttribute("id") ?? "",
    label: labelOf(cell, languageId),
    showLabel: cell.getAttribute("showlabel") !== "false",
    control: control
      ? {
          id: control.getAttribute("id") ?? "",
          classId: (control.getAttribute("classid") ?? "").toUpperCase(),
          dataFieldName: control.getAttribute("datafieldname") ?? undefined,
          disabled: control.getAttribute("disabled") === "true",
          custom: uniqueId ? custom.get(uniqueId) : undefined,
        }
      : undefined,
  };
}

const rowsOf = (container: Element | undefined, languageId: LanguageId, custom: Map<string, FormControl["custom"]>) =>
  children(child(container, "rows"), "row").map((row) => children(row, "cell").map((cell) => cellOf(cell, languageId, custom)));

/** Parses a systemform's formxml (the `<form>` element) into what the page renders and wires. */
export function parseFormXml(formXml: string, languageId: LanguageId): FormDefinition {
  const document = new DOMParser().parseFromString(formXml, "application/xml");
  const form = document.documentElement;
  if (!form || form.localName !== "form") throw new Error("The formxml has no <form> root element.");
  const custom = customControls(form);
  const tabs = children(child(form, "tabs"), "tab").map((tab) => ({
    name: tab.getAttribute("name") ?? "",
    label: labelOf(tab, languageId),
    showLabel: tab.getAttribute("showlabel") !== "false",
    columns: children(child(tab, "columns"), "column").map((column) => ({
      width: column.getAttribute("width") ?? "100%",
      sections: children(child(column, "sections"), "section").map((section) => ({
        name: section.getAttribute("name") ?? "",
        label: labelOf(section, languageId),
        showLabel: section.getAttribute("showlabel") !== "false",
        rows: rowsOf(section, languageId, custom),
      })),
    })),
  }));
  const events = children(child(form, "events"), "event").map((event) => ({
    name: (event.getAttribute("name") ?? "").toLowerCase(),
    attribute: event.getAttribute("attribute") ?? undefined,
    handlers: children(child(event, "Handlers"), "Handler").map((handler) => ({
      functionName: handler.getAttribute("functionName") ?? "",
      libraryName: handler.getAttribute("libraryName") ?? "",
      enabled: handler.getAttribute("enabled") !== "false",
      passExecutionContext: handler.getAttribute("passExecutionContext") === "true",
      parameters: handler.getAttribute("parameters") ?? "",
    })),
  }));
  return {
    tabs,
    header: rowsOf(child(form, "header"), languageId, custom).flat(),
    libraries: children(child(form, "formLibraries"), "Library").map((library) => library.getAttribute("name") ?? ""),
    events,
  };
}

/** Every control of the form, header first (header controls are named header_<column>). */
export function allControls(definition: FormDefinition): FormControl[] {
  const body = definition.tabs.flatMap((tab) => tab.columns.flatMap((c) => c.sections.flatMap((s) => s.rows.flat())));
  return [...definition.header, ...body].flatMap((cell) => (cell.control ? [cell.control] : []));
}

/** Columns a control's code component is bound to (not static parameters). */
export function boundColumns(control: FormControl): string[] {
  const columns = control.dataFieldName ? [control.dataFieldName] : [];
  for (const parameter of control.custom?.parameters ?? []) if (!parameter.isStatic && parameter.value) columns.push(parameter.value);
  return columns;
}
