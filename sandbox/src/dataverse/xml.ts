/** Strict XML parsing (any error, not only fatal ones, refuses the document) and element helpers. */
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { checkXmlElements, LimitExceeded } from "../../../tools/solution/limits";

export class XmlError extends Error {}

export function parseXml(text: string, what: string): Document {
  try {
    // Counted before parsing: a DOM of hundreds of thousands of elements costs seconds and gigabytes.
    checkXmlElements(text, what);
    const document = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") throw new XmlError(message);
      },
    }).parseFromString(text, "text/xml");
    if (!document.documentElement) throw new XmlError("no root element");
    return document;
  } catch (error) {
    if (error instanceof LimitExceeded) throw new XmlError(error.message);
    throw new XmlError(`${what} is not well-formed XML: ${(error as Error).message.split("\n")[0]}`);
  }
}

export function childElements(element: Element, tagName?: string): Element[] {
  const list: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (!tagName || (node as Element).tagName === tagName)) list.push(node as Element);
  }
  return list;
}

export const firstChild = (element: Element, tagName: string): Element | undefined => childElements(element, tagName)[0];

export const childText = (element: Element, tagName: string): string | undefined => firstChild(element, tagName)?.textContent ?? undefined;

export function attribute(element: Element, name: string): string | undefined {
  return element.hasAttribute(name) ? (element.getAttribute(name) ?? undefined) : undefined;
}
