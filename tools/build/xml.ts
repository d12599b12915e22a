/** Parsing the solution's XML files with file names in every error. */
import { readFileSync } from "node:fs";
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { BuildError } from "./errors";

export function parseXml(text: string, file: string): Document {
  const problems: string[] = [];
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") problems.push(message);
    },
  });
  let doc: Document | undefined;
  try {
    doc = parser.parseFromString(text.replace(/^\uFEFF/, ""), "text/xml");
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  if (!doc || problems.length > 0 || !doc.documentElement) {
    throw new BuildError(`malformed XML: ${problems.join("; ") || "no root element"}`, file);
  }
  return doc;
}

export function readXmlFile(file: string): Document {
  return parseXml(readFileSync(file, "utf8"), file);
}

/** Child elements with the given local name (direct children only). */
export function childElements(parent: Element, name: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE && (node as Element).localName === name) found.push(node as Element);
  }
  return found;
}

export function firstChild(parent: Element, name: string): Element | undefined {
  return childElements(parent, name)[0];
}

export function childText(parent: Element, name: string): string | undefined {
  const child = firstChild(parent, name);
  return child ? (child.textContent ?? "").trim() : undefined;
}
