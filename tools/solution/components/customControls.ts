/**
 * PCF controls ⇄ `Controls/<prefix>_<namespace>.<constructor>/`: the built control's files
 * (ControlManifest.xml, bundle.js, strings/*.resx, css …) stay at the same path as in the zip, and
 * `ControlManifest.xml.data.xml` holds the <CustomControl> element (Name + FileName of the manifest).
 */
import { posix } from "node:path";
import { SolutionPackagerError } from "../errors";
import { EXPORT_ORDER_FILE, exportOrderFile, orderNames } from "../exportOrder";
import { checkRelativePath } from "../fileMap";
import { adopt, childElements, childText, ensureChild, firstChild, newXsiDocument, parseXmlBuffer, removeAllChildren, toSourceFile } from "../xml";
import { CUSTOMIZATIONS_PART } from "./context";
import type { PackContext, UnpackContext } from "./context";
import { IMPORT_EXPORT_XML_ORDER } from "./schemaOrder";

const FOLDER = "Controls";
const DATA_SUFFIX = ".data.xml";

export function unpackCustomControls(ctx: UnpackContext): void {
  const container = firstChild(ctx.customizations, "CustomControls");
  const items = container ? childElements(container, "CustomControl") : [];
  if (!container || items.length === 0) return;
  const names: string[] = [];
  for (const item of items) {
    const fileName = childText(item, "FileName");
    if (!fileName) throw new SolutionPackagerError(`a <CustomControl> has no <FileName> (${childText(item, "Name") ?? "unnamed"})`, CUSTOMIZATIONS_PART);
    const manifest = checkRelativePath(fileName.replace(/^\//, ""), CUSTOMIZATIONS_PART);
    const manifestData = ctx.zip.take(manifest, CUSTOMIZATIONS_PART, "control manifest FileName");
    ctx.output.add(manifest, manifestData, CUSTOMIZATIONS_PART);
    for (const path of ctx.zip.under(posix.dirname(manifest))) {
      ctx.output.add(path, ctx.zip.take(path, CUSTOMIZATIONS_PART), CUSTOMIZATIONS_PART);
    }
    const doc = newXsiDocument("CustomControl");
    const copy = adopt(doc, item);
    const root = doc.documentElement!;
    for (const attr of Array.from(copy.attributes)) root.setAttribute(attr.name, attr.value);
    for (const child of Array.from(copy.childNodes)) root.appendChild(child);
    ctx.output.add(`${manifest}${DATA_SUFFIX}`, toSourceFile(doc), CUSTOMIZATIONS_PART);
    names.push(`${manifest.slice(FOLDER.length + 1)}${DATA_SUFFIX}`);
  }
  removeAllChildren(container);
  const hint = exportOrderFile(FOLDER, names);
  if (hint) ctx.output.add(hint[0], hint[1], CUSTOMIZATIONS_PART);
}

export function packCustomControls(ctx: PackContext): void {
  const dataFiles = ctx.source
    .under(FOLDER)
    .map((path) => path.slice(FOLDER.length + 1))
    .filter((name) => name.toLowerCase().endsWith(DATA_SUFFIX));
  if (dataFiles.length > 0) {
    const doc = ctx.customizations.ownerDocument!;
    const container = ensureChild(ctx.customizations, "CustomControls", IMPORT_EXPORT_XML_ORDER);
    for (const name of orderNames(dataFiles, ctx.source, FOLDER)) {
      const dataPath = `${FOLDER}/${name}`;
      const root = parseXmlBuffer(ctx.source.take(dataPath, dataPath), dataPath).documentElement!;
      if (root.nodeName !== "CustomControl") {
        throw new SolutionPackagerError(`expected a <CustomControl> root element, found <${root.nodeName}>`, dataPath);
      }
      const fileName = childText(root, "FileName");
      if (!fileName) throw new SolutionPackagerError("the <CustomControl> has no <FileName>", dataPath);
      const manifest = checkRelativePath(fileName.replace(/^\//, ""), dataPath);
      if (!ctx.source.has(manifest)) {
        throw new SolutionPackagerError(`FileName "${fileName}" points at a file that is missing`, dataPath);
      }
      ctx.parts.set(manifest, ctx.source.take(manifest, dataPath));
      for (const path of ctx.source.under(posix.dirname(manifest))) {
        if (path.toLowerCase().endsWith(DATA_SUFFIX) || posix.basename(path) === EXPORT_ORDER_FILE) continue;
        ctx.parts.set(path, ctx.source.take(path, dataPath));
      }
      ctx.manifests.push(manifest);
      container.appendChild(adopt(doc, root));
    }
  }
  const orphan = ctx.source.under(FOLDER).find((path) => !path.endsWith(`/${EXPORT_ORDER_FILE}`));
  if (orphan) throw new SolutionPackagerError(`control file without a ControlManifest.xml${DATA_SUFFIX} next to its manifest`, orphan);
}
