/**
 * Canonical form of an XML document for comparing solution parts: attributes sorted by name,
 * whitespace-only text between elements dropped, comments and processing instructions dropped,
 * CDATA folded into text, namespace declarations kept only where they change the in-scope value,
 * every element written as start + end tag. Two documents that Dataverse would read the same way
 * (apart from element order, which matters to it) give the same string.
 */
import { parseXml } from "./xml";
import type { Element, Node } from "./xml";

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

function escapeText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#xD;");
}

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#x9;")
    .replace(/\n/g, "&#xA;")
    .replace(/\r/g, "&#xD;");
}

function isText(node: Node): boolean {
  return node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE;
}

function canonicalElement(element: Element, scope: ReadonlyMap<string, string>, out: string[]): void {
  const inScope = new Map(scope);
  const attributes: [string, string][] = [];
  for (const attr of Array.from(element.attributes)) {
    if (attr.name === "xmlns" || attr.name.startsWith("xmlns:")) {
      if (inScope.get(attr.name) === attr.value) continue;
      inScope.set(attr.name, attr.value);
    }
    attributes.push([attr.name, attr.value]);
  }
  attributes.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  out.push(`<${element.nodeName}`);
  for (const [name, value] of attributes) out.push(` ${name}="${escapeAttribute(value)}"`);
  out.push(">");

  const children: Node[] = [];
  for (let child = element.firstChild; child; child = child.nextSibling) children.push(child);
  const hasElements = children.some((child) => child.nodeType === ELEMENT_NODE);
  let pendingText = "";
  const flushText = () => {
    if (pendingText !== "" && !(hasElements && pendingText.trim() === "")) out.push(escapeText(pendingText));
    pendingText = "";
  };
  for (const child of children) {
    if (isText(child)) {
      pendingText += child.nodeValue ?? "";
    } else if (child.nodeType === ELEMENT_NODE) {
      flushText();
      canonicalElement(child as Element, inScope, out);
    }
    // Comments and processing instructions are not part of the canonical form.
  }
  flushText();
  out.push(`</${element.nodeName}>`);
}

/** Canonical string of an XML document given as text (a UTF-8 BOM is allowed). */
export function canonicalXml(text: string, file = "document"): string {
  const doc = parseXml(text, file);
  const out: string[] = [];
  canonicalElement(doc.documentElement!, new Map(), out);
  return out.join("");
}
