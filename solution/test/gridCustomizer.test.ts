/**
 * The grid customizer Cb2b.HandOffStageCells in the solution (issue 17): the control ships, our two lead
 * views assign it to the Power Apps grid in their own layoutxml (never a table-wide setting, which would
 * change Microsoft's lead views too), the views fetch every column the hand-off badge reads (the
 * provenance query's, taken from core so the two cannot drift), the packed customizations.xml validates
 * against Microsoft's schema, and pack → unpack gives the same files back.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { buildProvenanceFetchXml, ProvenanceAliases } from "../../core/src/provenance";
import { readSolutionInfo } from "../../tools/build/solutionInfo";
import { childElements, childText, firstChild, parseXml } from "../../tools/build/xml";
import { canonicalXml } from "../../tools/solution/canonicalXml";
import { packSolution } from "../../tools/solution/pack";
import { readZip } from "../../tools/solution/testFixtures";
import { unpackSolution } from "../../tools/solution/unpack";
import type { Element } from "@xmldom/xmldom";
import { attributeNames, linkEntities } from "./helpers/fetch";
import { hasReference, referenceSkipNote, repoRoot, solutionSource } from "./helpers/paths";
import { readViews, solutionManifest, type View } from "./helpers/source";
import { stageForTest } from "./helpers/stageForTest";
import { validateAgainst } from "./helpers/xsd";

const POWER_APPS_GRID = "Microsoft.PowerApps.PowerAppsOneGrid";
const SUBGRID_CLASS_ID = "{E7A81278-8635-4D9E-8D4D-59480B391C5B}";
const CUSTOMIZED_VIEWS = ["a3ced4fd-fbcb-4785-bc72-8de44ff0734d", "a9875b67-8740-4b7f-a264-1bd46dd5a1ff"];

/** `<prefix>_<namespace>.<constructor>`: the full logical name Learn says the Customizer control property takes. */
function customizerName(): string {
  const manifest = new DOMParser().parseFromString(readFileSync(join(repoRoot, "controls", "HandOffStageCells", "ControlManifest.Input.xml"), "utf8"), "text/xml");
  const control = manifest.getElementsByTagName("control")[0]!;
  return `${readSolutionInfo(solutionSource).publisherPrefix}_${control.getAttribute("namespace")}.${control.getAttribute("constructor")}`;
}

const views = readViews();
const customized = views.filter((view) => CUSTOMIZED_VIEWS.includes(view.id));

function gridControls(view: View): Element[] {
  const descriptions = firstChild(view.grid, "controlDescriptions");
  return descriptions ? childElements(descriptions, "controlDescription").flatMap((d) => childElements(d, "customControl")) : [];
}

const staticParameter = (control: Element, name: string) => {
  const parameter = firstChild(firstChild(control, "parameters")!, name);
  return parameter ? { static: parameter.getAttribute("static"), type: parameter.getAttribute("type"), value: parameter.textContent } : null;
};

describe("Cb2b.HandOffStageCells in the solution", () => {
  const name = customizerName();

  it("ships as a custom control component with its solution metadata", () => {
    const data = parseXml(readFileSync(join(solutionSource, "Controls", name, "ControlManifest.xml.data.xml"), "utf8"), "data.xml").documentElement!;
    expect(childText(data, "Name")).toBe(name);
    expect(childText(data, "FileName")).toBe(`/Controls/${name}/ControlManifest.xml`);
    const roots = childElements(firstChild(solutionManifest(), "RootComponents")!, "RootComponent");
    expect(roots.filter((r) => r.getAttribute("type") === "66").map((r) => r.getAttribute("schemaName"))).toContain(name);
  });

  it.each(customized.map((v) => [v.names.get(1033), v] as const))("%s assigns it to the Power Apps grid on web, phone and tablet, read-only", (_, view) => {
    const controls = gridControls(view);
    expect(controls[0]!.getAttribute("id")).toBe(SUBGRID_CLASS_ID);
    const grids = controls.filter((c) => c.getAttribute("name") === POWER_APPS_GRID);
    expect(grids.map((c) => c.getAttribute("formFactor"))).toEqual(["0", "1", "2"]);
    for (const grid of grids) {
      expect(staticParameter(grid, "GridCustomizerControlFullName")).toEqual({ static: "true", type: "SingleLine.Text", value: name });
      expect(staticParameter(grid, "EnableEditing")).toEqual({ static: "true", type: "Enum", value: "no" });
    }
  });

  it("is assigned only in our lead views' own layoutxml, never table-wide", () => {
    expect(customized).toHaveLength(CUSTOMIZED_VIEWS.length);
    for (const view of views.filter((v) => !CUSTOMIZED_VIEWS.includes(v.id))) expect(gridControls(view)).toEqual([]);
    const customizations = readFileSync(join(solutionSource, "Other", "Customizations.xml"), "utf8");
    expect(customizations).not.toMatch(/CustomControlDefaultConfig/);
    for (const entity of ["Lead", "Opportunity", "Account", "Contact"]) {
      expect(readFileSync(join(solutionSource, "Entities", entity, "Entity.xml"), "utf8")).not.toMatch(/CustomControlDefaultConfig|PowerAppsOneGrid/);
    }
  });

  describe.each(customized.map((v) => [v.names.get(1033), v] as const))("%s", (_, view) => {
    const entity = view.fetch.getElementsByTagName("entity")[0]!;
    const provenance = parseXml(buildProvenanceFetchXml("8d1f0b7e-3c4a-4f5e-9a6b-7c8d9e0f1a2b"), "provenance.xml").getElementsByTagName("entity")[0]!;
    const layoutCells = new Set(Array.from(view.grid.getElementsByTagName("cell")).map((c) => c.getAttribute("name")));

    it("fetches every lead column of the provenance query, each with a layout cell", () => {
      for (const column of attributeNames(provenance)) {
        expect({ column, fetched: attributeNames(entity).includes(column), inLayout: layoutCells.has(column) || column === "leadid" }).toEqual({ column, fetched: true, inLayout: true });
      }
    });

    it("joins the opportunity, account and contact as the provenance query does (outer, same aliases), each column with a hidden cell", () => {
      const compare = (expected: Element, actual: Element, path: string[]) => {
        for (const link of linkEntities(expected).filter((l) => l.alias !== ProvenanceAliases.creator)) {
          const found = linkEntities(actual).find((l) => l.alias === link.alias);
          expect({ path: [...path, link.alias], name: found?.name, from: found?.from, to: found?.to, type: found?.linkType }).toEqual({ path: [...path, link.alias], name: link.name, from: link.from, to: link.to, type: "outer" });
          for (const column of attributeNames(link.element)) {
            expect({ column: `${link.alias}.${column}`, fetched: attributeNames(found!.element).includes(column), inLayout: layoutCells.has(`${link.alias}.${column}`) }).toEqual({
              column: `${link.alias}.${column}`,
              fetched: true,
              inLayout: true,
            });
          }
          compare(link.element, found!.element, [...path, link.alias]);
        }
      };
      compare(provenance, entity, []);
    });

    it("keeps the badge's extra columns out of sight", () => {
      const visible = Array.from(view.grid.getElementsByTagName("cell")).filter((c) => c.getAttribute("ishidden") !== "1").map((c) => c.getAttribute("name"));
      expect(visible.filter((n) => n?.includes("."))).toEqual([]);
      expect(visible).toContain("msdyn_b2bprospectstatus");
    });
  });
});

(hasReference ? describe : describe.skip)(`packed with the customizer${referenceSkipNote}`, () => {
  let dir: string;
  let staging: string;
  let zipFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cb2b-customizer-"));
    staging = join(dir, "staging");
    stageForTest(staging);
    zipFile = join(dir, "managed.zip");
    await packSolution({ folder: staging, zipFile, packageType: "Managed" });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("customizations.xml, with the views' controlDescriptions and the control, validates against CustomizationsSolution.xsd", async () => {
    const xml = (await readZip(zipFile)).get("customizations.xml")!.toString("utf8");
    const doc = parseXml(xml.replace(/^\uFEFF/, ""), "customizations.xml").documentElement!;
    const inViews = Array.from(doc.getElementsByTagName("savedquery")).filter((q) => firstChild(firstChild(firstChild(q, "layoutxml")!, "grid")!, "controlDescriptions"));
    expect(inViews).toHaveLength(CUSTOMIZED_VIEWS.length);
    expect(childElements(firstChild(doc, "CustomControls")!, "CustomControl").map((c) => childText(c, "Name"))).toContain(customizerName());
    const result = await validateAgainst("CustomizationsSolution.xsd", xml, "customizations.xml");
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  });

  it("unpacks to the same view files and control metadata", async () => {
    const target = join(dir, "unpacked");
    await unpackSolution({ zipFile, folder: target });
    const files = [...customized.map((v) => v.file), `Controls/${customizerName()}/ControlManifest.xml.data.xml`];
    for (const file of files) {
      const original = readFileSync(join(solutionSource, ...file.split("/")), "utf8");
      const back = readFileSync(join(target, ...file.split("/")), "utf8");
      expect(canonicalXml(back, file)).toBe(canonicalXml(original, file));
    }
  });
});
