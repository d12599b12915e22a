/**
 * System charts ⇄ `Entities/<Name>/Visualizations/<savedqueryvisualizationid>.xml`, one `<visualization>`
 * per file with the entity keeping an empty `<Visualizations />` placeholder: SolutionPackager's layout
 * (e.g. microsoft/coe-starter-kit: CenterofExcellenceCoreComponents/SolutionPackage/src/Entities/
 * admin_PVABotUsage/Visualizations/{4EEF8E95-805C-ED11-9561-00224805C003}.xml). In customizations.xml the
 * charts sit directly in `<Entity><Visualizations>` (CustomizationsSolution.xsd, VisualizationsType).
 */
import { SolutionPackagerError } from "../errors";
import { exportOrderFile, namesUnder, orderNames } from "../exportOrder";
import { adopt, childElements, childText, ensureChild, newXsiDocument, parseXmlBuffer, removeAllChildren, toSourceFile } from "../xml";
import type { Element } from "../xml";
import { CUSTOMIZATIONS_PART, safeFileName } from "./context";
import type { PackContext, UnpackContext } from "./context";
import { ENTITY_ORDER } from "./schemaOrder";

const FOLDER = "Visualizations";
const ITEM = "visualization";

/** Unpack: moves each chart of `visualizations` (an entity's `<Visualizations>`) to its own file. */
export function splitVisualizations(visualizations: Element, entityFolder: string, ctx: UnpackContext): void {
  const order: string[] = [];
  for (const chart of childElements(visualizations, ITEM)) {
    const id = childText(chart, "savedqueryvisualizationid");
    if (!id) throw new SolutionPackagerError(`a chart in ${entityFolder} has no <savedqueryvisualizationid>`, CUSTOMIZATIONS_PART);
    const doc = newXsiDocument(ITEM);
    const root = doc.documentElement!;
    const copy = adopt(doc, chart);
    for (const attr of Array.from(copy.attributes)) root.setAttribute(attr.name, attr.value);
    for (const child of Array.from(copy.childNodes)) root.appendChild(child);
    const name = `${safeFileName(id)}.xml`;
    ctx.output.add(`${entityFolder}/${FOLDER}/${name}`, toSourceFile(doc), CUSTOMIZATIONS_PART);
    order.push(name);
    visualizations.removeChild(chart);
  }
  const hint = exportOrderFile(`${entityFolder}/${FOLDER}`, order);
  if (hint) ctx.output.add(hint[0], hint[1], CUSTOMIZATIONS_PART);
  if (childElements(visualizations).length === 0) removeAllChildren(visualizations);
}

/** Pack: puts the entity folder's chart files back into its `<Visualizations>`. */
export function mergeVisualizations(ctx: PackContext, entityFolder: string, entity: Element): void {
  const base = `${entityFolder}/${FOLDER}`;
  const names = namesUnder(ctx.source, base);
  if (names.length === 0) return;
  const doc = entity.ownerDocument!;
  const visualizations = ensureChild(entity, "Visualizations", ENTITY_ORDER);
  for (const name of orderNames(names, ctx.source, base)) {
    const path = `${base}/${name}`;
    if (name.includes("/") || !/\.xml$/i.test(name)) {
      throw new SolutionPackagerError("charts belong in Visualizations/<savedqueryvisualizationid>.xml", path);
    }
    const root = parseXmlBuffer(ctx.source.take(path, path), path).documentElement!;
    if (root.nodeName !== ITEM) throw new SolutionPackagerError(`expected a <${ITEM}> root element, found <${root.nodeName}>`, path);
    const id = childText(root, "savedqueryvisualizationid");
    if (!id || safeFileName(id).toLowerCase() !== name.slice(0, -4).toLowerCase()) {
      throw new SolutionPackagerError(`the file name must be the chart's <savedqueryvisualizationid> ("${id ?? ""}")`, path);
    }
    visualizations.appendChild(adopt(doc, root));
  }
}
