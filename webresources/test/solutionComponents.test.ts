/**
 * The solution components this folder ships: web resource metadata, the lead and opportunity
 * RibbonDiffXml, the approver role and the environment variable definition. Schema checks use
 * ../shared/reference and skip with a note when it is absent.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { validateXML } from "xmllint-wasm";
import { ApproverRoleName, EnvironmentVariables } from "../../core/src";
import { validateAgainst } from "../../solution/test/helpers/xsd";
import { WebResourceEntries, WebResourceFolder, buildWebResources } from "../build";
import { SalesLibraries } from "../src/shared/salesActions";

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
const OVERRIDDEN = {
  lead: ["Mscrm.Form.lead.ConvertQuick", "Mscrm.HomepageGrid.lead.ConvertQuick", "Mscrm.Form.lead.DisqualifyAs"],
  opportunity: [
    "Mscrm.Form.opportunity.MarkAsWon",
    "Mscrm.HomepageGrid.opportunity.MarkAsWon",
    "Mscrm.Form.opportunity.MarkAsLost",
    "Mscrm.HomepageGrid.opportunity.MarkAsLost",
  ],
} as const;
const SCRIPT_OF = { lead: "LeadForm", opportunity: "OpportunityForm" } as const;
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
  let published: Record<string, Record<string, Record<string, unknown>>>;

  beforeAll(async () => {
    // The functions the XML names must exist in the built scripts, under the names the XML uses.
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "cb2b-ribbon-"));
    try {
      await buildWebResources(outDir);
      published = {};
      for (const name of Object.keys(WebResourceEntries)) {
        const sandbox: Record<string, unknown> = {};
        vm.runInNewContext(fs.readFileSync(path.join(outDir, WebResourceFolder, `${name}.js`), "utf8"), sandbox);
        published[name] = sandbox.Cb2b as Record<string, Record<string, unknown>>;
      }
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });

  it.each(Object.keys(RIBBONS) as (keyof typeof RIBBONS)[])("%s overrides exactly the Sales commands the issue names", (entity) => {
    const root = parse(read(RIBBONS[entity]));
    expect(elements(root, "CommandDefinition").map((c) => c.getAttribute("Id"))).toEqual([...OVERRIDDEN[entity]]);
    expect(elements(root, "CustomAction")).toHaveLength(0);
  });

  it.each(Object.keys(RIBBONS) as (keyof typeof RIBBONS)[])(
    "%s: every command loads Sales' library first, then calls a function our script publishes",
    (entity) => {
      const root = parse(read(RIBBONS[entity]));
      for (const command of elements(root, "CommandDefinition")) {
        const actions = elements(command, "JavaScriptFunction");
        expect(actions[0].getAttribute("FunctionName")).toBe("isNaN");
        expect(actions[0].getAttribute("Library")).toBe(`$webresource:${SalesLibraries[entity]}`);
        expect(actions).toHaveLength(2);
      }
      for (const call of [...elements(root, "JavaScriptFunction"), ...elements(root, "CustomRule")]) {
        const fn = call.getAttribute("FunctionName") as string;
        if (fn === "isNaN") continue;
        expect(call.getAttribute("Library")).toBe(`$webresource:${WebResourceFolder}/${SCRIPT_OF[entity]}.js`);
        const [namespace, member, method] = fn.split(".");
        expect(namespace).toBe("Cb2b");
        expect(typeof published[SCRIPT_OF[entity]][member]?.[method]).toBe("function");
      }
    },
  );

  it.each(Object.keys(RIBBONS) as (keyof typeof RIBBONS)[])("%s: every rule a command uses is defined in the same file", (entity) => {
    const root = parse(read(RIBBONS[entity]));
    const definitions = elements(root, "RuleDefinitions")[0];
    const defined = new Set(
      [...elements(definitions, "EnableRule"), ...elements(definitions, "DisplayRule")].map((r) => r.getAttribute("Id")),
    );
    for (const command of elements(root, "CommandDefinition")) {
      for (const reference of [...elements(command, "EnableRule"), ...elements(command, "DisplayRule")]) {
        expect(defined).toContain(reference.getAttribute("Id"));
      }
    }
  });

  it("enable rules that decide on Commerce data are our Promise-returning functions", () => {
    const customRules = Object.values(RIBBONS).flatMap((file) => elements(parse(read(file)), "CustomRule"));
    expect(customRules.map((rule) => rule.getAttribute("FunctionName"))).toEqual([
      "Cb2b.LeadCommands.qualifyEnabled",
      "Cb2b.OpportunityCommands.closeAsWonEnabled",
      "Cb2b.OpportunityCommands.closeAsLostEnabled",
    ]);
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

  it("is the role the scripts check, with its own id", () => {
    expect(root.getAttribute("name")).toBe(ApproverRoleName);
    expect(root.getAttribute("id")).toMatch(GUID);
  });

  it.each(["Lead", "Opportunity", "Account", "Contact"])("reads every %s", (entity) => {
    expect(privileges.get(`prvRead${entity}`)).toBe("Global");
  });

  it("can do what winning needs (update the opportunity, create the opportunity close) and read the switch", () => {
    for (const name of ["prvWriteOpportunity", "prvAppendOpportunity", "prvCreateActivity", "prvAppendActivity", "prvAppendToOpportunity"]) {
      expect(privileges.has(name)).toBe(true);
    }
    expect(privileges.get("prvReadEnvironmentVariableDefinition")).toBe("Global");
    expect(privileges.get("prvReadEnvironmentVariableValue")).toBe("Global");
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
