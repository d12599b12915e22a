/**
 * <EntityRelationships> ⇄ `Other/Relationships.xml` (the names, in export order) plus
 * `Other/Relationships/<Entity>.xml` holding the full definitions, grouped by the referenced entity
 * (one-to-many) or the first entity (many-to-many), as SolutionPackager lays them out.
 */
import { SolutionPackagerError } from "../errors";
import { compareNames } from "../fileMap";
import { adopt, childElements, childText, ensureChild, firstChild, newXsiDocument, parseXmlBuffer, removeAllChildren, toSourceFile } from "../xml";
import type { Element } from "../xml";
import { CUSTOMIZATIONS_PART, safeFileName } from "./context";
import type { PackContext, UnpackContext } from "./context";
import { IMPORT_EXPORT_XML_ORDER } from "./schemaOrder";

const INDEX = "Other/Relationships.xml";
const FOLDER = "Other/Relationships";
const CONTAINER = "EntityRelationships";

function groupOf(relationship: Element): string {
  return (
    childText(relationship, "ReferencedEntityName") ??
    childText(relationship, "FirstEntityName") ??
    childText(relationship, "ReferencingEntityName") ??
    "Other"
  );
}

export function unpackRelationships(ctx: UnpackContext): void {
  const container = firstChild(ctx.customizations, CONTAINER);
  const relationships = container ? childElements(container, "EntityRelationship") : [];
  if (!container || relationships.length === 0) return;
  const index = newXsiDocument(CONTAINER);
  const groups = new Map<string, Element[]>();
  for (const relationship of relationships) {
    const name = relationship.getAttribute("Name");
    if (!name) throw new SolutionPackagerError("an <EntityRelationship> has no Name attribute", CUSTOMIZATIONS_PART);
    const entry = index.createElement("EntityRelationship");
    entry.setAttribute("Name", name);
    index.documentElement!.appendChild(entry);
    const group = safeFileName(groupOf(relationship));
    const existing = [...groups.keys()].find((key) => key.toLowerCase() === group.toLowerCase()) ?? group;
    groups.set(existing, [...(groups.get(existing) ?? []), relationship]);
  }
  ctx.output.add(INDEX, toSourceFile(index), CUSTOMIZATIONS_PART);
  for (const [group, members] of groups) {
    const doc = newXsiDocument(CONTAINER);
    for (const member of members) doc.documentElement!.appendChild(adopt(doc, member));
    ctx.output.add(`${FOLDER}/${group}.xml`, toSourceFile(doc), CUSTOMIZATIONS_PART);
  }
  removeAllChildren(container);
}

export function packRelationships(ctx: PackContext): void {
  const definitions = new Map<string, Element>();
  for (const path of ctx.source.under(FOLDER)) {
    const root = parseXmlBuffer(ctx.source.take(path, path), path).documentElement!;
    if (root.nodeName !== CONTAINER) {
      throw new SolutionPackagerError(`expected an <${CONTAINER}> root element, found <${root.nodeName}>`, path);
    }
    for (const relationship of childElements(root, "EntityRelationship")) {
      const name = relationship.getAttribute("Name");
      if (!name) throw new SolutionPackagerError("an <EntityRelationship> has no Name attribute", path);
      if (definitions.has(name)) throw new SolutionPackagerError(`relationship "${name}" is defined twice`, path);
      definitions.set(name, relationship);
    }
  }
  const indexData = ctx.source.takeOptional(INDEX);
  const listed: string[] = [];
  if (indexData) {
    const index = parseXmlBuffer(indexData, INDEX).documentElement!;
    for (const entry of childElements(index, "EntityRelationship")) {
      const name = entry.getAttribute("Name");
      if (!name || listed.includes(name)) continue;
      if (!definitions.has(name)) {
        throw new SolutionPackagerError(`relationship "${name}" has no definition under ${FOLDER}/`, INDEX);
      }
      listed.push(name);
    }
  }
  const rest = [...definitions.keys()].filter((name) => !listed.includes(name)).sort(compareNames);
  const order = [...listed, ...rest];
  if (order.length === 0) return;
  const doc = ctx.customizations.ownerDocument!;
  const container = ensureChild(ctx.customizations, CONTAINER, IMPORT_EXPORT_XML_ORDER);
  for (const name of order) container.appendChild(adopt(doc, definitions.get(name)!));
}
