/**
 * The solution as Dataverse receives it: pack the source (plus built or stand-in content) into a zip,
 * then check the zip's customizations.xml against Microsoft's schema and its solution.xml per package type.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { packSolution } from "../../tools/solution/pack";
import { childElements, childText, firstChild, parseXml } from "../../tools/build/xml";
import { hasReference, referenceSkipNote } from "./helpers/paths";
import { normalizeId, readViews } from "./helpers/source";
import { stageForTest } from "./helpers/stageForTest";
import { validateAgainst } from "./helpers/xsd";

let dir: string;
const zips: Record<"Unmanaged" | "Managed", JSZip> = {} as Record<"Unmanaged" | "Managed", JSZip>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cb2b-packed-"));
  const staging = join(dir, "staging");
  stageForTest(staging);
  for (const packageType of ["Unmanaged", "Managed"] as const) {
    const zipFile = join(dir, `${packageType}.zip`);
    await packSolution({ folder: staging, zipFile, packageType });
    zips[packageType] = await JSZip.loadAsync(readFileSync(zipFile));
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function part(packageType: "Unmanaged" | "Managed", name: string): Promise<string> {
  const file = zips[packageType].file(name);
  if (!file) throw new Error(`${name} is not in the ${packageType} zip`);
  return (await file.async("string")).replace(/^\uFEFF/, "");
}

describe("packed solution", () => {
  it.each([
    ["Unmanaged", "0"],
    ["Managed", "1"],
  ] as const)("%s zip says <Managed>%s</Managed>", async (packageType, managed) => {
    const manifest = firstChild(parseXml(await part(packageType, "solution.xml"), "solution.xml").documentElement!, "SolutionManifest")!;
    expect(childText(manifest, "Managed")).toBe(managed);
    expect(childText(manifest, "UniqueName")).toBe("CommerceB2BOnboarding");
  });

  it("carries the three views under their entities", async () => {
    const customizations = parseXml(await part("Managed", "customizations.xml"), "customizations.xml").documentElement!;
    const byEntity = new Map<string, string[]>();
    for (const entity of childElements(firstChild(customizations, "Entities")!, "Entity")) {
      const ids = Array.from(entity.getElementsByTagName("savedqueryid")).map((e) => normalizeId(e.textContent ?? ""));
      byEntity.set(childText(entity, "Name") ?? "", ids);
    }
    for (const view of readViews()) expect(byEntity.get(view.entityFolder)).toContain(view.id);
  });

  it.each(["Unmanaged", "Managed"] as const)("%s zip carries the app, its site map and the forms' display conditions", async (packageType) => {
    const customizations = parseXml(await part(packageType, "customizations.xml"), "customizations.xml").documentElement!;
    const apps = childElements(firstChild(customizations, "AppModules")!, "AppModule");
    expect(apps.map((a) => childText(a, "UniqueName"))).toEqual(["cb2b_CommerceB2BOnboarding"]);
    const roles = childElements(firstChild(apps[0]!, "AppModuleRoleMaps")!, "Role").map((r) => normalizeId(r.getAttribute("id") ?? ""));
    expect(roles).toEqual(["b8b541f4-a88c-4d2e-b796-ed3e76b55876"]);
    const siteMaps = childElements(firstChild(customizations, "AppModuleSiteMaps")!, "AppModuleSiteMap");
    expect(siteMaps.map((s) => childText(s, "SiteMapUniqueName"))).toEqual(["cb2b_CommerceB2BOnboarding"]);
    // Schema order: the site maps come right before the apps that use them.
    let next = firstChild(customizations, "AppModuleSiteMaps")!.nextSibling;
    while (next && next.nodeType !== next.ELEMENT_NODE) next = next.nextSibling;
    expect(next?.nodeName).toBe("AppModules");
    const conditions = Array.from(customizations.getElementsByTagName("DisplayConditions"));
    expect(conditions).toHaveLength(4);
    for (const condition of conditions) {
      expect(condition.getAttribute("FallbackForm")).toBe("false");
      expect(Array.from(condition.getElementsByTagName("Role")).map((r) => normalizeId(r.getAttribute("Id") ?? ""))).toEqual(roles);
    }
  });

  it("defines no msdyn_ column", async () => {
    const customizations = parseXml(await part("Managed", "customizations.xml"), "customizations.xml").documentElement!;
    const defined = Array.from(customizations.getElementsByTagName("attribute"))
      .map((a) => a.getAttribute("PhysicalName") ?? "")
      .filter((name) => name.toLowerCase().startsWith("msdyn_"));
    expect(defined).toEqual([]);
  });
});

(hasReference ? describe : describe.skip)(`packed customizations.xml against CustomizationsSolution.xsd${referenceSkipNote}`, () => {
  it.each(["Unmanaged", "Managed"] as const)("%s zip validates", async (packageType) => {
    const result = await validateAgainst("CustomizationsSolution.xsd", await part(packageType, "customizations.xml"), "customizations.xml");
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
