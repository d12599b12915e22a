/** What every component handler works on while packing or unpacking. */
import { SolutionPackagerError } from "../errors";
import { ExpansionBudget, LimitExceeded } from "../limits";
import type { FileMap } from "../fileMap";
import type { Element } from "../xml";

export const CUSTOMIZATIONS_SOURCE = "Other/Customizations.xml";
export const CUSTOMIZATIONS_PART = "customizations.xml";

export interface UnpackContext {
  /** Root of the zip's customizations.xml; handlers empty the elements they split out. */
  customizations: Element;
  zip: FileMap;
  output: OutputTree;
}

export interface PackContext {
  /** Root of Other/Customizations.xml; handlers merge their files back into it. */
  customizations: Element;
  source: FileMap;
  /** Zip parts other than solution.xml, customizations.xml and [Content_Types].xml. */
  parts: Map<string, Buffer>;
  /** Control manifest paths, which [Content_Types].xml lists as Overrides. */
  manifests: string[];
}

/**
 * Files an unpack will write, refusing two components that would land on the same path, and counting the
 * bytes they add up to against the expansion limit (a zip part several components share counts for
 * each of them) before anything is written.
 */
export class OutputTree {
  private readonly files = new Map<string, Buffer | string>();
  private readonly lowerCase = new Map<string, string>();

  constructor(private readonly budget: ExpansionBudget = new ExpansionBudget()) {}

  add(path: string, content: Buffer | string, origin: string): void {
    const clash = this.lowerCase.get(path.toLowerCase());
    if (clash !== undefined) {
      throw new SolutionPackagerError(`two components unpack to the same file "${path}"`, origin);
    }
    try {
      this.budget.charge(typeof content === "string" ? Buffer.byteLength(content) : content.length, `"${path}"`);
    } catch (error) {
      if (error instanceof LimitExceeded) throw new SolutionPackagerError(error.message, origin);
      throw error;
    }
    this.files.set(path, content);
    this.lowerCase.set(path.toLowerCase(), path);
  }

  entries(): [string, Buffer | string][] {
    return [...this.files.entries()];
  }
}

/** A component name made safe as one file or folder name (what Windows and Linux both accept). */
export function safeFileName(name: string): string {
  const cleaned = Array.from(name, (ch) => (ch.charCodeAt(0) < 0x20 || '<>:"/\\|?*'.includes(ch) ? "_" : ch))
    .join("")
    .trim();
  return cleaned === "" || cleaned === "." || cleaned === ".." ? "_" : cleaned;
}
