/**
 * System charts (`Entities/<Entity>/Visualizations/<id>.xml`) and dashboards (`Dashboards/<FormId>.xml`):
 * pack puts them where customizations.xml has them (`<Entity><Visualizations><visualization>`,
 * `<Dashboards><Dashboard>`, CustomizationsSolution.xsd), unpack gives back the same files. The charts and
 * dashboard are the solution's own (solution/src), so the round trip covers what ships.
 */
import { promises as fs, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { canonicalXml } from "./canonicalXml";
import { packSolution } from "./pack";
import { unpackSolution } from "./unpack";
import { listFiles, makeTempDir, readZip, removeTempDirs, writeFixture } from "./testFixtures";
import { SolutionPackagerError } from "./errors";
import { childElements, childText, firstChild, parseXml } from "./xml";

const SOURCE = resolve(__dirname, "..", "..", "solution", "src");

/** Our shipped chart and dashboard files, relative to solution/src. */
function shipped(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entity of ["Lead", "Opportunity"]) {
    const folder = join(SOURCE, "Entities", entity, "Visualizations");
    for (const name of readdirSync(folder)) files[`Entities/${entity}/Visualizations/${name}`] = readFileSync(join(folder, name), "utf8");
    files[`Entities/${entity}/Entity.xml`] = readFileSync(join(SOURCE, "Entities", entity, "Entity.xml"), "utf8");
  }
  for (const name of readdirSync(join(SOURCE, "Dashboards"))) files[`Dashboards/${name}`] = readFileSync(join(SOURCE, "Dashboards", name), "utf8");
  return files;
}

afterAll(removeTempDirs);

async function pack(changes: Record<string, string | null>) {
  const root = await makeTempDir("charts");
  const folder = await writeFixture(root, changes);
  const zipFile = join(root, "solution.zip");
  await packSolution({ folder, zipFile, packageType: "Managed" });
  return { root, zipFile };
}

describe("charts and dashboards", () => {
  const files = shipped();

  it("ships four charts and one dashboard to round-trip", () => {
    expect(Object.keys(files).filter((f) => f.includes("/Visualizations/"))).toHaveLength(4);
    expect(Object.keys(files).filter((f) => f.startsWith("Dashboards/"))).toHaveLength(1);
  });

  it("pack puts the charts under their entity and the dashboard under <Dashboards>, in schema order", async () => {
    const { zipFile } = await pack(files);
    const entries = await readZip(zipFile);
    const customizations = parseXml(entries.get("customizations.xml")!.toString("utf8"), "customizations.xml").documentElement!;
    const entities = childElements(firstChild(customizations, "Entities")!, "Entity");
    const chartsOf = (name: string) => {
      const entity = entities.find((e) => childText(e, "Name") === name)!;
      expect(childElements(entity).map((c) => c.nodeName)).toEqual(["Name", "EntityInfo", "FormXml", "SavedQueries", "Visualizations", "RibbonDiffXml"]);
      return childElements(firstChild(entity, "Visualizations")!, "visualization").map((v) => childText(v, "savedqueryvisualizationid"));
    };
    expect(chartsOf("Lead")).toHaveLength(3);
    expect(chartsOf("Opportunity")).toEqual(["{E89F1E4E-2905-4F0B-B1A0-9BF679356B27}"]);
    const dashboards = childElements(firstChild(customizations, "Dashboards")!, "Dashboard");
    expect(dashboards.map((d) => childText(d, "FormId"))).toEqual(["{826fdcd9-fc0b-4cf9-9188-543c7f813196}"]);
    // <Dashboards> sits where CustomizationsSolution.xsd puts it: after the entities and roles, before web resources.
    const order = childElements(customizations).map((c) => c.nodeName);
    expect(order.indexOf("Dashboards")).toBeGreaterThan(order.indexOf("Roles"));
    expect(order.indexOf("Dashboards")).toBeLessThan(order.indexOf("WebResources") < 0 ? order.length : order.indexOf("WebResources"));
    // The split files' xmlns:xsi is not repeated inside the merged document.
    expect(dashboards[0]!.hasAttribute("xmlns:xsi")).toBe(false);
  });

  it("unpack gives back the same files", async () => {
    const { root, zipFile } = await pack(files);
    const target = join(root, "unpacked");
    await unpackSolution({ zipFile, folder: target });
    const unpacked = await listFiles(target);
    for (const [path, text] of Object.entries(files)) {
      expect(unpacked).toContain(path);
      const actual = await fs.readFile(join(target, ...path.split("/")), "utf8");
      expect(canonicalXml(actual, path)).toBe(canonicalXml(text, path));
    }
    expect(unpacked.filter((f) => f.includes("/Visualizations/") || f.startsWith("Dashboards/")).sort()).toEqual(
      Object.keys(files).filter((f) => f.includes("/Visualizations/") || f.startsWith("Dashboards/")).sort(),
    );
  });

  it("refuses a chart file whose name is not its id, and one that is not a <visualization>", async () => {
    const [path, text] = Object.entries(files).find(([f]) => f.includes("/Visualizations/"))!;
    const renamed = path.replace(/\{[^}]+\}/, "{00000000-0000-0000-0000-000000000001}");
    await expect(pack({ ...files, [path]: null, [renamed]: text })).rejects.toThrow(SolutionPackagerError);
    await expect(pack({ ...files, [path]: text.replace(/visualization>/g, "chart>").replace("<visualization ", "<chart ") })).rejects.toThrow(
      /expected a <visualization> root element/,
    );
  });
});
