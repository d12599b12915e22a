/**
 * Conformance with real solutions: every zip in ../shared/reference/solutions (Dataverse exports and a
 * pac build) must survive unpack → pack with the same solution.xml and customizations.xml (canonical
 * XML), the same set of zip parts, the same [Content_Types].xml entries, and every other part byte for byte.
 */
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { canonicalXml } from "./canonicalXml";
import { packSolution } from "./pack";
import { makeTempDir, readZip, removeTempDirs } from "./testFixtures";
import { unpackSolution } from "./unpack";

const referenceDir = resolve(__dirname, "../../../shared/reference/solutions");
const zips = existsSync(referenceDir) ? readdirSync(referenceDir).filter((name) => name.endsWith(".zip")).sort() : [];
const describeIfReference = zips.length > 0 ? describe : describe.skip;
if (zips.length === 0) {
  console.warn(`Skipping solution packager conformance tests: no reference zips at ${referenceDir} (CI provides ../shared/reference).`);
}

afterAll(removeTempDirs);

describeIfReference("unpack → pack round trip of the reference solutions", () => {
  it.each(zips)("%s", async (name) => {
    const original = await readZip(join(referenceDir, name));
    const root = await makeTempDir("conformance");
    const folder = join(root, "src");
    await unpackSolution({ zipFile: join(referenceDir, name), folder });

    const solutionXml = original.get("solution.xml")!.toString("utf8");
    const packageType = /<Managed>\s*1\s*<\/Managed>/.test(solutionXml) ? "Managed" : "Unmanaged";
    const zipFile = join(root, "repacked.zip");
    await packSolution({ folder, zipFile, packageType });
    const repacked = await readZip(zipFile);

    expect([...repacked.keys()].sort()).toEqual([...original.keys()].sort());
    expect(canonicalXml(repacked.get("solution.xml")!.toString("utf8"))).toBe(canonicalXml(solutionXml));
    expect(canonicalXml(repacked.get("customizations.xml")!.toString("utf8"))).toBe(
      canonicalXml(original.get("customizations.xml")!.toString("utf8")),
    );
    // Same Default extensions and Override part names (pac types xml as text/xml, Dataverse as octet-stream).
    const parts = (zip: Map<string, Buffer>) =>
      [...zip.get("[Content_Types].xml")!.toString("utf8").matchAll(/(Extension|PartName)="([^"]*)"/g)].map((m) => `${m[1]}=${m[2]}`);
    expect(parts(repacked)).toEqual(parts(original));
    for (const [part, data] of original) {
      if (["solution.xml", "customizations.xml", "[Content_Types].xml"].includes(part)) continue;
      expect({ part, same: repacked.get(part)!.equals(data) }).toEqual({ part, same: true });
    }
  });
});

describeIfReference("unpacked layout of real exports", () => {
  async function unpackReference(name: string): Promise<string[]> {
    const folder = join(await makeTempDir("layout"), "src");
    return (await unpackSolution({ zipFile: join(referenceDir, name), folder })).files;
  }

  it("splits a Dataverse export with web resources, entities and relationships", async () => {
    const files = await unpackReference("cdsifyintegrationtests.zip");
    expect(files).toEqual(
      expect.arrayContaining([
        "Other/Solution.xml",
        "Other/Customizations.xml",
        "Other/Relationships.xml",
        "Other/Relationships/SystemUser.xml",
        "Entities/Account/Entity.xml",
        "Entities/Account/RibbonDiff.xml",
        "Entities/cdsify_IntegrationTest/FormXml/main/{d13bffa9-0708-4c5f-8fa2-9fb2784e9d5c}.xml",
        "Entities/cdsify_IntegrationTest/SavedQueries/{498c2524-d5bd-4372-bc50-f07a975abf1b}.xml",
        "WebResources/cdsify_/jasmine/test-runner.html",
        "WebResources/cdsify_/jasmine/test-runner.html.data.xml",
        "PluginAssemblies/TestCustomApiPlugin-07C3D3DB-020D-ED11-B83E-0022483D2320/TestCustomApiPlugin.dll",
        "customapis/cdsify_BoundEcho/customapi.xml",
      ]),
    );
    expect(files.filter((path) => path.startsWith("WebResources/cdsify_jasmine"))).toEqual([]);
  });

  it.each([
    ["CodeInterpreterSample_1_0_0_0_managed.zip", "sample_CodeInterpreterexampleapp"],
    ["cdsifyintegrationtests.zip", "cdsify_dataverseifyintegrationtests"],
    ["cdsifyintegrationtests_managed.zip", "cdsify_dataverseifyintegrationtests"],
  ])("splits the app module and site map of %s into their folders, and packs them back as exported", async (name, app) => {
    const root = await makeTempDir("app-modules");
    const folder = join(root, "src");
    const { files } = await unpackSolution({ zipFile: join(referenceDir, name), folder });
    expect(files.filter((path) => path.startsWith("AppModule")).sort()).toEqual([
      `AppModuleSiteMaps/${app}/AppModuleSiteMap.xml`,
      `AppModules/${app}/AppModule.xml`,
    ]);
    const source = await readFile(join(folder, "Other", "Customizations.xml"), "utf8");
    expect(source).toMatch(/<AppModuleSiteMaps\/>\s*<AppModules\/>/);
    expect(await readFile(join(folder, "AppModules", app, "AppModule.xml"), "utf8")).toContain(`<UniqueName>${app}</UniqueName>`);

    const zipFile = join(root, "repacked.zip");
    const solutionXml = (await readZip(join(referenceDir, name))).get("solution.xml")!.toString("utf8");
    await packSolution({ folder, zipFile, packageType: /<Managed>\s*1\s*<\/Managed>/.test(solutionXml) ? "Managed" : "Unmanaged" });
    const container = async (zip: string, element: string) => {
      const customizations = (await readZip(zip)).get("customizations.xml")!.toString("utf8");
      const match = new RegExp(`<${element}>[\\s\\S]*</${element}>`).exec(customizations);
      expect({ zip, element, found: Boolean(match) }).toEqual({ zip, element, found: true });
      return canonicalXml(match![0]);
    };
    for (const element of ["AppModuleSiteMaps", "AppModules"]) {
      expect(await container(zipFile, element)).toBe(await container(join(referenceDir, name), element));
    }
  });

  it("keeps a pac-built control under Controls/ with its data.xml", async () => {
    const files = await unpackReference("CodeInterpreterControlSolution.zip");
    const control = "Controls/dev_CodeInterpreterSample.CodeInterpreterControl";
    expect(files).toEqual(
      expect.arrayContaining([
        `${control}/ControlManifest.xml`,
        `${control}/ControlManifest.xml.data.xml`,
        `${control}/bundle.js`,
        `${control}/strings/CodeInterpreterControl.1033.resx`,
      ]),
    );
  });
});
