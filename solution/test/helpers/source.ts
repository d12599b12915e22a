/** Reads the solution source the way the tests need it: Solution.xml and every view. */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { basename, join } from "node:path";
import type { Document, Element } from "@xmldom/xmldom";
import { childElements, childText, firstChild, parseXml } from "../../../tools/build/xml";
import { solutionSource } from "./paths";

export interface View {
  file: string;
  /** The folder under Entities/ (e.g. "Lead"). */
  entityFolder: string;
  id: string;
  element: Element;
  fetch: Element;
  grid: Element;
  names: Map<number, string>;
  descriptions: Map<number, string>;
}

export function readSource(relativePath: string): Document {
  const file = join(solutionSource, relativePath);
  return parseXml(readFileSync(file, "utf8"), file);
}

export function solutionManifest(): Element {
  return firstChild(readSource("Other/Solution.xml").documentElement!, "SolutionManifest")!;
}

/** `<LocalizedName description languagecode>` style children as language → text. */
export function labelsByLanguage(set: Element | undefined, itemName: string): Map<number, string> {
  const labels = new Map<number, string>();
  for (const item of set ? childElements(set, itemName) : []) {
    labels.set(Number(item.getAttribute("languagecode")), item.getAttribute("description") ?? "");
  }
  return labels;
}

export function normalizeId(id: string): string {
  return id.replace(/[{}]/g, "").toLowerCase();
}

export function readViews(): View[] {
  const views: View[] = [];
  const entities = join(solutionSource, "Entities");
  for (const entityFolder of readdirSync(entities).sort()) {
    const folder = join(entities, entityFolder, "SavedQueries");
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).sort()) {
      const file = join(folder, name);
      const root = parseXml(readFileSync(file, "utf8"), file).documentElement!;
      for (const element of childElements(root, "savedquery")) {
        views.push({
          file: `Entities/${entityFolder}/SavedQueries/${basename(file)}`,
          entityFolder,
          id: normalizeId(childText(element, "savedqueryid") ?? ""),
          element,
          fetch: firstChild(firstChild(element, "fetchxml")!, "fetch")!,
          grid: firstChild(firstChild(element, "layoutxml")!, "grid")!,
          names: labelsByLanguage(firstChild(element, "LocalizedNames"), "LocalizedName"),
          descriptions: labelsByLanguage(firstChild(element, "Descriptions"), "Description"),
        });
      }
    }
  }
  return views;
}

export function viewNamed(views: View[], englishName: string): View {
  const view = views.find((v) => v.names.get(1033) === englishName);
  if (!view) throw new Error(`no view named "${englishName}" in solution/src`);
  return view;
}
