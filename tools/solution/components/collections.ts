/**
 * Components SolutionPackager keeps one file each, the file being the component element itself:
 * roles (`Roles/<name>.xml`, <Roles><Role>) and plug-in / webhook steps
 * (`SdkMessageProcessingSteps/<id>.xml`, <SdkMessageProcessingSteps><SdkMessageProcessingStep>).
 * The container stays in Other/Customizations.xml as an empty placeholder.
 */
import { SolutionPackagerError } from "../errors";
import { EXPORT_ORDER_FILE, exportOrderFile, orderNames } from "../exportOrder";
import { adopt, childElements, ensureChild, firstChild, newXsiDocument, parseXmlBuffer, removeAllChildren, toSourceFile } from "../xml";
import { CUSTOMIZATIONS_PART, safeFileName } from "./context";
import type { PackContext, UnpackContext } from "./context";
import { IMPORT_EXPORT_XML_ORDER } from "./schemaOrder";

interface Collection {
  container: string;
  item: string;
  folder: string;
  /** The attribute that names the file. */
  key: string;
}

export const ROLES: Collection = { container: "Roles", item: "Role", folder: "Roles", key: "name" };
export const SDK_STEPS: Collection = {
  container: "SdkMessageProcessingSteps",
  item: "SdkMessageProcessingStep",
  folder: "SdkMessageProcessingSteps",
  key: "SdkMessageProcessingStepId",
};

export function unpackCollection(ctx: UnpackContext, collection: Collection): void {
  const container = firstChild(ctx.customizations, collection.container);
  const items = container ? childElements(container, collection.item) : [];
  if (!container || items.length === 0) return;
  const names: string[] = [];
  for (const item of items) {
    const key = item.getAttribute(collection.key);
    if (!key) {
      throw new SolutionPackagerError(`a <${collection.item}> has no ${collection.key} attribute`, CUSTOMIZATIONS_PART);
    }
    const doc = newXsiDocument(collection.item);
    const copy = adopt(doc, item);
    const root = doc.documentElement!;
    for (const attr of Array.from(copy.attributes)) root.setAttribute(attr.name, attr.value);
    for (const child of Array.from(copy.childNodes)) root.appendChild(child);
    const name = `${safeFileName(key)}.xml`;
    ctx.output.add(`${collection.folder}/${name}`, toSourceFile(doc), CUSTOMIZATIONS_PART);
    names.push(name);
  }
  removeAllChildren(container);
  const hint = exportOrderFile(collection.folder, names);
  if (hint) ctx.output.add(hint[0], hint[1], CUSTOMIZATIONS_PART);
}

export function packCollection(ctx: PackContext, collection: Collection): void {
  const names = ctx.source
    .under(collection.folder)
    .map((path) => path.slice(collection.folder.length + 1))
    .filter((name) => name !== EXPORT_ORDER_FILE);
  if (names.length === 0) return;
  const doc = ctx.customizations.ownerDocument!;
  const container = ensureChild(ctx.customizations, collection.container, IMPORT_EXPORT_XML_ORDER);
  for (const name of orderNames(names, ctx.source, collection.folder)) {
    const path = `${collection.folder}/${name}`;
    if (name.includes("/") || !/\.xml$/i.test(name)) {
      throw new SolutionPackagerError(`expected one <${collection.item}> XML file per component directly in ${collection.folder}/`, path);
    }
    const root = parseXmlBuffer(ctx.source.take(path, path), path).documentElement!;
    if (root.nodeName !== collection.item) {
      throw new SolutionPackagerError(`expected a <${collection.item}> root element, found <${root.nodeName}>`, path);
    }
    container.appendChild(adopt(doc, root));
  }
}
