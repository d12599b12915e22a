/**
 * Entities ⇄ `Entities/<Name>/`: Entity.xml holds the <Entity> with empty <FormXml />, <SavedQueries />,
 * <Visualizations /> and <RibbonDiffXml /> placeholders; forms go to `FormXml/<type>/<formid>.xml`
 * (<forms><systemform>), views to `SavedQueries/<savedqueryid>.xml` (<savedqueries><savedquery>), charts to
 * `Visualizations/<savedqueryvisualizationid>.xml` (visualizations.ts), the ribbon to RibbonDiff.xml.
 */
import { SolutionPackagerError } from "../errors";
import { EXPORT_ORDER_FILE, exportOrderFile, namesUnder, orderNames } from "../exportOrder";
import { compareNames } from "../fileMap";
import {
  adopt,
  childElements,
  childText,
  ensureChild,
  firstChild,
  insertInOrder,
  newXsiDocument,
  parseXmlBuffer,
  removeAllChildren,
  toSourceFile,
} from "../xml";
import type { Document, Element } from "../xml";
import { CUSTOMIZATIONS_PART, safeFileName } from "./context";
import type { PackContext, UnpackContext } from "./context";
import { ENTITY_ORDER, IMPORT_EXPORT_XML_ORDER } from "./schemaOrder";
import { mergeVisualizations, splitVisualizations } from "./visualizations";

const ENTITIES = "Entities";

function splitForms(formXml: Element, folder: string, ctx: UnpackContext): void {
  const order: string[] = [];
  for (const forms of childElements(formXml, "forms")) {
    const type = safeFileName(forms.getAttribute("type") || "main");
    const systemForms = childElements(forms, "systemform");
    for (const form of systemForms) {
      const id = childText(form, "formid");
      if (!id) throw new SolutionPackagerError(`a ${type} form in ${folder} has no <formid>`, CUSTOMIZATIONS_PART);
      const doc = newXsiDocument("forms");
      doc.documentElement!.appendChild(adopt(doc, form));
      const name = `${type}/${safeFileName(id)}.xml`;
      ctx.output.add(`${folder}/FormXml/${name}`, toSourceFile(doc), CUSTOMIZATIONS_PART);
      order.push(name);
      forms.removeChild(form);
    }
    // A <forms> group that only held forms is restored from the files; anything else stays inline.
    if (systemForms.length > 0 && childElements(forms).length === 0) formXml.removeChild(forms);
  }
  const hint = exportOrderFile(`${folder}/FormXml`, order);
  if (hint) ctx.output.add(hint[0], hint[1], CUSTOMIZATIONS_PART);
  if (childElements(formXml).length === 0) removeAllChildren(formXml);
}

function splitSavedQueries(savedQueries: Element, folder: string, ctx: UnpackContext): void {
  const order: string[] = [];
  for (const wrapper of childElements(savedQueries, "savedqueries")) {
    const queries = childElements(wrapper, "savedquery");
    for (const query of queries) {
      const id = childText(query, "savedqueryid");
      if (!id) throw new SolutionPackagerError(`a view in ${folder} has no <savedqueryid>`, CUSTOMIZATIONS_PART);
      const doc = newXsiDocument("savedqueries");
      doc.documentElement!.appendChild(adopt(doc, query));
      const name = `${safeFileName(id)}.xml`;
      ctx.output.add(`${folder}/SavedQueries/${name}`, toSourceFile(doc), CUSTOMIZATIONS_PART);
      order.push(name);
      wrapper.removeChild(query);
    }
    if (queries.length > 0 && childElements(wrapper).length === 0) savedQueries.removeChild(wrapper);
  }
  const hint = exportOrderFile(`${folder}/SavedQueries`, order);
  if (hint) ctx.output.add(hint[0], hint[1], CUSTOMIZATIONS_PART);
  if (childElements(savedQueries).length === 0) removeAllChildren(savedQueries);
}

function splitRibbon(ribbon: Element, folder: string, ctx: UnpackContext): void {
  const doc = newXsiDocument("RibbonDiffXml");
  const root = doc.documentElement!;
  for (const attr of Array.from(ribbon.attributes)) root.setAttribute(attr.name, attr.value);
  for (const child of Array.from(ribbon.childNodes)) root.appendChild(doc.importNode(child, true));
  ctx.output.add(`${folder}/RibbonDiff.xml`, toSourceFile(doc), CUSTOMIZATIONS_PART);
  removeAllChildren(ribbon);
  for (const attr of Array.from(ribbon.attributes)) ribbon.removeAttribute(attr.name);
}

export function unpackEntities(ctx: UnpackContext): void {
  const container = firstChild(ctx.customizations, ENTITIES);
  if (!container) return;
  const folders: string[] = [];
  for (const entity of childElements(container, "Entity")) {
    const name = childText(entity, "Name");
    if (!name) throw new SolutionPackagerError("an <Entity> has no <Name>", CUSTOMIZATIONS_PART);
    const folder = `${ENTITIES}/${safeFileName(name)}`;
    const doc: Document = newXsiDocument("Entity");
    const copy = adopt(doc, entity);
    for (const formXml of childElements(copy, "FormXml")) splitForms(formXml, folder, ctx);
    for (const savedQueries of childElements(copy, "SavedQueries")) splitSavedQueries(savedQueries, folder, ctx);
    for (const visualizations of childElements(copy, "Visualizations")) splitVisualizations(visualizations, folder, ctx);
    for (const ribbon of childElements(copy, "RibbonDiffXml")) splitRibbon(ribbon, folder, ctx);
    const root = doc.documentElement!;
    for (const attr of Array.from(copy.attributes)) root.setAttribute(attr.name, attr.value);
    for (const child of Array.from(copy.childNodes)) root.appendChild(child);
    ctx.output.add(`${folder}/Entity.xml`, toSourceFile(doc), CUSTOMIZATIONS_PART);
    folders.push(safeFileName(name));
  }
  removeAllChildren(container);
  const hint = exportOrderFile(ENTITIES, folders);
  if (hint) ctx.output.add(hint[0], hint[1], CUSTOMIZATIONS_PART);
}

/** Reads the split files of one root element name (forms, savedqueries) and returns their items. */
function readItems(ctx: PackContext, path: string, rootName: string, itemName: string): Element[] {
  const root = parseXmlBuffer(ctx.source.take(path, path), path).documentElement!;
  if (root.nodeName !== rootName) {
    throw new SolutionPackagerError(`expected a <${rootName}> root element, found <${root.nodeName}>`, path);
  }
  const items = childElements(root, itemName);
  if (items.length === 0) throw new SolutionPackagerError(`no <${itemName}> inside <${rootName}>`, path);
  return items;
}

function mergeForms(ctx: PackContext, folder: string, entity: Element): void {
  const base = `${folder}/FormXml`;
  const names = namesUnder(ctx.source, base);
  if (names.length === 0) return;
  const doc = entity.ownerDocument!;
  const formXml = ensureChild(entity, "FormXml", ENTITY_ORDER);
  for (const name of orderNames(names, ctx.source, base)) {
    const path = `${base}/${name}`;
    const match = /^([^/]+)\/[^/]+\.xml$/i.exec(name);
    if (!match) throw new SolutionPackagerError("forms belong in FormXml/<form type>/<formid>.xml", path);
    const type = match[1];
    let group = childElements(formXml, "forms").find((forms) => forms.getAttribute("type") === type);
    if (!group) {
      group = doc.createElement("forms");
      group.setAttribute("type", type);
      formXml.appendChild(group);
    }
    for (const form of readItems(ctx, path, "forms", "systemform")) group.appendChild(adopt(doc, form));
  }
}

function mergeSavedQueries(ctx: PackContext, folder: string, entity: Element): void {
  const base = `${folder}/SavedQueries`;
  const names = namesUnder(ctx.source, base);
  if (names.length === 0) return;
  const doc = entity.ownerDocument!;
  const savedQueries = ensureChild(entity, "SavedQueries", ENTITY_ORDER);
  const wrapper = ensureChild(savedQueries, "savedqueries", []);
  for (const name of orderNames(names, ctx.source, base)) {
    const path = `${base}/${name}`;
    if (name.includes("/") || !/\.xml$/i.test(name)) {
      throw new SolutionPackagerError("views belong in SavedQueries/<savedqueryid>.xml", path);
    }
    for (const query of readItems(ctx, path, "savedqueries", "savedquery")) wrapper.appendChild(adopt(doc, query));
  }
}

function mergeRibbon(ctx: PackContext, folder: string, entity: Element): void {
  const path = `${folder}/RibbonDiff.xml`;
  const data = ctx.source.takeOptional(path);
  if (!data) return;
  const ribbon = parseXmlBuffer(data, path).documentElement!;
  if (ribbon.nodeName !== "RibbonDiffXml") {
    throw new SolutionPackagerError(`expected a <RibbonDiffXml> root element, found <${ribbon.nodeName}>`, path);
  }
  const merged = adopt(entity.ownerDocument!, ribbon);
  const placeholder = firstChild(entity, "RibbonDiffXml");
  if (placeholder) entity.replaceChild(merged, placeholder);
  else insertInOrder(entity, merged, ENTITY_ORDER);
}

export function packEntities(ctx: PackContext): void {
  const files = ctx.source.under(ENTITIES);
  const folders = [...new Set(files.map((path) => path.split("/")[1]).filter((name) => name !== EXPORT_ORDER_FILE))];
  if (folders.length === 0) {
    ctx.source.takeOptional(`${ENTITIES}/${EXPORT_ORDER_FILE}`);
    return;
  }
  const doc = ctx.customizations.ownerDocument!;
  const container = ensureChild(ctx.customizations, ENTITIES, IMPORT_EXPORT_XML_ORDER);
  for (const name of orderNames(folders, ctx.source, ENTITIES)) {
    const folder = `${ENTITIES}/${name}`;
    const entityPath = `${folder}/Entity.xml`;
    if (!ctx.source.has(entityPath)) {
      throw new SolutionPackagerError(`the entity folder has no Entity.xml`, folder);
    }
    const root = parseXmlBuffer(ctx.source.take(entityPath, entityPath), entityPath).documentElement!;
    if (root.nodeName !== "Entity") {
      throw new SolutionPackagerError(`expected an <Entity> root element, found <${root.nodeName}>`, entityPath);
    }
    const entity = adopt(doc, root);
    mergeForms(ctx, folder, entity);
    mergeSavedQueries(ctx, folder, entity);
    mergeVisualizations(ctx, folder, entity);
    mergeRibbon(ctx, folder, entity);
    const unexpected = ctx.source.under(folder).sort(compareNames);
    if (unexpected.length > 0) {
      throw new SolutionPackagerError(
        "not part of the entity layout (Entity.xml, FormXml/<type>/<id>.xml, SavedQueries/<id>.xml, Visualizations/<id>.xml, RibbonDiff.xml)",
        unexpected[0],
      );
    }
    container.appendChild(entity);
  }
}
