/**
 * Limits on what a solution zip may make us do, checked before the work: the packer's `unpack` and the
 * sandbox's ImportSolution share them. Every limit is far above our own solution (about 40 KB zipped,
 * 11 entries, 166 KB unpacked, 784 XML elements in customizations.xml) and above the real exports in
 * ../shared/reference/solutions (at most 248 KB zipped, 82 entries, an 833 KB largest part, 871 KB
 * unpacked, 4,927 XML elements), and low enough that a hostile zip is refused in well under a second
 * and a few hundred megabytes.
 */
import type { Element } from "@xmldom/xmldom";

export const SolutionLimits = {
  /** The zip file itself (compressed). */
  zipBytes: 32 * 1024 * 1024,
  /** Entries in the zip (files and folders), as the central directory lists them. */
  entries: 5_000,
  /** Uncompressed size of one entry, as declared and as actually inflated. */
  entryBytes: 32 * 1024 * 1024,
  /** Uncompressed size of all entries together. */
  totalBytes: 128 * 1024 * 1024,
  /** Elements of one XML document (solution.xml, customizations.xml, a manifest …), counted before it is parsed. */
  xmlElements: 50_000,
  /** Components customizations.xml defines (entities, their forms and views, roles, web resources, steps …). */
  components: 5_000,
  /** Bytes the components expand to: a zip part used by 500 web resources counts 500 times. */
  expandedBytes: 128 * 1024 * 1024,
} as const;

export type LimitName = keyof typeof SolutionLimits;
export type Limits = Record<LimitName, number>;

const DESCRIPTIONS: Record<LimitName, string> = {
  zipBytes: "size of the zip file",
  entries: "number of zip entries",
  entryBytes: "uncompressed size of one zip entry",
  totalBytes: "uncompressed size of all zip entries",
  xmlElements: "number of XML elements in one document",
  components: "number of solution components",
  expandedBytes: "bytes the solution components expand to",
};

/** A limit was exceeded; the message names the limit, its value and what exceeded it. */
export class LimitExceeded extends Error {
  constructor(
    readonly limit: LimitName,
    readonly value: number,
    detail: string,
  ) {
    super(`${detail} exceeds the limit on the ${DESCRIPTIONS[limit]} (${limit} = ${value}).`);
    this.name = "LimitExceeded";
  }
}

/**
 * Start tags in an XML text (`<` followed by a name character), counted without parsing: an upper bound
 * on the elements a DOM parser would build, cheap enough to run before handing the text to one.
 */
export function countStartTags(text: string, stopAfter = Number.POSITIVE_INFINITY): number {
  let count = 0;
  for (let i = text.indexOf("<"); i !== -1 && i < text.length - 1; i = text.indexOf("<", i + 1)) {
    const next = text.charCodeAt(i + 1);
    // A-Z, a-z, '_' or ':' start a name; '/', '!' and '?' start end tags, comments and declarations.
    if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 95 || next === 58 || next > 127) {
      if (++count > stopAfter) return count;
    }
  }
  return count;
}

/** Refuses an XML text with more elements than the limit, before any parser sees it. */
export function checkXmlElements(text: string, what: string, limits: Limits = SolutionLimits): void {
  const count = countStartTags(text, limits.xmlElements);
  if (count > limits.xmlElements) throw new LimitExceeded("xmlElements", limits.xmlElements, `${what} has more than ${limits.xmlElements} XML elements, which`);
}

/**
 * Counts what unpacking or importing expands to: every component (`component`) and every byte written
 * for one (`charge`), refusing as soon as a limit is passed, before the bytes are copied.
 */
export class ExpansionBudget {
  private bytes = 0;
  private components = 0;

  constructor(private readonly limits: Limits = SolutionLimits) {}

  charge(byteCount: number, what: string): void {
    this.bytes += byteCount;
    if (this.bytes > this.limits.expandedBytes) {
      throw new LimitExceeded(
        "expandedBytes",
        this.limits.expandedBytes,
        `The solution components expand to more than ${this.limits.expandedBytes} bytes (reached at ${what}), which`,
      );
    }
  }

  component(count = 1): void {
    this.components += count;
    if (this.components > this.limits.components) {
      throw new LimitExceeded("components", this.limits.components, `customizations.xml defines more than ${this.limits.components} components, which`);
    }
  }
}

/**
 * Components customizations.xml defines: each child of a top-level container (`<Entities>`, `<Roles>`,
 * `<WebResources>`, `<SdkMessageProcessingSteps>` …) and each form and view inside the entities.
 */
export function countComponents(root: Element): number {
  const elements = (node: Element): Element[] => {
    const found: Element[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) if (child.nodeType === 1) found.push(child as Element);
    return found;
  };
  let count = 0;
  for (const container of elements(root)) {
    count += elements(container).length;
    if (container.nodeName === "Entities") {
      count += container.getElementsByTagName("systemform").length + container.getElementsByTagName("savedquery").length;
    }
  }
  return count;
}
