/**
 * The solution components this folder ships: web resource metadata, the lead and opportunity
 * RibbonDiffXml (empty: we never redefine Sales' commands), the approver role and the environment
 * variable definition. Schema and export checks use ../shared/reference and skip with a note when it
 * is absent.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DOMParser, type Element } from "@xmldom/xmldom";
import JSZip from "jszip";
import { validateXML } from "xmllint-wasm";
import { ApproverRoleName, EnvironmentVariables } from "../../core/src";
import { validateAgainst } from "../../solution/test/helpers/xsd";
import { WebResourceEntries, WebResourceFolder } from "../build";

const repo = path.resolve(__dirname, "..", "..");
const src = path.join(repo, "solution", "src");
const schemaDir = path.resolve(repo, "..", "shared", "reference", "schemas", "libxml2-compat");
const hasSchemas = fs.existsSync(path.join(schemaDir, "RibbonCore.xsd"));
const skipNote = hasSchemas ? "" : " (skipped: ../shared/reference not found)";
const describeWithSchemas = hasSchemas ? describe : describe.skip;

const read = (relative: string) => fs.readFileSync(path.join(src, relative), "utf8");
const parse = (xml: string) => new DOMParser().parseFromString(xml, "text/xml").documentElement as unknown as Element;
const elements = (root: Element, name: string) => Array.from(root.getElementsByTagName(name)) as Element[];
const text = (root: Element, name: string) => elements(root, name)[0]?.textContent ?? null;
/** The element without its XML declaration and xsi namespace, to embed it in a larger document. */
const fragment = (xml: string) => xml.replace(/^\uFEFF?<\?xml[^>]*>\s*/, "").replace(/ xmlns:xsi="[^"]*"/, "");

const RIBBONS = { lead: "Entities/Lead/RibbonDiff.xml", opportunity: "Entities/Opportunity/RibbonDiff.xml" } as const;
/** A real solution export in ../shared/reference whose entity carries an empty RibbonDiffXml. */
const referenceSolution = path.resolve(repo, "..", "shared", "reference", "solutions", "cdsifyintegrationtests.zip");
const hasReferenceSolution = fs.existsSync(referenceSolution);
const referenceSolutionNote = hasReferenceSolution ? "" : " (skipped: ../shared/reference not found)";
const GUID = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/;

function schema(name: string) {
  return { fileName: name, contents: fs.readFileSync(path.join(schemaDir, name), "utf8") };
}

/** RibbonDiff.xml holds an entity's ribbon: validate it as RibbonCore's RibbonEntityDiffXmlType. */
async function validateEntityRibbon(xml: string) {
  const wrapper =
    '<?xml version="1.0" encoding="utf-8"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">' +
    '<xs:include schemaLocation="RibbonCore.xsd" /><xs:element name="EntityRibbon"><xs:complexType><xs:sequence>' +
    '<xs:element name="RibbonDiffXml" type="RibbonEntityDiffXmlType" /></xs:sequence></xs:complexType></xs:element></xs:schema>';
  return validateXML({
    xml: { fileName: "RibbonDiff.xml", contents: `<EntityRibbon>${fragment(xml)}</EntityRibbon>` },
    schema: { fileName: "EntityRibbon.xsd", contents: wrapper },
    preload: ["RibbonCore.xsd", "RibbonTypes.xsd", "RibbonWSS.xsd"].map(schema),
  });
}

describeWithSchemas(`solution components against Microsoft's schemas${skipNote}`, () => {
  it.each(Object.entries(RIBBONS))("%s RibbonDiff.xml validates against RibbonCore.xsd", async (_entity, file) => {
    const result = await validateEntityRibbon(read(file));
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("the web resources and the role validate inside customizations.xml (CustomizationsSolution.xsd)", async () => {
    const webResources = Object.keys(WebResourceEntries).map((name) => fragment(read(`WebResources/${WebResourceFolder}/${name}.js.data.xml`)));
    const xml =
      '<?xml version="1.0" encoding="utf-8"?><ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<Roles>${fragment(read(`Roles/${ApproverRoleName}.xml`))}</Roles><WebResources>${webResources.join("")}</WebResources></ImportExportXml>`;
    const result = await validateAgainst("CustomizationsSolution.xsd", xml, "customizations.xml");
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  });
});

describe("RibbonDiffXml", () => {
  /** Element names (with Id where there is one) in document order: the shape of a diff. */
  const shape = (root: Element): string[] =>
    [root, ...elements(root, "*")].map((e) => (e.getAttribute("Id") ? `${e.nodeName}#${e.getAttribute("Id")}` : e.nodeName));

  it.each(Object.entries(RIBBONS))("%s adds nothing to Sales' command bar and redefines none of its commands", (_entity, file) => {
    const root = parse(read(file));
    for (const name of ["CustomAction", "HideCustomAction", "CommandDefinition", "EnableRule", "DisplayRule", "TabDisplayRule", "LocLabel"]) {
      expect({ name, count: elements(root, name).length }).toEqual({ name, count: 0 });
    }
  });

  (hasReferenceSolution ? it : it.skip)(`has the shape of an empty diff in a real export${referenceSolutionNote}`, async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(referenceSolution));
    const customizations = await zip.file("customizations.xml")!.async("string");
    const exported = elements(parse(customizations), "RibbonDiffXml")[0];
    expect(exported).toBeDefined();
    for (const file of Object.values(RIBBONS)) expect(shape(parse(read(file)))).toEqual(shape(exported));
  });
});

describe("web resource metadata", () => {
  it.each(Object.keys(WebResourceEntries))("%s.js.data.xml describes a JScript web resource at its own path", (name) => {
    const root = parse(read(`WebResources/${WebResourceFolder}/${name}.js.data.xml`));
    expect(root.nodeName).toBe("WebResource");
    expect(text(root, "WebResourceId")).toMatch(GUID);
    expect(text(root, "Name")).toBe(`${WebResourceFolder}/${name}.js`);
    expect(text(root, "WebResourceType")).toBe("3");
    expect(text(root, "FileName")).toBe(`/WebResources/${WebResourceFolder}/${name}.js`);
    expect(text(root, "DisplayName")).toBeTruthy();
    expect(text(root, "Description")).toBeTruthy();
  });

  it("has one metadata file per built script and nothing else", () => {
    const files = fs.readdirSync(path.join(src, "WebResources", ...WebResourceFolder.split("/"))).sort();
    expect(files).toEqual(Object.keys(WebResourceEntries).map((name) => `${name}.js.data.xml`).sort());
  });
});

describe("Commerce B2B approver role", () => {
  const root = parse(read(`Roles/${ApproverRoleName}.xml`));
  const privileges = new Map(elements(root, "RolePrivilege").map((p) => [p.getAttribute("name"), p.getAttribute("level")]));

  it("is the role the webhook checks, with its own id", () => {
    expect(root.getAttribute("name")).toBe(ApproverRoleName);
    expect(root.getAttribute("id")).toMatch(GUID);
  });

  it.each(["Lead", "Opportunity", "Account", "Contact"])("reads every %s", (entity) => {
    expect(privileges.get(`prvRead${entity}`)).toBe("Global");
  });

  // The switch (cb2b_RequireApproverRole) is read by the webhook, not by the form scripts: no reader privilege needed here.
  it("can do what winning needs (update the opportunity, create the opportunity close)", () => {
    for (const name of ["prvWriteOpportunity", "prvAppendOpportunity", "prvCreateActivity", "prvAppendActivity", "prvAppendToOpportunity"]) {
      expect(privileges.has(name)).toBe(true);
    }
  });
});

describe("cb2b_RequireApproverRole environment variable", () => {
  const file = `environmentvariabledefinitions/${EnvironmentVariables.requireApproverRole}/environmentvariabledefinition.xml`;
  const root = parse(read(file));

  it("is a Two options (Boolean) variable that is off unless an admin switches it on", () => {
    expect(root.nodeName).toBe("environmentvariabledefinition");
    expect(root.getAttribute("schemaname")).toBe(EnvironmentVariables.requireApproverRole);
    expect(text(root, "type")).toBe("100000002");
    expect(text(root, "defaultvalue")).toBe("no");
    expect(text(root, "isrequired")).toBe("0");
  });

  it.each(["displayname", "description"])("has its %s in English and Finnish", (name) => {
    const element = elements(root, name)[0];
    const languages = elements(element, "label").map((label) => label.getAttribute("languagecode"));
    expect(languages).toEqual(["1033", "1035"]);
    expect(element.getAttribute("default")).toBe(elements(element, "label")[0].getAttribute("description"));
  });
});

describe("Solution.xml", () => {
  const root = parse(read("Other/Solution.xml"));
  const components = elements(root, "RootComponent").map((c) => ({
    type: c.getAttribute("type"),
    key: c.getAttribute("schemaName") || c.getAttribute("id"),
  }));

  it("lists the web resources (61), the role (20) and the environment variable (380) as root components", () => {
    const roleId = parse(read(`Roles/${ApproverRoleName}.xml`)).getAttribute("id");
    expect(components).toEqual(
      expect.arrayContaining([
        ...Object.keys(WebResourceEntries).map((name) => ({ type: "61", key: `${WebResourceFolder}/${name}.js` })),
        { type: "20", key: roleId },
        { type: "380", key: EnvironmentVariables.requireApproverRole },
      ]),
    );
  });
});
