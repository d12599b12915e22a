/**
 * Web resources ⇄ `WebResources/<Name>` (the content, at the path its name gives) plus
 * `WebResources/<Name>.data.xml` (the <WebResource> metadata). In the zip the content is stored under
 * the name Dataverse exports use: the web resource name without "/" and "." followed by the upper-case
 * id without braces, e.g. cdsify_/jasmine/test-runner.html → /WebResources/cdsify_jasminetest-runnerhtmlBF8A546C-….
 */
import { SolutionPackagerError } from "../errors";
import { EXPORT_ORDER_FILE, exportOrderFile, orderNames } from "../exportOrder";
import { checkRelativePath } from "../fileMap";
import { adopt, childElements, childText, ensureChild, firstChild, newXsiDocument, parseXmlBuffer, removeAllChildren, toSourceFile } from "../xml";
import type { Element } from "../xml";
import { CUSTOMIZATIONS_PART } from "./context";
import type { PackContext, UnpackContext } from "./context";
import { IMPORT_EXPORT_XML_ORDER } from "./schemaOrder";

const FOLDER = "WebResources";
const DATA_SUFFIX = ".data.xml";

/** The zip part name Dataverse gives a web resource's content (no leading slash). */
export function exportedWebResourcePath(name: string, id: string): string {
  const flatName = name.replace(/[^A-Za-z0-9_-]/g, "");
  const flatId = id.replace(/[{}]/g, "").toUpperCase();
  return `${FOLDER}/${flatName}${flatId}`;
}

function setFileName(webResource: Element, value: string): void {
  const doc = webResource.ownerDocument!;
  let fileName = firstChild(webResource, "FileName");
  if (!fileName) {
    fileName = doc.createElement("FileName");
    webResource.appendChild(fileName);
  }
  removeAllChildren(fileName);
  fileName.appendChild(doc.createTextNode(value));
}

export function unpackWebResources(ctx: UnpackContext): void {
  const container = firstChild(ctx.customizations, "WebResources");
  const items = container ? childElements(container, "WebResource") : [];
  if (!container || items.length === 0) return;
  const names: string[] = [];
  for (const item of items) {
    const name = childText(item, "Name");
    const fileName = childText(item, "FileName");
    if (!name || !fileName) {
      throw new SolutionPackagerError(`a <WebResource> lacks <Name> or <FileName> (${name ?? "unnamed"})`, CUSTOMIZATIONS_PART);
    }
    const content = ctx.zip.take(fileName.replace(/^\//, ""), CUSTOMIZATIONS_PART, `web resource "${name}" FileName`);
    const path = checkRelativePath(`${FOLDER}/${name}`, CUSTOMIZATIONS_PART);
    const doc = newXsiDocument("WebResource");
    const copy = adopt(doc, item);
    const root = doc.documentElement!;
    for (const attr of Array.from(copy.attributes)) root.setAttribute(attr.name, attr.value);
    for (const child of Array.from(copy.childNodes)) root.appendChild(child);
    setFileName(root, `/${path}`);
    ctx.output.add(path, content, CUSTOMIZATIONS_PART);
    ctx.output.add(`${path}${DATA_SUFFIX}`, toSourceFile(doc), CUSTOMIZATIONS_PART);
    names.push(`${name}${DATA_SUFFIX}`);
  }
  removeAllChildren(container);
  const hint = exportOrderFile(FOLDER, names);
  if (hint) ctx.output.add(hint[0], hint[1], CUSTOMIZATIONS_PART);
}

export function packWebResources(ctx: PackContext): void {
  const all = ctx.source.under(FOLDER).map((path) => path.slice(FOLDER.length + 1));
  const dataFiles = all.filter((name) => name.toLowerCase().endsWith(DATA_SUFFIX));
  if (dataFiles.length > 0) {
    const doc = ctx.customizations.ownerDocument!;
    const container = ensureChild(ctx.customizations, "WebResources", IMPORT_EXPORT_XML_ORDER);
    for (const name of orderNames(dataFiles, ctx.source, FOLDER)) {
      const dataPath = `${FOLDER}/${name}`;
      const root = parseXmlBuffer(ctx.source.take(dataPath, dataPath), dataPath).documentElement!;
      if (root.nodeName !== "WebResource") {
        throw new SolutionPackagerError(`expected a <WebResource> root element, found <${root.nodeName}>`, dataPath);
      }
      const webResourceName = childText(root, "Name");
      const id = childText(root, "WebResourceId");
      if (!webResourceName || !id) throw new SolutionPackagerError("the <WebResource> lacks <Name> or <WebResourceId>", dataPath);
      const declared = childText(root, "FileName");
      const contentPath = declared ? declared.replace(/^\//, "") : dataPath.slice(0, -DATA_SUFFIX.length);
      if (!ctx.source.has(contentPath)) {
        throw new SolutionPackagerError(
          declared
            ? `FileName "${declared}" points at a file that is missing`
            : `web resource metadata without its content file "${contentPath}"`,
          dataPath,
        );
      }
      const content = ctx.source.take(contentPath, dataPath);
      const part = exportedWebResourcePath(webResourceName, id);
      if (ctx.parts.has(part)) throw new SolutionPackagerError(`two web resources map to the zip part "${part}"`, dataPath);
      const merged = adopt(doc, root);
      setFileName(merged, `/${part}`);
      container.appendChild(merged);
      ctx.parts.set(part, content);
    }
  }
  const orphan = ctx.source.under(FOLDER).find((path) => !path.endsWith(`/${EXPORT_ORDER_FILE}`));
  if (orphan) throw new SolutionPackagerError(`web resource file without a ${DATA_SUFFIX} metadata file`, orphan);
}
