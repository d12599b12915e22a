/**
 * Components SolutionPackager keeps one file each, the file being the component element itself:
 * roles (`Roles/<name>.xml`, <Roles><Role>), plug-in / webhook steps
 * (`SdkMessageProcessingSteps/<id>.xml`, <SdkMessageProcessingSteps><SdkMessageProcessingStep>), and the
 * components it gives a folder each: model-driven apps (`AppModules/<UniqueName>/AppModule.xml`,
 * <AppModules><AppModule>) and their site maps (`AppModuleSiteMaps/<SiteMapUniqueName>/AppModuleSiteMap.xml`,
 * <AppModuleSiteMaps><AppModuleSiteMap>), and system dashboards (`Dashboards/<FormId>.xml`, <Dashboards><Dashboard>,
 * as in microsoft/coe-starter-kit: CenterofExcellenceCoreComponents/SolutionPackage/src/Dashboards/).
 * The container stays in Other/Customizations.xml as an empty placeholder.
 */
import { SolutionPackagerError } from "../errors";
import { EXPORT_ORDER_FILE, exportOrderFile, namesUnder, orderNames } from "../exportOrder";
import { adopt, childElements, childText, ensureChild, firstChild, newXsiDocument, parseXml, parseXmlBuffer, removeAllChildren, toSourceFile } from "../xml";
import type { Document, Element } from "../xml";
import { CUSTOMIZATIONS_PART, safeFileName } from "./context";
import type { PackContext, UnpackContext } from "./context";
import { IMPORT_EXPORT_XML_ORDER } from "./schemaOrder";

interface Collection {
  container: string;
  item: string;
  folder: string;
  /** What names the file (or the component's folder): an attribute of the item or the text of a child element. */
  key: { attribute: string } | { element: string };
  /** Set when each component gets a folder of its own: the one file inside it (`AppModule.xml`). */
  fileInFolder?: string;
  /** Whether the split file's root declares xmlns:xsi (SolutionPackager writes AppModule.xml without it). */
  xsi: boolean;
}

export const ROLES: Collection = { container: "Roles", item: "Role", folder: "Roles", key: { attribute: "name" }, xsi: true };
export const SDK_STEPS: Collection = {
  container: "SdkMessageProcessingSteps",
  item: "SdkMessageProcessingStep",
  folder: "SdkMessageProcessingSteps",
  key: { attribute: "SdkMessageProcessingStepId" },
  xsi: true,
};
export const APP_MODULE_SITE_MAPS: Collection = {
  container: "AppModuleSiteMaps",
  item: "AppModuleSiteMap",
  folder: "AppModuleSiteMaps",
  key: { element: "SiteMapUniqueName" },
  fileInFolder: "AppModuleSiteMap.xml",
  xsi: true,
};
export const DASHBOARDS: Collection = { container: "Dashboards", item: "Dashboard", folder: "Dashboards", key: { element: "FormId" }, xsi: true };
export const APP_MODULES: Collection = {
  container: "AppModules",
  item: "AppModule",
  folder: "AppModules",
  key: { element: "UniqueName" },
  fileInFolder: "AppModule.xml",
  xsi: false,
};

function keyOf(item: Element, collection: Collection): string | undefined {
  return "attribute" in collection.key ? item.getAttribute(collection.key.attribute) || undefined : childText(item, collection.key.element);
}

function describeKey(collection: Collection): string {
  return "attribute" in collection.key ? `${collection.key.attribute} attribute` : `<${collection.key.element}>`;
}

function newDocument(collection: Collection): Document {
  return collection.xsi ? newXsiDocument(collection.item) : parseXml(`<${collection.item}/>`, collection.item);
}

export function unpackCollection(ctx: UnpackContext, collection: Collection): void {
  const container = firstChild(ctx.customizations, collection.container);
  const items = container ? childElements(container, collection.item) : [];
  if (!container || items.length === 0) return;
  const names: string[] = [];
  for (const item of items) {
    const key = keyOf(item, collection);
    if (!key) {
      throw new SolutionPackagerError(`a <${collection.item}> has no ${describeKey(collection)}`, CUSTOMIZATIONS_PART);
    }
    const doc = newDocument(collection);
    const copy = adopt(doc, item);
    const root = doc.documentElement!;
    for (const attr of Array.from(copy.attributes)) root.setAttribute(attr.name, attr.value);
    for (const child of Array.from(copy.childNodes)) root.appendChild(child);
    const name = collection.fileInFolder ? safeFileName(key) : `${safeFileName(key)}.xml`;
    const path = collection.fileInFolder ? `${collection.folder}/${name}/${collection.fileInFolder}` : `${collection.folder}/${name}`;
    ctx.output.add(path, toSourceFile(doc), CUSTOMIZATIONS_PART);
    names.push(name);
  }
  removeAllChildren(container);
  const hint = exportOrderFile(collection.folder, names);
  if (hint) ctx.output.add(hint[0], hint[1], CUSTOMIZATIONS_PART);
}

/** The component names under the collection's folder: file names, or folder names for one-folder-each components. */
function sourceNames(ctx: PackContext, collection: Collection): string[] {
  const relative = namesUnder(ctx.source, collection.folder);
  if (!collection.fileInFolder) {
    const misplaced = relative.find((name) => name.includes("/") || !/\.xml$/i.test(name));
    if (misplaced) {
      throw new SolutionPackagerError(
        `expected one <${collection.item}> XML file per component directly in ${collection.folder}/`,
        `${collection.folder}/${misplaced}`,
      );
    }
    return relative;
  }
  const expected = collection.fileInFolder.toLowerCase();
  const misplaced = relative.find((name) => {
    const parts = name.split("/");
    return parts.length !== 2 || parts[1].toLowerCase() !== expected;
  });
  if (misplaced) {
    throw new SolutionPackagerError(
      `expected ${collection.folder}/<name>/${collection.fileInFolder} (one <${collection.item}> per folder)`,
      `${collection.folder}/${misplaced}`,
    );
  }
  return relative.map((name) => name.split("/")[0]);
}

export function packCollection(ctx: PackContext, collection: Collection): void {
  const names = sourceNames(ctx, collection);
  if (names.length === 0) {
    ctx.source.takeOptional(`${collection.folder}/${EXPORT_ORDER_FILE}`);
    return;
  }
  const doc = ctx.customizations.ownerDocument!;
  const container = ensureChild(ctx.customizations, collection.container, IMPORT_EXPORT_XML_ORDER);
  for (const name of orderNames(names, ctx.source, collection.folder)) {
    const path = collection.fileInFolder ? `${collection.folder}/${name}/${collection.fileInFolder}` : `${collection.folder}/${name}`;
    const root = parseXmlBuffer(ctx.source.take(path, path), path).documentElement!;
    if (root.nodeName !== collection.item) {
      throw new SolutionPackagerError(`expected a <${collection.item}> root element, found <${root.nodeName}>`, path);
    }
    if (collection.fileInFolder) {
      const key = keyOf(root, collection);
      if (!key || safeFileName(key).toLowerCase() !== name.toLowerCase()) {
        throw new SolutionPackagerError(`the folder name must be the component's ${describeKey(collection)} ("${key ?? ""}")`, path);
      }
    }
    container.appendChild(adopt(doc, root));
  }
}
