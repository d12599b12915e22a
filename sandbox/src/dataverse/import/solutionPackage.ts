/**
 * Reads a solution zip as Dataverse does before importing anything: the three root parts must be
 * there and be well-formed XML; the manifest gives name, version, managed flag and the missing
 * dependencies the solution declares. The zip is read within the limits the packer's unpack uses
 * (tools/solution/limits.ts): sizes and counts are checked before anything is inflated, and each part
 * a component uses counts against the expansion limit.
 */
import type { Document, Element } from "@xmldom/xmldom";
import { countComponents, ExpansionBudget, LimitExceeded, SolutionLimits } from "../../../../tools/solution/limits";
import { BadZip, readZipSafely } from "../../../../tools/solution/safeZip";
import { DataverseError, ErrorCodes } from "../errors";
import { attribute, childElements, childText, firstChild, parseXml, XmlError } from "../xml";

export interface Dependency {
  type: number;
  schemaName: string;
  parentSchemaName?: string;
  solution?: string;
  dependent?: string;
}

export interface SolutionManifest {
  uniqueName: string;
  friendlyName: string;
  description: string | null;
  version: string;
  managed: boolean;
  publisherUniqueName: string | null;
  missingDependencies: Dependency[];
}

export interface SolutionPackage {
  manifest: SolutionManifest;
  customizations: Element;
  /** Every other part by path (no leading slash); reading one charges the expansion budget. */
  parts: Map<string, Buffer>;
}

/** A refused import that names what must be installed first; the import job's log lists them too. */
export class MissingDependenciesError extends DataverseError {
  constructor(
    message: string,
    readonly missing: readonly Dependency[],
  ) {
    super(400, ErrorCodes.missingDependency, message);
  }
}

export const importRefused = (message: string, code: string = ErrorCodes.importFailed): DataverseError => new DataverseError(400, code, message);

const ROOT_PARTS_MESSAGE =
  "The solution file is invalid. The compressed file must contain the following files at its root: solution.xml, customizations.xml, and [Content_Types].xml. Customization files exported from previous versions of Microsoft Dynamics CRM are not supported.";

/** The 1033 label of a `<LocalizedNames>`/`<Descriptions>` list, else its first. */
export function localized(parent: Element | undefined, listName: string, itemName: string): string | null {
  const list = parent ? firstChild(parent, listName) : undefined;
  const items = list ? childElements(list, itemName) : [];
  const english = items.find((i) => attribute(i, "languagecode") === "1033") ?? items[0];
  return english ? (attribute(english, "description") ?? null) : null;
}

function readManifest(document: Document): SolutionManifest {
  const root = document.documentElement as Element;
  const manifest = root && firstChild(root, "SolutionManifest");
  const uniqueName = manifest && childText(manifest, "UniqueName");
  const version = manifest && childText(manifest, "Version");
  if (!manifest || !uniqueName || !version || !/^\d+(\.\d+){1,3}$/.test(version.trim())) {
    throw importRefused("The solution manifest (solution.xml) is invalid: it must name the solution (UniqueName) and its Version.");
  }
  const publisher = firstChild(manifest, "Publisher");
  const missing = firstChild(manifest, "MissingDependencies");
  const missingDependencies: Dependency[] = (missing ? childElements(missing, "MissingDependency") : []).flatMap((dependency) => {
    const required = firstChild(dependency, "Required");
    if (!required) return [];
    const dependent = firstChild(dependency, "Dependent");
    return [
      {
        type: Number(attribute(required, "type")),
        schemaName: attribute(required, "schemaName") ?? "",
        parentSchemaName: attribute(required, "parentSchemaName"),
        solution: attribute(required, "solution"),
        dependent: dependent ? attribute(dependent, "displayName") : undefined,
      },
    ];
  });
  return {
    uniqueName: uniqueName.trim(),
    friendlyName: localized(manifest, "LocalizedNames", "LocalizedName") ?? uniqueName.trim(),
    description: localized(manifest, "Descriptions", "Description"),
    version: version.trim(),
    managed: (childText(manifest, "Managed") ?? "0").trim() === "1",
    publisherUniqueName: publisher ? (childText(publisher, "UniqueName") ?? null) : null,
    missingDependencies,
  };
}

const decodeXml = (buffer: Buffer): string => buffer.toString("utf8").replace(/^\uFEFF/, "");

/**
 * Zip parts as the component readers see them: every `get` is a component using the part, and is
 * charged to the expansion budget before the reader copies or encodes the bytes, so 500 web resources
 * sharing one part count 500 times.
 */
export class SolutionParts extends Map<string, Buffer> {
  constructor(
    entries: Iterable<readonly [string, Buffer]>,
    private readonly budget: ExpansionBudget = new ExpansionBudget(),
  ) {
    super(entries);
  }

  override get(path: string): Buffer | undefined {
    const bytes = super.get(path);
    if (bytes) {
      try {
        this.budget.charge(bytes.length, `'${path}'`);
      } catch (error) {
        if (error instanceof LimitExceeded) throw importRefused(`The solution file is refused: ${error.message}`);
        throw error;
      }
    }
    return bytes;
  }
}

/** The zip's files within the limits (../../../../tools/solution/limits.ts), nothing inflated before it is checked. */
async function readZipParts(zipBytes: Buffer): Promise<Map<string, Buffer>> {
  try {
    const parts = new Map<string, Buffer>();
    for (const entry of await readZipSafely(zipBytes, SolutionLimits)) parts.set(entry.name.replace(/^\//, ""), entry.data);
    return parts;
  } catch (error) {
    if (error instanceof LimitExceeded) throw importRefused(`The solution file is refused: ${error.message}`);
    if (error instanceof BadZip) throw importRefused(`The import file is invalid: CustomizationFile is not a compressed (.zip) solution file: ${error.message}.`);
    throw error;
  }
}

/** Refuses a base64 CustomizationFile whose decoded size is over the zip-size limit, before decoding it. */
export function checkCustomizationFileSize(base64: string): void {
  const decoded = Math.floor((base64.replace(/=+$/, "").length * 3) / 4);
  if (decoded > SolutionLimits.zipBytes) {
    throw importRefused(`The solution file is refused: ${new LimitExceeded("zipBytes", SolutionLimits.zipBytes, `The zip file has about ${decoded} bytes, which`).message}`);
  }
}

export async function readSolutionPackage(zipBytes: Buffer): Promise<SolutionPackage> {
  const zipParts = await readZipParts(zipBytes);
  const rootPart = (name: string) => [...zipParts.entries()].find(([path]) => path.toLowerCase() === name.toLowerCase())?.[1];
  const solutionXml = rootPart("solution.xml");
  const customizationsXml = rootPart("customizations.xml");
  if (!solutionXml || !customizationsXml || !rootPart("[Content_Types].xml")) throw importRefused(ROOT_PARTS_MESSAGE);
  try {
    const manifest = readManifest(parseXml(decodeXml(solutionXml), "solution.xml"));
    const customizations = parseXml(decodeXml(customizationsXml), "customizations.xml").documentElement as Element;
    if (customizations.tagName !== "ImportExportXml") throw importRefused("customizations.xml is invalid: the root element must be ImportExportXml.");
    const components = countComponents(customizations);
    if (components > SolutionLimits.components) {
      throw importRefused(
        `The solution file is refused: ${new LimitExceeded("components", SolutionLimits.components, `customizations.xml defines ${components} components, which`).message}`,
      );
    }
    return { manifest, customizations, parts: new SolutionParts(zipParts) };
  } catch (error) {
    if (error instanceof XmlError) throw importRefused(`The import file is invalid. ${error.message}`);
    throw error;
  }
}

export { decodeXml };
