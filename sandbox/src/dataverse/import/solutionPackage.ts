/**
 * Reads a solution zip as Dataverse does before importing anything: the three root parts must be
 * there and be well-formed XML; the manifest gives name, version, managed flag and the missing
 * dependencies the solution declares.
 */
import type { Document, Element } from "@xmldom/xmldom";
import JSZip from "jszip";
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
  /** Every other part by path (no leading slash). */
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

/** Far above any real solution; refuses a compressed bomb before it fills memory further. */
const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

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

export async function readSolutionPackage(zipBytes: Buffer): Promise<SolutionPackage> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(zipBytes);
  } catch {
    throw importRefused("The import file is invalid: CustomizationFile is not a compressed (.zip) solution file.");
  }
  const parts = new Map<string, Buffer>();
  let unpacked = 0;
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const bytes = await file.async("nodebuffer");
    unpacked += bytes.length;
    if (unpacked > MAX_UNPACKED_BYTES) throw importRefused(`The solution file unpacks to more than ${MAX_UNPACKED_BYTES} bytes.`);
    parts.set(file.name.replace(/^\//, ""), bytes);
  }
  const rootPart = (name: string) => [...parts.entries()].find(([path]) => path.toLowerCase() === name.toLowerCase())?.[1];
  const solutionXml = rootPart("solution.xml");
  const customizationsXml = rootPart("customizations.xml");
  if (!solutionXml || !customizationsXml || !rootPart("[Content_Types].xml")) throw importRefused(ROOT_PARTS_MESSAGE);
  try {
    const manifest = readManifest(parseXml(decodeXml(solutionXml), "solution.xml"));
    const customizations = parseXml(decodeXml(customizationsXml), "customizations.xml").documentElement as Element;
    if (customizations.tagName !== "ImportExportXml") throw importRefused("customizations.xml is invalid: the root element must be ImportExportXml.");
    return { manifest, customizations, parts };
  } catch (error) {
    if (error instanceof XmlError) throw importRefused(`The import file is invalid. ${error.message}`);
    throw error;
  }
}

export { decodeXml };
