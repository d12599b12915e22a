import { promises as fs } from "node:fs";
import { join } from "node:path";
import { canonicalXml } from "./canonicalXml";
import { packSolution } from "./pack";
import { APP, CONTROL, EXPORTED_WEB_RESOURCE, IDS, SOURCE_FILES, WEB_RESOURCE_NAME, makeTempDir, readZip, removeTempDirs, writeFixture } from "./testFixtures";
import { childElements, firstChild, parseXml } from "./xml";
import type { Element } from "./xml";

const names = (parent: Element) => childElements(parent).map((child) => child.nodeName);
const text = (data: Buffer | undefined) => (data ?? Buffer.alloc(0)).toString("utf8");

async function packFixture(changes: Record<string, string | null> = {}, packageType: "Unmanaged" | "Managed" = "Unmanaged") {
  const root = await makeTempDir("pack");
  const folder = await writeFixture(root, changes);
  const zipFile = join(root, "out", "CommerceB2BOnboarding.zip");
  const result = await packSolution({ folder, zipFile, packageType });
  const entries = await readZip(zipFile);
  const customizations = parseXml(text(entries.get("customizations.xml")), "customizations.xml").documentElement!;
  return { root, folder, zipFile, result, entries, customizations };
}

afterAll(removeTempDirs);

describe("packSolution", () => {
  it("writes exactly the parts Dataverse expects, in a stable order", async () => {
    const { result, entries, zipFile } = await packFixture();
    expect(result.zipFile).toBe(zipFile);
    expect(result.files).toEqual([
      "customizations.xml",
      "solution.xml",
      "[Content_Types].xml",
      `Controls/${CONTROL}/bundle.js`,
      `Controls/${CONTROL}/ControlManifest.xml`,
      `Controls/${CONTROL}/strings/DualWriteProvenance.1033.resx`,
      "environmentvariabledefinitions/cb2b_WebhookUrl/environmentvariabledefinition.xml",
      EXPORTED_WEB_RESOURCE,
    ]);
    expect([...entries.keys()]).toEqual(result.files);
    expect(result.bytes).toBe((await fs.stat(zipFile)).size);
  });

  it("merges entity, forms, views and ribbon back into customizations.xml in export order", async () => {
    const { customizations } = await packFixture();
    const entity = firstChild(firstChild(customizations, "Entities")!, "Entity")!;
    expect(names(entity)).toEqual(["Name", "EntityInfo", "FormXml", "SavedQueries", "RibbonDiffXml"]);
    const forms = childElements(firstChild(entity, "FormXml")!, "forms");
    expect(forms.map((f) => f.getAttribute("type"))).toEqual(["main"]);
    expect(firstChild(firstChild(forms[0], "systemform")!, "formid")!.textContent).toBe(IDS.form);
    const queries = childElements(firstChild(firstChild(entity, "SavedQueries")!, "savedqueries")!, "savedquery");
    // No .exportorder in the source: views come in file-name order.
    expect(queries.map((q) => firstChild(q, "savedqueryid")!.textContent)).toEqual([IDS.viewA, IDS.viewB]);
    expect(names(firstChild(entity, "RibbonDiffXml")!)).toEqual(["CustomActions", "Templates", "CommandDefinitions", "RuleDefinitions", "LocLabels"]);
    // The split files' own xmlns:xsi declarations are not repeated inside the merged document.
    expect(entity.hasAttribute("xmlns:xsi")).toBe(false);
  });

  it("keeps the placeholder order of Other/Customizations.xml and fills roles, steps, controls and relationships", async () => {
    const { customizations } = await packFixture();
    const source = parseXml(SOURCE_FILES["Other/Customizations.xml"], "source").documentElement!;
    expect(names(customizations)).toEqual(names(source));
    const role = firstChild(firstChild(customizations, "Roles")!, "Role")!;
    expect(role.getAttribute("id")).toBe(IDS.role);
    const step = firstChild(firstChild(customizations, "SdkMessageProcessingSteps")!, "SdkMessageProcessingStep")!;
    expect(step.getAttribute("SdkMessageProcessingStepId")).toBe(IDS.step);
    const control = firstChild(firstChild(customizations, "CustomControls")!, "CustomControl")!;
    expect(firstChild(control, "FileName")!.textContent).toBe(`/Controls/${CONTROL}/ControlManifest.xml`);
    const relationships = childElements(firstChild(customizations, "EntityRelationships")!, "EntityRelationship");
    // Other/Relationships.xml gives the order, not the file the definition sits in.
    expect(relationships.map((r) => r.getAttribute("Name"))).toEqual(["lk_lead_createdby", "account_originating_lead"]);
  });

  it("merges the app module and its site map back, one folder each, and keeps the forms' display conditions", async () => {
    const { customizations, entries } = await packFixture();
    const siteMaps = childElements(firstChild(customizations, "AppModuleSiteMaps")!, "AppModuleSiteMap");
    expect(siteMaps.map((s) => firstChild(s, "SiteMapUniqueName")!.textContent)).toEqual([APP]);
    expect(names(siteMaps[0])).toEqual(["SiteMapUniqueName", "SiteMap", "LocalizedNames"]);
    const apps = childElements(firstChild(customizations, "AppModules")!, "AppModule");
    expect(apps.map((a) => firstChild(a, "UniqueName")!.textContent)).toEqual([APP]);
    expect(firstChild(firstChild(apps[0], "AppModuleRoleMaps")!, "Role")!.getAttribute("id")).toBe(IDS.role);
    expect(canonicalXml(apps[0].toString())).toBe(canonicalXml(SOURCE_FILES[`AppModules/${APP}/AppModule.xml`]));
    const conditions = firstChild(firstChild(customizations, "Entities")!, "Entity")!.getElementsByTagName("DisplayConditions");
    expect(conditions.length).toBe(1);
    expect(conditions[0].getAttribute("FallbackForm")).toBe("false");
    expect(firstChild(conditions[0], "Role")!.getAttribute("Id")).toBe(IDS.role);
    // Components of customizations.xml, not zip parts.
    expect([...entries.keys()].filter((path) => path.startsWith("AppModule"))).toEqual([]);
  });

  it("stores web resource content under the export FileName convention", async () => {
    const { entries, customizations } = await packFixture();
    const webResource = firstChild(firstChild(customizations, "WebResources")!, "WebResource")!;
    expect(firstChild(webResource, "FileName")!.textContent).toBe(`/${EXPORTED_WEB_RESOURCE}`);
    expect(firstChild(webResource, "Name")!.textContent).toBe(WEB_RESOURCE_NAME);
    expect(text(entries.get(EXPORTED_WEB_RESOURCE))).toBe(SOURCE_FILES[`WebResources/${WEB_RESOURCE_NAME}`]);
    expect([...entries.keys()].some((path) => path.endsWith(".data.xml"))).toBe(false);
  });

  it("writes [Content_Types].xml with a Default per extension and Overrides for extension-less parts and manifests", async () => {
    const { entries } = await packFixture();
    expect(text(entries.get("[Content_Types].xml"))).toBe(
      "\uFEFF" +
        '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="xml" ContentType="application/octet-stream" />' +
        '<Default Extension="js" ContentType="application/octet-stream" />' +
        '<Default Extension="resx" ContentType="application/octet-stream" />' +
        `<Override PartName="/Controls/${CONTROL}/ControlManifest.xml" ContentType="application/octet-stream" />` +
        `<Override PartName="/${EXPORTED_WEB_RESOURCE}" ContentType="application/octet-stream" />` +
        "</Types>",
    );
  });

  it("sets <Managed> from the package type and changes nothing else in solution.xml", async () => {
    const managed = await packFixture({}, "Managed");
    const unmanaged = await packFixture({ "Other/Solution.xml": SOURCE_FILES["Other/Solution.xml"].replace("<Managed>0<", "<Managed>1<") });
    const managedXml = text(managed.entries.get("solution.xml"));
    const unmanagedXml = text(unmanaged.entries.get("solution.xml"));
    expect(managedXml).toContain("<Managed>1</Managed>");
    expect(unmanagedXml).toContain("<Managed>0</Managed>");
    expect(canonicalXml(managedXml.replace("<Managed>1<", "<Managed>0<"))).toBe(canonicalXml(SOURCE_FILES["Other/Solution.xml"]));
    // Customizations are the same in both package types.
    expect(canonicalXml(text(managed.entries.get("customizations.xml")))).toBe(canonicalXml(text(unmanaged.entries.get("customizations.xml"))));
  });

  it("writes solution.xml and customizations.xml as UTF-8 with BOM, XML declaration and CRLF", async () => {
    const { entries } = await packFixture();
    for (const part of ["solution.xml", "customizations.xml"]) {
      const data = entries.get(part)!;
      expect([...data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const body = data.subarray(3).toString("utf8");
      expect(body.startsWith('<?xml version="1.0" encoding="utf-8"?>\r\n<ImportExportXml')).toBe(true);
      expect(body.replace(/\r\n/g, "")).not.toContain("\n");
    }
  });

  it("produces byte-identical zips for the same folder, whatever the file times", async () => {
    const root = await makeTempDir("determinism");
    const folder = await writeFixture(root);
    const first = join(root, "first.zip");
    const second = join(root, "second.zip");
    await packSolution({ folder, zipFile: first, packageType: "Managed" });
    const later = new Date(Date.UTC(2031, 5, 1));
    await fs.utimes(join(folder, "Entities", "Lead", "Entity.xml"), later, later);
    await packSolution({ folder, zipFile: second, packageType: "Managed" });
    expect((await fs.readFile(first)).equals(await fs.readFile(second))).toBe(true);
  });

  it("inserts a missing container in schema order when the source has files for it", async () => {
    const customizations = SOURCE_FILES["Other/Customizations.xml"].replace("  <WebResources />\n", "").replace("  <Roles />\n", "");
    const { customizations: merged } = await packFixture({ "Other/Customizations.xml": customizations });
    const order = names(merged);
    expect(order.indexOf("Roles")).toBe(order.indexOf("Entities") + 1);
    expect(order.indexOf("WebResources")).toBe(order.indexOf("CustomControls") - 1);
  });

  it("packs the target of a symbolic link (a staged build may link its outputs)", async () => {
    const root = await makeTempDir("symlink");
    const folder = await writeFixture(root);
    const built = join(root, "bundle.js");
    await fs.writeFile(built, "built bundle");
    const linked = join(folder, "Controls", CONTROL, "bundle.js");
    await fs.rm(linked);
    await fs.symlink(built, linked);
    await packSolution({ folder, zipFile: join(root, "s.zip"), packageType: "Unmanaged" });
    expect(text((await readZip(join(root, "s.zip"))).get(`Controls/${CONTROL}/bundle.js`))).toBe("built bundle");
  });

  it("follows an .exportorder file for views", async () => {
    const { customizations } = await packFixture({ "Entities/Lead/SavedQueries/.exportorder": `${IDS.viewB}.xml\n${IDS.viewA}.xml\n` });
    const entity = firstChild(firstChild(customizations, "Entities")!, "Entity")!;
    const queries = childElements(firstChild(firstChild(entity, "SavedQueries")!, "savedqueries")!, "savedquery");
    expect(queries.map((q) => firstChild(q, "savedqueryid")!.textContent)).toEqual([IDS.viewB, IDS.viewA]);
  });
});
