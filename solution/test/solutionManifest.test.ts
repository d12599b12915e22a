/**
 * Solution.xml as an importer sees it: identity, publisher, languages, the components it ships and the
 * Microsoft dual-write columns it depends on without defining them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Element } from "@xmldom/xmldom";
import { LeadColumns, Solution, SupportedLanguages } from "../../core/src";
import { listFiles } from "../../tools/build/fileTree";
import { childElements, childText, firstChild } from "../../tools/build/xml";
import { ComponentType, declaredRootComponents, refKey, shippedComponents } from "./helpers/components";
import { attributeNames, conditions, linkEntities } from "./helpers/fetch";
import { solutionSource } from "./helpers/paths";
import { labelsByLanguage, normalizeId, readSource, readViews, solutionManifest } from "./helpers/source";

const manifest = solutionManifest();
const publisher = firstChild(manifest, "Publisher")!;
const dualWriteColumns = [LeadColumns.isCommerceB2BProspect, LeadColumns.prospectStatus, LeadColumns.prospectId];

function languagesOf(parent: Element, set: string, item: string): number[] {
  return [...labelsByLanguage(firstChild(parent, set), item).entries()].filter(([, text]) => text.trim()).map(([lang]) => lang);
}

describe("Solution.xml", () => {
  it("identifies the solution and its publisher", () => {
    expect(childText(manifest, "UniqueName")).toBe(Solution.uniqueName);
    expect(childText(manifest, "Version")).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(childText(manifest, "Managed")).toBe("0");
    expect(childText(publisher, "CustomizationPrefix")).toBe(Solution.publisherPrefix);
    const optionValuePrefix = Number(childText(publisher, "CustomizationOptionValuePrefix"));
    expect(optionValuePrefix).toBeGreaterThanOrEqual(10000);
    expect(optionValuePrefix).toBeLessThanOrEqual(99999);
  });

  it("names and describes the solution and the publisher in English and Finnish", () => {
    for (const element of [manifest, publisher]) {
      expect(languagesOf(element, "LocalizedNames", "LocalizedName").sort()).toEqual([...SupportedLanguages]);
      expect(languagesOf(element, "Descriptions", "Description").sort()).toEqual([...SupportedLanguages]);
    }
  });

  it("declares the languages it ships in Customizations.xml", () => {
    const languages = firstChild(readSource("Other/Customizations.xml").documentElement!, "Languages")!;
    expect(childElements(languages, "Language").map((l) => Number(l.textContent))).toEqual([...SupportedLanguages]);
  });
});

describe("root components", () => {
  const shipped = shippedComponents(solutionSource);
  const declared = declaredRootComponents(manifest);

  it("come only from component folders this test knows how to read", () => {
    expect(shipped.unknownFolders).toEqual([]);
  });

  it("list every shipped component", () => {
    const declaredKeys = new Set(declared.map(refKey));
    expect(shipped.roots.map(refKey).filter((key) => !declaredKeys.has(key))).toEqual([]);
  });

  it("list nothing the solution does not ship", () => {
    const shippedKeys = new Set([...shipped.roots, ...shipped.subcomponents].map(refKey));
    expect(declared.map(refKey).filter((key) => !shippedKeys.has(key))).toEqual([]);
    expect(new Set(declared.map(refKey)).size).toBe(declared.length);
  });

  it("add Sales' lead and opportunity tables without their subcomponents, as an export does", () => {
    const entities = declared.filter((rc) => rc.type === ComponentType.Entity);
    expect(entities).toEqual(
      expect.arrayContaining([
        { type: ComponentType.Entity, key: "lead", behavior: "2" },
        { type: ComponentType.Entity, key: "opportunity", behavior: "2" },
      ]),
    );
  });
});

describe("dual-write columns", () => {
  const missing = childElements(firstChild(manifest, "MissingDependencies")!, "MissingDependency").map((md) => ({
    required: firstChild(md, "Required")!,
    dependent: firstChild(md, "Dependent")!,
  }));

  it("are declared as missing dependencies of every view that uses them", () => {
    for (const view of readViews()) {
      const entity = view.fetch.getElementsByTagName("entity")[0]!;
      const columnsOf = (element: Element, entityName: string) =>
        [...attributeNames(element), ...conditions(element).map((c) => c.attribute)].map((column) => ({ entity: entityName, column }));
      const used = [
        ...columnsOf(entity, entity.getAttribute("name")!),
        ...linkEntities(entity).flatMap((link) => columnsOf(link.element, link.name)),
      ].filter((u) => u.column.startsWith("msdyn_"));
      expect(used.length).toBeGreaterThan(0);
      for (const use of used) {
        const declared = missing.find(
          (md) =>
            md.required.getAttribute("type") === "2" &&
            md.required.getAttribute("schemaName") === use.column &&
            md.required.getAttribute("parentSchemaName") === use.entity &&
            md.dependent.getAttribute("type") === String(ComponentType.SavedQuery) &&
            normalizeId(md.dependent.getAttribute("id") ?? "") === view.id,
        );
        expect({ view: view.names.get(1033), ...use, declared: Boolean(declared) }).toEqual({ view: view.names.get(1033), ...use, declared: true });
        expect(declared!.required.getAttribute("solution")).toBeTruthy();
      }
    }
  });

  it("are declared as missing dependencies of every form that binds them", () => {
    for (const file of listFiles(solutionSource).filter((f) => /^Entities\/[^/]+\/FormXml\/.+\.xml$/.test(f))) {
      const entityName = file.split("/")[1]!.toLowerCase();
      const forms = readSource(file).documentElement!.getElementsByTagName("systemform");
      for (const form of Array.from(forms)) {
        const formId = normalizeId(childText(form, "formid") ?? "");
        const bound = new Set(
          Array.from(form.getElementsByTagName("control"))
            .map((c) => c.getAttribute("datafieldname") ?? "")
            .filter((name) => name.startsWith("msdyn_")),
        );
        for (const column of bound) {
          const declared = missing.some(
            (md) =>
              md.required.getAttribute("type") === "2" &&
              md.required.getAttribute("schemaName") === column &&
              md.required.getAttribute("parentSchemaName") === entityName &&
              md.dependent.getAttribute("type") === String(ComponentType.SystemForm) &&
              normalizeId(md.dependent.getAttribute("id") ?? "") === formId,
          );
          expect({ file, column, declared }).toEqual({ file, column, declared: true });
        }
      }
    }
  });

  it("cover msdyn_b2bcommerceprospect, msdyn_b2bprospectstatus and msdyn_prospectid", () => {
    const required = new Set(missing.map((md) => md.required.getAttribute("schemaName")));
    for (const column of dualWriteColumns) expect(required).toContain(column);
  });

  it("are never defined by this solution", () => {
    for (const file of listFiles(solutionSource).filter((f) => f.endsWith(".xml"))) {
      const text = readFileSync(join(solutionSource, file), "utf8");
      expect({ file, definesDualWriteColumn: /<attribute\s+PhysicalName="msdyn_/i.test(text) }).toEqual({ file, definesDualWriteColumn: false });
    }
  });
});
