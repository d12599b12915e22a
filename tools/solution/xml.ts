/**
 * XML plumbing shared by pack and unpack: strict parsing (errors carry file, line and column),
 * child-element helpers, and the two on-disk serializations (unpacked source files and zip parts).
 */
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import type { Document, Element, Node } from "@xmldom/xmldom";
import { SolutionPackagerError } from "./errors";
import { checkXmlElements, LimitExceeded } from "./limits";

export type { Document, Element, Node };

export const XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance";
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const COMMENT_NODE = 8;

interface Locator {
  lineNumber?: number;
  columnNumber?: number;
}

/** Offset in `text` of a 1-based line and column. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.slice(offset).search(/\r\n?|\n/);
    if (next < 0) return text.length;
    offset += next + (text.startsWith("\r\n", offset + next) ? 2 : 1);
  }
  return offset + Math.max(column - 1, 0);
}

function lineAndColumn(text: string, offset: number): Locator {
  const before = text.slice(0, offset).split(/\r\n?|\n/);
  return { lineNumber: before.length, columnNumber: before[before.length - 1].length + 1 };
}

/**
 * xmldom only advances its locator at start tags and text, so a bad end tag is reported where the
 * text before it began; point at the end tag itself, which is where the user has to look.
 */
function refine(text: string, message: string, locator: Locator | undefined): Locator | undefined {
  const mismatch = /^Opening and ending tag mismatch: "[^"]*" != "([^"]*)"/.exec(message);
  if (!mismatch || !locator?.lineNumber) return locator;
  const found = text.indexOf(`</${mismatch[1]}`, offsetOf(text, locator.lineNumber, locator.columnNumber ?? 1));
  return found < 0 ? locator : lineAndColumn(text, found);
}

/** Parses XML text (a leading UTF-8 BOM is allowed); any parser complaint becomes a SolutionPackagerError. */
export function parseXml(text: string, file: string): Document {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Counted before parsing: a DOM of hundreds of thousands of elements costs seconds and gigabytes.
  try {
    checkXmlElements(source, file);
  } catch (error) {
    if (error instanceof LimitExceeded) throw new SolutionPackagerError(error.message, file);
    throw error;
  }
  let problem: { message: string; locator?: Locator } | undefined;
  let doc: Document | undefined;
  try {
    doc = new DOMParser({
      // Dataverse reads solutions with a strict XML reader, so xmldom's warnings (e.g. an unquoted
      // attribute value) are treated as errors too.
      onError: (_level, message, context) => {
        const locator = (context as { locator?: Locator } | undefined)?.locator;
        problem ??= { message, locator: refine(source, message, locator ? { ...locator } : undefined) };
        throw new Error(message);
      },
    }).parseFromString(source, "text/xml");
  } catch (error) {
    const fallback = error instanceof Error ? error.message : String(error);
    problem ??= { message: fallback };
  }
  if (problem || !doc?.documentElement) {
    const where = problem?.locator?.lineNumber
      ? ` at line ${problem.locator.lineNumber}, column ${problem.locator.columnNumber ?? 0}`
      : "";
    throw new SolutionPackagerError(`malformed XML${where}: ${problem?.message ?? "no root element"}`, file);
  }
  return doc;
}

export function parseXmlBuffer(data: Buffer, file: string): Document {
  return parseXml(data.toString("utf8"), file);
}

export function childElements(parent: Node, name?: string): Element[] {
  const result: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE && (name === undefined || child.nodeName === name)) {
      result.push(child as Element);
    }
  }
  return result;
}

export function firstChild(parent: Node, name: string): Element | undefined {
  return childElements(parent, name)[0];
}

/** Trimmed text of a named child element, or undefined when the child is missing or empty. */
export function childText(parent: Node, name: string): string | undefined {
  const text = firstChild(parent, name)?.textContent?.trim();
  return text ? text : undefined;
}

export function removeAllChildren(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/**
 * Inserts `element` into `parent` at the position `order` gives its name (Dataverse writes children in
 * schema order), before the first existing sibling that comes later in that order.
 */
export function insertInOrder(parent: Element, element: Element, order: readonly string[]): void {
  const rank = order.indexOf(element.nodeName);
  const next = childElements(parent).find((sibling) => {
    const siblingRank = order.indexOf(sibling.nodeName);
    return rank >= 0 && siblingRank > rank;
  });
  if (next) parent.insertBefore(element, next);
  else parent.appendChild(element);
}

/** Returns the named child of `parent`, creating an empty one in schema order when absent. */
export function ensureChild(parent: Element, name: string, order: readonly string[]): Element {
  const existing = firstChild(parent, name);
  if (existing) return existing;
  const created = parent.ownerDocument!.createElement(name);
  insertInOrder(parent, created, order);
  return created;
}

/** A new document whose root is `rootName` declaring xsi, as SolutionPackager writes its split files. */
export function newXsiDocument(rootName: string): Document {
  return parseXml(`<${rootName} xmlns:xsi="${XSI_NAMESPACE}"/>`, rootName);
}

/** Copies `element` (deeply) into `doc` and drops namespace declarations the new parent already makes. */
export function adopt(doc: Document, element: Element): Element {
  const copy = doc.importNode(element, true) as Element;
  dropRedundantNamespaceDeclarations(copy, doc.documentElement);
  return copy;
}

function dropRedundantNamespaceDeclarations(element: Element, scope: Element | null): void {
  if (!scope) return;
  for (const attr of Array.from(element.attributes)) {
    if (attr.name.startsWith("xmlns:") && scope.getAttribute(attr.name) === attr.value) {
      element.removeAttribute(attr.name);
    }
  }
}

/** Re-indents element-only content (two spaces), leaving text-bearing elements untouched. */
function indent(element: Element, depth: number, newline: string): void {
  let hasText = false;
  for (let child = element.firstChild; child; child = child.nextSibling) {
    const isText = child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE;
    if (isText && (child.nodeType === CDATA_SECTION_NODE || (child.nodeValue ?? "").trim() !== "")) hasText = true;
  }
  if (hasText) return;
  const structural: Node[] = [];
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE || child.nodeType === COMMENT_NODE) structural.push(child);
  }
  removeAllChildren(element);
  if (structural.length === 0) return;
  const doc = element.ownerDocument!;
  const pad = (level: number) => newline + "  ".repeat(level);
  for (const child of structural) {
    element.appendChild(doc.createTextNode(pad(depth + 1)));
    element.appendChild(child);
    if (child.nodeType === ELEMENT_NODE) indent(child as Element, depth + 1, newline);
  }
  element.appendChild(doc.createTextNode(pad(depth)));
}

function serialize(doc: Document, newline: string): string {
  indent(doc.documentElement!, 0, newline);
  const body = new XMLSerializer().serializeToString(doc.documentElement!);
  // Text content keeps the parser's LF line ends; write them in the file's newline style.
  return newline === "\n" ? body : body.replace(/\r?\n/g, newline);
}

/** An unpacked source file: XML declaration, LF line ends, no BOM (friendly to git on any OS). */
export function toSourceFile(doc: Document): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${serialize(doc, "\n")}\n`;
}

/** A zip part (solution.xml, customizations.xml): UTF-8 BOM, XML declaration and CRLF, as pac writes them. */
export function toZipPart(doc: Document): Buffer {
  const text = `<?xml version="1.0" encoding="utf-8"?>\r\n${serialize(doc, "\r\n")}`;
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
}
