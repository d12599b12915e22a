/**
 * `unpack`: a solution zip → SolutionPackager's folder layout, so an export can live in source control.
 * The reverse of pack: split components out of customizations.xml, give web resources their friendly
 * paths, keep controls and every other part as they are. The zip is read within the limits (limits.ts,
 * safeZip.ts) and the files are written only inside the folder, deleting nothing there unless
 * allowDelete (pac's --allowDelete) is set (folderIo.ts).
 */
import { resolve } from "node:path";
import { CUSTOMIZATIONS_PART, CUSTOMIZATIONS_SOURCE, OutputTree } from "./components/context";
import type { UnpackContext } from "./components/context";
import { APP_MODULES, APP_MODULE_SITE_MAPS, DASHBOARDS, ROLES, SDK_STEPS, unpackCollection } from "./components/collections";
import { unpackCustomControls } from "./components/customControls";
import { unpackEntities } from "./components/entities";
import { unpackRelationships } from "./components/relationships";
import { unpackWebResources } from "./components/webResources";
import { CONTENT_TYPES_PART } from "./contentTypes";
import { SolutionPackagerError } from "./errors";
import { FileMap, compareNames } from "./fileMap";
import { writeIntoFolder } from "./folderIo";
import { countComponents, LimitExceeded, SolutionLimits } from "./limits";
import { parseXmlBuffer, toSourceFile } from "./xml";
import { readZipEntries } from "./zipArchive";

export interface UnpackOptions {
  zipFile: string;
  folder: string;
  /** pac's `--allowDelete`: delete files in the folder that the unpack does not produce. Off by default. */
  allowDelete?: boolean;
}

export interface UnpackResult {
  /** Files written, relative to the folder, sorted. */
  files: string[];
  /** Files deleted from the folder (only with allowDelete), sorted. */
  deleted: string[];
}

/** Top-level folders the layout owns; a zip part landing there could not be told apart on pack. */
const RESERVED = [
  "Other/",
  "Entities/",
  "Roles/",
  "Dashboards/",
  "SdkMessageProcessingSteps/",
  "WebResources/",
  "Controls/",
  "AppModules/",
  "AppModuleSiteMaps/",
];

export async function unpackSolution(opts: UnpackOptions): Promise<UnpackResult> {
  const zipFile = resolve(opts.zipFile);
  const zip = new FileMap(await readZipEntries(zipFile), zipFile);
  const solutionData = zip.take("solution.xml", zipFile, "solution.xml");
  const customizationsData = zip.take(CUSTOMIZATIONS_PART, zipFile, CUSTOMIZATIONS_PART);
  zip.takeOptional(CONTENT_TYPES_PART);
  const solution = parseXmlBuffer(solutionData, "solution.xml");
  const customizations = parseXmlBuffer(customizationsData, CUSTOMIZATIONS_PART);
  for (const [doc, part] of [[solution, "solution.xml"], [customizations, CUSTOMIZATIONS_PART]] as const) {
    if (doc.documentElement!.nodeName !== "ImportExportXml") {
      throw new SolutionPackagerError(`expected an <ImportExportXml> root element, found <${doc.documentElement!.nodeName}>`, part);
    }
  }

  const components = countComponents(customizations.documentElement!);
  if (components > SolutionLimits.components) {
    throw new SolutionPackagerError(
      new LimitExceeded("components", SolutionLimits.components, `customizations.xml defines ${components} components, which`).message,
      CUSTOMIZATIONS_PART,
    );
  }
  const ctx: UnpackContext = { customizations: customizations.documentElement!, zip, output: new OutputTree() };
  unpackEntities(ctx);
  unpackCollection(ctx, ROLES);
  unpackCollection(ctx, DASHBOARDS);
  unpackRelationships(ctx);
  unpackWebResources(ctx);
  unpackCustomControls(ctx);
  unpackCollection(ctx, SDK_STEPS);
  unpackCollection(ctx, APP_MODULE_SITE_MAPS);
  unpackCollection(ctx, APP_MODULES);

  for (const path of zip.remaining()) {
    if (RESERVED.some((prefix) => path.startsWith(prefix))) {
      throw new SolutionPackagerError(`zip part "${path}" is not referenced by customizations.xml`, zipFile);
    }
    ctx.output.add(path, zip.take(path, zipFile), zipFile);
  }
  ctx.output.add("Other/Solution.xml", toSourceFile(solution), "solution.xml");
  ctx.output.add(CUSTOMIZATIONS_SOURCE, toSourceFile(customizations), CUSTOMIZATIONS_PART);

  const files = ctx.output.entries().sort(([a], [b]) => compareNames(a, b));
  const { deleted } = await writeIntoFolder(resolve(opts.folder), files, { allowDelete: opts.allowDelete === true });
  return { files: files.map(([path]) => path), deleted };
}
