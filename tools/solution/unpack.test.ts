import { promises as fs } from "node:fs";
import { join } from "node:path";
import { canonicalXml } from "./canonicalXml";
import { packSolution } from "./pack";
import { unpackSolution } from "./unpack";
import { APP, CONTROL, EXPORTED_WEB_RESOURCE, IDS, SOURCE_FILES, WEB_RESOURCE_NAME, listFiles, makeTempDir, readZip, removeTempDirs, writeFixture, writeZip } from "./testFixtures";
import { childElements, firstChild, parseXml } from "./xml";

afterAll(removeTempDirs);

const read = (folder: string, path: string) => fs.readFile(join(folder, ...path.split("/")));

async function packedFixture(changes: Record<string, string | null> = {}) {
  const root = await makeTempDir("unpack");
  const folder = await writeFixture(root, changes);
  const zipFile = join(root, "solution.zip");
  await packSolution({ folder, zipFile, packageType: "Unmanaged" });
  return { root, folder, zipFile };
}

describe("unpackSolution", () => {
  it("gives back the source layout a pack was made from", async () => {
    const { root, zipFile } = await packedFixture();
    const target = join(root, "unpacked");
    const result = await unpackSolution({ zipFile, folder: target });
    const expected = Object.keys(SOURCE_FILES).filter((path) => path !== ".gitkeep").sort();
    expect(await listFiles(target)).toEqual(expected);
    expect([...result.files].sort()).toEqual(expected);
    for (const path of expected) {
      const actual = await read(target, path);
      if (path.endsWith(".xml") && !path.startsWith("Controls/") && !path.startsWith("environmentvariabledefinitions/")) {
        expect(canonicalXml(actual.toString("utf8"), path)).toBe(canonicalXml(SOURCE_FILES[path], path));
      } else {
        expect(actual.toString("utf8")).toBe(SOURCE_FILES[path]);
      }
    }
  });

  it("writes web resources at their name path with the friendly FileName", async () => {
    const { root, zipFile } = await packedFixture();
    const target = join(root, "unpacked");
    await unpackSolution({ zipFile, folder: target });
    const data = parseXml((await read(target, `WebResources/${WEB_RESOURCE_NAME}.data.xml`)).toString("utf8"), "data").documentElement!;
    expect(firstChild(data, "FileName")!.textContent).toBe(`/WebResources/${WEB_RESOURCE_NAME}`);
    expect((await read(target, `WebResources/${WEB_RESOURCE_NAME}`)).toString("utf8")).toBe(SOURCE_FILES[`WebResources/${WEB_RESOURCE_NAME}`]);
    expect(await listFiles(target)).not.toContain(EXPORTED_WEB_RESOURCE);
  });

  it("leaves empty placeholders in Other/Customizations.xml and Entity.xml", async () => {
    const { root, zipFile } = await packedFixture();
    const target = join(root, "unpacked");
    await unpackSolution({ zipFile, folder: target });
    const customizations = parseXml((await read(target, "Other/Customizations.xml")).toString("utf8"), "c").documentElement!;
    for (const name of ["Entities", "Roles", "EntityRelationships", "WebResources", "CustomControls", "SdkMessageProcessingSteps", "AppModuleSiteMaps", "AppModules"]) {
      expect(childElements(firstChild(customizations, name)!)).toEqual([]);
    }
    const entity = parseXml((await read(target, "Entities/Lead/Entity.xml")).toString("utf8"), "e").documentElement!;
    expect(childElements(entity).map((e) => e.nodeName)).toEqual(["Name", "EntityInfo", "FormXml", "SavedQueries", "RibbonDiffXml"]);
    expect(childElements(firstChild(entity, "SavedQueries")!)).toEqual([]);
  });

  it("gives each app module and site map a folder named after it, as SolutionPackager does", async () => {
    const { root, zipFile } = await packedFixture();
    const target = join(root, "unpacked");
    await unpackSolution({ zipFile, folder: target });
    const app = (await read(target, `AppModules/${APP}/AppModule.xml`)).toString("utf8");
    const siteMap = (await read(target, `AppModuleSiteMaps/${APP}/AppModuleSiteMap.xml`)).toString("utf8");
    // SolutionPackager writes AppModule.xml without, and AppModuleSiteMap.xml with, the xsi declaration.
    expect(app).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<AppModule>\n {2}<UniqueName>/);
    expect(siteMap).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<AppModuleSiteMap xmlns:xsi="http:\/\/www\.w3\.org\/2001\/XMLSchema-instance">\n/);
    expect(siteMap).toContain("&amp;etn=lead&amp;viewid=");
  });

  it("records a view order that file names cannot give in .exportorder, and pack restores it", async () => {
    const { root, zipFile } = await packedFixture({ "Entities/Lead/SavedQueries/.exportorder": `${IDS.viewB}.xml\n${IDS.viewA}.xml\n` });
    const target = join(root, "unpacked");
    await unpackSolution({ zipFile, folder: target });
    expect((await read(target, "Entities/Lead/SavedQueries/.exportorder")).toString("utf8")).toBe(`${IDS.viewB}.xml\n${IDS.viewA}.xml\n`);
    const repacked = join(root, "repacked.zip");
    await packSolution({ folder: target, zipFile: repacked, packageType: "Unmanaged" });
    const original = (await readZip(zipFile)).get("customizations.xml")!.toString("utf8");
    const again = (await readZip(repacked)).get("customizations.xml")!.toString("utf8");
    expect(canonicalXml(again)).toBe(canonicalXml(original));
    expect(again.indexOf(IDS.viewB)).toBeLessThan(again.indexOf(IDS.viewA));
  });

  it("writes no .exportorder when the export order is the sorted order", async () => {
    const { root, zipFile } = await packedFixture();
    const target = join(root, "unpacked");
    await unpackSolution({ zipFile, folder: target });
    expect((await listFiles(target)).filter((path) => path.endsWith(".exportorder"))).toEqual([]);
  });

  it("writes over an existing folder and deletes nothing there, as pac does without --allowDelete", async () => {
    const { root, zipFile } = await packedFixture();
    const target = join(root, "unpacked");
    await fs.mkdir(join(target, "Entities", "Removed"), { recursive: true });
    await fs.writeFile(join(target, "Entities", "Removed", "Entity.xml"), "<Entity />");
    await fs.mkdir(join(target, "Other"), { recursive: true });
    await fs.writeFile(join(target, "Other", "Solution.xml"), "stale");
    await fs.writeFile(join(target, "README.md"), "mine");
    const result = await unpackSolution({ zipFile, folder: target });
    expect(result.deleted).toEqual([]);
    const files = await listFiles(target);
    expect(files).toContain("Entities/Removed/Entity.xml");
    expect(files).toContain("README.md");
    expect(files).toContain(`Controls/${CONTROL}/ControlManifest.xml.data.xml`);
    expect((await read(target, "Other/Solution.xml")).toString("utf8")).not.toBe("stale");
    // No staging folder is left behind, in the folder or beside it.
    expect((await fs.readdir(root)).filter((name) => name.startsWith("."))).toEqual([]);
    expect((await fs.readdir(target)).filter((name) => name.startsWith("."))).toEqual([]);
  });

  it("with allowDelete (pac's --allowDelete), deletes the files the zip does not produce, and folders left empty", async () => {
    const { root, zipFile } = await packedFixture();
    const target = join(root, "unpacked");
    await fs.mkdir(join(target, "Entities", "Removed"), { recursive: true });
    await fs.writeFile(join(target, "Entities", "Removed", "Entity.xml"), "<Entity />");
    await fs.writeFile(join(target, "README.md"), "mine");
    const result = await unpackSolution({ zipFile, folder: target, allowDelete: true });
    expect(result.deleted).toEqual(["Entities/Removed/Entity.xml", "README.md"]);
    const expected = Object.keys(SOURCE_FILES).filter((path) => path !== ".gitkeep").sort();
    expect(await listFiles(target)).toEqual(expected);
    await expect(fs.stat(join(target, "Entities", "Removed"))).rejects.toThrow();
  });

  it("passes parts it does not split through unchanged", async () => {
    const root = await makeTempDir("passthrough");
    const zipFile = join(root, "flows.zip");
    const flow = Buffer.from('{"properties":{"definition":{}}}');
    await writeZip(zipFile, {
      "solution.xml": SOURCE_FILES["Other/Solution.xml"],
      "customizations.xml": '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Workflows><Workflow Name="Notify" /></Workflows></ImportExportXml>',
      "[Content_Types].xml": "<Types />",
      "Workflows/Notify-5E9A0A8C-0000-0000-0000-000000000001.json": flow,
    });
    const target = join(root, "unpacked");
    await unpackSolution({ zipFile, folder: target });
    expect(await listFiles(target)).toEqual(["Other/Customizations.xml", "Other/Solution.xml", "Workflows/Notify-5E9A0A8C-0000-0000-0000-000000000001.json"]);
    expect((await read(target, "Workflows/Notify-5E9A0A8C-0000-0000-0000-000000000001.json")).equals(flow)).toBe(true);
    expect((await read(target, "Other/Customizations.xml")).toString("utf8")).toContain('<Workflow Name="Notify"/>');
  });
});
