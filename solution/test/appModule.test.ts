/**
 * The model-driven app *Commerce B2B onboarding* and its site map, and the display conditions of our main
 * forms: the app lists exactly what this solution ships, only the Commerce B2B approver role gets it, and our
 * forms never become anyone's default or fallback main form outside that role.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLSerializer, type Element } from "@xmldom/xmldom";
import JSZip from "jszip";
import { SupportedLanguages } from "../../core/src";
import { listFiles } from "../../tools/build/fileTree";
import { childElements, childText, firstChild, parseXml } from "../../tools/build/xml";
import { ComponentType, declaredRootComponents } from "./helpers/components";
import { hasReference, referenceDir, referenceSkipNote, solutionSource } from "./helpers/paths";
import { labelsByLanguage, normalizeId, readSource, readViews, solutionManifest, viewNamed } from "./helpers/source";
import { validateSiteMap } from "./helpers/xsd";

const APP = "cb2b_CommerceB2BOnboarding";
const APP_FILE = `AppModules/${APP}/AppModule.xml`;
const SITE_MAP_FILE = `AppModuleSiteMaps/${APP}/AppModuleSiteMap.xml`;
const TABLES = ["lead", "opportunity", "account", "contact"];

const app = readSource(APP_FILE).documentElement!;
const siteMapComponent = readSource(SITE_MAP_FILE).documentElement!;
const approverRole = readSource("Roles/Commerce B2B approver.xml").documentElement!;
const approverRoleId = normalizeId(approverRole.getAttribute("id") ?? "");

const mainFormFiles = listFiles(solutionSource).filter((f) => /^Entities\/[^/]+\/FormXml\/main\/[^/]+\.xml$/.test(f));

function mainForms(): { file: string; id: string; form: Element; systemform: Element }[] {
  return mainFormFiles.flatMap((file) =>
    childElements(readSource(file).documentElement!, "systemform").map((systemform) => ({
      file,
      id: normalizeId(childText(systemform, "formid") ?? ""),
      form: firstChild(systemform, "form")!,
      systemform,
    })),
  );
}

interface AppComponent {
  type: number;
  key: string;
}

function appComponents(): AppComponent[] {
  return childElements(firstChild(app, "AppModuleComponents")!, "AppModuleComponent").map((c) => {
    const id = c.getAttribute("id");
    return { type: Number(c.getAttribute("type")), key: id ? normalizeId(id) : (c.getAttribute("schemaName") ?? "").toLowerCase() };
  });
}

/** The system charts (Entities/<table>/Visualizations) and dashboards (Dashboards/) the solution ships. */
const chartIds = () =>
  listFiles(solutionSource)
    .filter((f) => /^Entities\/[^/]+\/Visualizations\/[^/]+\.xml$/.test(f))
    .map((f) => normalizeId(childText(readSource(f).documentElement!, "savedqueryvisualizationid") ?? ""))
    .sort();
const dashboardIds = () =>
  listFiles(solutionSource)
    .filter((f) => /^Dashboards\/[^/]+\.xml$/.test(f))
    .map((f) => normalizeId(childText(readSource(f).documentElement!, "FormId") ?? ""));

const keysOfType = (components: AppComponent[], type: number) =>
  components
    .filter((c) => c.type === type)
    .map((c) => c.key)
    .sort();

describe("the Commerce B2B onboarding app", () => {
  it("is named and described in English and Finnish", () => {
    expect(childText(app, "UniqueName")).toBe(APP);
    const names = labelsByLanguage(firstChild(app, "LocalizedNames"), "LocalizedName");
    expect(names.get(1033)).toBe("Commerce B2B onboarding");
    expect(names.get(1035)).toBe("Commerce B2B -perehdytys");
    const descriptions = labelsByLanguage(firstChild(app, "Descriptions"), "Description");
    expect([...descriptions.keys()].sort()).toEqual([...SupportedLanguages]);
    for (const text of descriptions.values()) expect(text.trim()).not.toBe("");
  });

  it("is a Unified Interface app with the platform's default app icon", () => {
    expect(childText(app, "ClientType")).toBe("4");
    expect(childText(app, "WebResourceId")).toBe("953b9fac-1e5e-e611-80d6-00155ded156f");
  });

  it("lists exactly the Sales tables, our views, charts, main forms and dashboard, and its site map", () => {
    const components = appComponents();
    expect(keysOfType(components, ComponentType.Entity)).toEqual([...TABLES].sort());
    expect(keysOfType(components, ComponentType.SavedQuery)).toEqual(readViews().map((v) => v.id).sort());
    expect(keysOfType(components, ComponentType.SystemForm)).toEqual([...mainForms().map((f) => f.id), ...dashboardIds()].sort());
    expect(keysOfType(components, ComponentType.SavedQueryVisualization)).toEqual(chartIds());
    expect(keysOfType(components, ComponentType.SiteMap)).toEqual([APP.toLowerCase()]);
    // Real exports list no custom controls in an app: the control comes with the forms that use it.
    expect([...new Set(components.map((c) => c.type))].sort((a, b) => a - b)).toEqual([
      ComponentType.Entity,
      ComponentType.SavedQuery,
      ComponentType.SavedQueryVisualization,
      ComponentType.SystemForm,
      ComponentType.SiteMap,
    ]);
    expect(new Set(components.map((c) => `${c.type}:${c.key}`)).size).toBe(components.length);
  });

  it("is shared with the Commerce B2B approver role only", () => {
    const roles = childElements(firstChild(app, "AppModuleRoleMaps")!, "Role").map((r) => normalizeId(r.getAttribute("id") ?? ""));
    expect(approverRole.getAttribute("name")).toBe("Commerce B2B approver");
    expect(roles).toEqual([approverRoleId]);
  });

  it("is declared in Solution.xml with its site map, and its icon as a missing dependency, as exports do", () => {
    const manifest = solutionManifest();
    const declared = declaredRootComponents(manifest);
    expect(declared).toEqual(
      expect.arrayContaining([
        { type: ComponentType.SiteMap, key: APP.toLowerCase(), behavior: "0" },
        { type: ComponentType.AppModule, key: APP.toLowerCase(), behavior: "0" },
      ]),
    );
    const icon = childElements(firstChild(manifest, "MissingDependencies")!, "MissingDependency").find(
      (md) => firstChild(md, "Dependent")!.getAttribute("type") === String(ComponentType.AppModule),
    );
    expect(icon && firstChild(icon, "Required")!.getAttribute("schemaName")).toBe("msdyn_/Images/AppModule_Default_Icon.png");
    expect(icon && firstChild(icon, "Dependent")!.getAttribute("schemaName")).toBe(APP);
  });
});

describe("its site map", () => {
  const siteMap = firstChild(siteMapComponent, "SiteMap")!;
  const areas = childElements(siteMap, "Area");
  const subAreas = Array.from(siteMap.getElementsByTagName("SubArea"));

  it("belongs to the app and has one area", () => {
    expect(childText(siteMapComponent, "SiteMapUniqueName")).toBe(APP);
    expect(areas).toHaveLength(1);
  });

  const tableSubAreas = subAreas.filter((s) => s.hasAttribute("Entity"));

  it("opens the onboarding dashboard first, as a dashboard subarea of a real export does", () => {
    const dashboard = subAreas[0]!;
    expect(dashboard.hasAttribute("Entity")).toBe(false);
    expect(dashboard.getAttribute("Url")).toBe("/workplace/home_dashboards.aspx");
    expect(normalizeId(dashboard.getAttribute("DefaultDashboard") ?? "")).toBe(dashboardIds()[0]);
    expect(subAreas.slice(1)).toEqual(tableSubAreas);
  });

  it("opens Commerce B2B leads, opportunities, accounts and contacts, in that order", () => {
    expect(tableSubAreas.map((s) => s.getAttribute("Entity"))).toEqual(TABLES);
  });

  it("opens the lead page on the All Commerce B2B leads view", () => {
    const url = new URL(tableSubAreas[0]!.getAttribute("Url") ?? "", "https://org.example");
    expect(url.pathname).toBe("/main.aspx");
    expect(url.searchParams.get("pagetype")).toBe("entitylist");
    expect(url.searchParams.get("etn")).toBe("lead");
    expect(normalizeId(url.searchParams.get("viewid") ?? "")).toBe(viewNamed(readViews(), "All Commerce B2B leads").id);
    expect(url.searchParams.get("viewtype")).toBe("1039");
  });

  it("titles the area, every group and every subarea in English and Finnish", () => {
    const titled = [...areas, ...Array.from(siteMap.getElementsByTagName("Group")), ...subAreas];
    expect(titled.length).toBe(1 + 3 + 5);
    for (const element of titled) {
      const titles = childElements(firstChild(element, "Titles")!, "Title").filter((t) => (t.getAttribute("Title") ?? "").trim() !== "");
      expect({ id: element.getAttribute("Id"), languages: titles.map((t) => Number(t.getAttribute("LCID"))).sort() }).toEqual({
        id: element.getAttribute("Id"),
        languages: [...SupportedLanguages],
      });
    }
    expect(labelsByLanguage(firstChild(siteMapComponent, "LocalizedNames"), "LocalizedName").get(1035)).toBe("Commerce B2B -perehdytys");
  });
});

(hasReference ? describe : describe.skip)(`site map against SiteMapType.xsd${referenceSkipNote}`, () => {
  const serialize = (element: Element) => new XMLSerializer().serializeToString(element);

  it("validates", async () => {
    const result = await validateSiteMap(serialize(firstChild(siteMapComponent, "SiteMap")!), SITE_MAP_FILE);
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("is checked for real: a subarea without its Id is refused", async () => {
    const broken = serialize(firstChild(siteMapComponent, "SiteMap")!).replace(' Id="cb2b_Contacts"', "");
    const result = await validateSiteMap(broken, SITE_MAP_FILE);
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.rawMessage).join("\n")).toMatch(/'Id' is required/);
  });

  it("is checked the same way as a real export's site map, which validates", async () => {
    const zipFile = join(referenceDir, "solutions", "cdsifyintegrationtests.zip");
    expect(existsSync(zipFile)).toBe(true);
    const zip = await JSZip.loadAsync(readFileSync(zipFile));
    const customizations = parseXml((await zip.file("customizations.xml")!.async("string")).replace(/^\uFEFF/, ""), "customizations.xml");
    const exported = customizations.documentElement!.getElementsByTagName("AppModuleSiteMap")[0]!;
    const result = await validateSiteMap(serialize(firstChild(exported, "SiteMap")!), "cdsifyintegrationtests.zip");
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  });
});

describe("main form display conditions", () => {
  it("cover our four main forms", () => {
    expect(mainForms().map((f) => f.file.split("/")[1]).sort()).toEqual(["Account", "Contact", "Lead", "Opportunity"]);
  });

  it.each(mainFormFiles)("%s: shown to Commerce B2B approvers only, never the fallback, after Sales' own forms", (file) => {
    for (const { form, systemform } of mainForms().filter((f) => f.file === file)) {
      const conditions = childElements(form, "DisplayConditions");
      expect(conditions).toHaveLength(1);
      const condition = conditions[0]!;
      expect(condition.getAttribute("FallbackForm")).toBe("false");
      // Sales numbers its own forms from 0 (form order); ours sorts after any of them.
      expect(Number(condition.getAttribute("Order"))).toBeGreaterThanOrEqual(10000);
      expect(childElements(condition, "Everyone")).toEqual([]);
      expect(childElements(condition, "Role").map((r) => normalizeId(r.getAttribute("Id") ?? ""))).toEqual([approverRoleId]);
      expect(childElements(condition, "Role")[0]!.getAttribute("Id")).toMatch(/^\{[0-9a-f-]{36}\}$/i);
      expect(childText(systemform, "IsDefault") ?? "0").not.toMatch(/^(1|true)$/i);
    }
  });
});
