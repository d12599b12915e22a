/**
 * `pack`: an unpacked solution folder (SolutionPackager layout) → an importable solution zip.
 * Split components are merged back into customizations.xml, web resources and controls are placed as
 * Dataverse exports them, every other file is passed through, and [Content_Types].xml is generated.
 */
import { resolve } from "node:path";
import { CUSTOMIZATIONS_PART, CUSTOMIZATIONS_SOURCE } from "./components/context";
import type { PackContext } from "./components/context";
import { APP_MODULES, APP_MODULE_SITE_MAPS, DASHBOARDS, ROLES, SDK_STEPS, packCollection } from "./components/collections";
import { packCustomControls } from "./components/customControls";
import { packEntities } from "./components/entities";
import { packRelationships } from "./components/relationships";
import { packWebResources } from "./components/webResources";
import { CONTENT_TYPES_PART, contentTypesXml } from "./contentTypes";
import { SolutionPackagerError } from "./errors";
import { FileMap, compareNames } from "./fileMap";
import { readFolder } from "./folderIo";
import { firstChild, parseXmlBuffer, removeAllChildren, toZipPart } from "./xml";
import type { Document } from "./xml";
import { writeZipAtomically } from "./zipArchive";

export type PackageType = "Unmanaged" | "Managed";

export interface PackOptions {
  folder: string;
  zipFile: string;
  packageType: PackageType;
}

export interface PackResult {
  zipFile: string;
  /** Zip entries in the order written. */
  files: string[];
  bytes: number;
}

const SOLUTION_SOURCE = "Other/Solution.xml";
export const SOLUTION_PART = "solution.xml";
/** Folders whose files are all consumed by a component handler; a leftover there is a mistake. */
const LAYOUT_FOLDERS = ["Other/"];

function readRoot(source: FileMap, path: string, rootName: string): Document {
  if (!source.has(path)) throw new SolutionPackagerError(`${path} is missing from the solution folder`, path);
  const doc = parseXmlBuffer(source.take(path, path), path);
  if (doc.documentElement!.nodeName !== rootName) {
    throw new SolutionPackagerError(`expected an <${rootName}> root element, found <${doc.documentElement!.nodeName}>`, path);
  }
  return doc;
}

function setManaged(solution: Document, packageType: PackageType): void {
  const manifest = firstChild(solution.documentElement!, "SolutionManifest");
  const managed = manifest && firstChild(manifest, "Managed");
  if (!managed) throw new SolutionPackagerError("no <SolutionManifest><Managed> element", SOLUTION_SOURCE);
  removeAllChildren(managed);
  managed.appendChild(solution.createTextNode(packageType === "Managed" ? "1" : "0"));
}

export async function packSolution(opts: PackOptions): Promise<PackResult> {
  if (opts.packageType !== "Unmanaged" && opts.packageType !== "Managed") {
    throw new SolutionPackagerError(`unknown package type "${String(opts.packageType)}" (use Unmanaged or Managed)`);
  }
  const folder = resolve(opts.folder);
  const zipFile = resolve(opts.zipFile);
  const source = new FileMap(await readFolder(folder, new Set([zipFile])), folder);

  const solution = readRoot(source, SOLUTION_SOURCE, "ImportExportXml");
  setManaged(solution, opts.packageType);
  const customizations = readRoot(source, CUSTOMIZATIONS_SOURCE, "ImportExportXml");

  const ctx: PackContext = { customizations: customizations.documentElement!, source, parts: new Map(), manifests: [] };
  packEntities(ctx);
  packCollection(ctx, ROLES);
  packCollection(ctx, DASHBOARDS);
  packRelationships(ctx);
  packWebResources(ctx);
  packCustomControls(ctx);
  packCollection(ctx, SDK_STEPS);
  packCollection(ctx, APP_MODULE_SITE_MAPS);
  packCollection(ctx, APP_MODULES);

  for (const path of source.remaining()) {
    const name = path.slice(path.lastIndexOf("/") + 1);
    // Dot files (.gitkeep, an unused .exportorder) and a stale [Content_Types].xml are not solution parts.
    if (name.startsWith(".") || path === CONTENT_TYPES_PART) continue;
    if (LAYOUT_FOLDERS.some((prefix) => path.startsWith(prefix))) {
      throw new SolutionPackagerError("not part of the SolutionPackager layout", path);
    }
    if (path === SOLUTION_PART || path === CUSTOMIZATIONS_PART) {
      throw new SolutionPackagerError(`a root ${path} would clash with the generated part; keep it under Other/`, path);
    }
    ctx.parts.set(path, source.take(path, path));
  }

  const passThrough = [...ctx.parts.keys()].sort(compareNames);
  const order = [CUSTOMIZATIONS_PART, SOLUTION_PART, CONTENT_TYPES_PART, ...passThrough];
  const parts = new Map<string, Buffer>([
    [CUSTOMIZATIONS_PART, toZipPart(customizations)],
    [SOLUTION_PART, toZipPart(solution)],
    [CONTENT_TYPES_PART, contentTypesXml(order.filter((path) => path !== CONTENT_TYPES_PART), ctx.manifests)],
    ...ctx.parts,
  ]);
  const bytes = await writeZipAtomically(zipFile, order.map((path) => [path, parts.get(path)!] as const));
  return { zipFile, files: order, bytes };
}
