/** Every label the solution ships exists in English (1033) and Finnish (1035). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Element } from "@xmldom/xmldom";
import { SupportedLanguages } from "../../core/src";
import { listFiles } from "../../tools/build/fileTree";
import { parseXml } from "../../tools/build/xml";
import { solutionSource } from "./helpers/paths";

/** Elements that hold one localized text per language, as `<item description="…" languagecode="…">`. */
const LABEL_SETS = new Set(["LocalizedNames", "Descriptions", "DisplayNames", "displaynames", "labels", "Titles"]);

function labelSets(root: Element): Element[] {
  const found: Element[] = [];
  const all = root.getElementsByTagName("*");
  for (let i = 0; i < all.length; i += 1) {
    const element = all[i]!;
    if (LABEL_SETS.has(element.localName ?? "")) found.push(element);
  }
  return found;
}

const files = listFiles(solutionSource).filter((f) => f.endsWith(".xml"));

describe("labels", () => {
  it("are found in the solution source", () => {
    const count = files.reduce((n, f) => n + labelSets(parseXml(readFileSync(join(solutionSource, f), "utf8"), f).documentElement!).length, 0);
    expect(count).toBeGreaterThan(0);
  });

  it.each(files)("%s: every label set has 1033 and 1035", (file) => {
    const root = parseXml(readFileSync(join(solutionSource, file), "utf8"), file).documentElement!;
    for (const set of labelSets(root)) {
      const items: Element[] = [];
      for (let node = set.firstChild; node; node = node.nextSibling) {
        if (node.nodeType === node.ELEMENT_NODE && (node as Element).hasAttribute("languagecode")) items.push(node as Element);
      }
      if (items.length === 0) continue; // an empty set ships no text
      const languages = items.filter((i) => (i.getAttribute("description") ?? "").trim() !== "").map((i) => Number(i.getAttribute("languagecode")));
      const where = `${set.parentNode ? (set.parentNode as Element).localName : ""}/${set.localName} (line ${(set as unknown as { lineNumber?: number }).lineNumber ?? "?"})`;
      expect({ where, languages: [...new Set(languages)].sort() }).toEqual({ where, languages: [...SupportedLanguages] });
    }
  });
});
