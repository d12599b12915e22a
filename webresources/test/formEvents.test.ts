/**
 * Our scripts on our own main forms (*Commerce B2B lead*, *Commerce B2B opportunity*): the form
 * libraries and event handlers in their FormXml, checked against FormXml.xsd and against what the
 * built scripts publish.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { validateXML } from "xmllint-wasm";
import { relaxFormParameters } from "../../solution/test/helpers/xsd";
import * as LeadFormEntry from "../src/lead/LeadForm";
import * as OpportunityFormEntry from "../src/opportunity/OpportunityForm";
import { QualificationColumns } from "../src/lead/LeadForm";
import { WebResourceFolder } from "../build";

const repo = path.resolve(__dirname, "..", "..");
const schemaDir = path.resolve(repo, "..", "shared", "reference", "schemas", "libxml2-compat");
const hasSchemas = fs.existsSync(path.join(schemaDir, "FormXml.xsd"));
const skipNote = hasSchemas ? "" : " (skipped: ../shared/reference not found)";

const FORMS = {
  lead: {
    file: "solution/src/Entities/Lead/FormXml/main/{247a2a0b-e0fb-4bb0-ad50-ec0d6ea98fa7}.xml",
    library: `${WebResourceFolder}/LeadForm.js`,
    namespace: "Cb2b.LeadForm",
    module: LeadFormEntry as Record<string, unknown>,
    events: [
      { name: "onload", functionName: "Cb2b.LeadForm.onLoad" },
      // The review deadline has its own OnLoad handler, so the Commerce notification never waits on its reads.
      { name: "onload", functionName: "Cb2b.LeadForm.onLoadReviewDeadline" },
      { name: "onsave", functionName: "Cb2b.LeadForm.onSave" },
      ...QualificationColumns.map((attribute) => ({ name: "onchange", attribute, functionName: "Cb2b.LeadForm.onQualificationColumnChange" })),
    ],
  },
  opportunity: {
    file: "solution/src/Entities/Opportunity/FormXml/main/{a1393264-2959-4488-b03d-1914ab5fa2c3}.xml",
    library: `${WebResourceFolder}/OpportunityForm.js`,
    namespace: "Cb2b.OpportunityForm",
    module: OpportunityFormEntry as Record<string, unknown>,
    events: [{ name: "onload", functionName: "Cb2b.OpportunityForm.onLoad" }],
  },
} as const;

const read = (file: string) => fs.readFileSync(path.join(repo, file), "utf8");
const elements = (root: Element, name: string) => Array.from(root.getElementsByTagName(name)) as Element[];
const formOf = (xml: string) => {
  const start = xml.indexOf("<form>");
  const end = xml.indexOf("</form>") + "</form>".length;
  return xml.slice(start, end);
};

describe.each(Object.entries(FORMS))("%s main form", (_entity, spec) => {
  const root = new DOMParser().parseFromString(read(spec.file), "text/xml").documentElement as unknown as Element;
  const form = elements(root, "form")[0];

  (hasSchemas ? it : it.skip)(`validates against FormXml.xsd${skipNote}`, async () => {
    const schema = (name: string) => ({ fileName: name, contents: fs.readFileSync(path.join(schemaDir, name), "utf8") });
    const formXsd = schema("FormXml.xsd");
    const result = await validateXML({
      xml: { fileName: "form.xml", contents: formOf(read(spec.file)) },
      schema: { fileName: "FormXml.xsd", contents: relaxFormParameters(formXsd.contents) },
      preload: ["RibbonCore.xsd", "RibbonTypes.xsd", "RibbonWSS.xsd"].map(schema),
    });
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  });

  it("loads our script as its form library", () => {
    const libraries = elements(elements(form, "formLibraries")[0], "Library");
    expect(libraries.map((l) => l.getAttribute("name"))).toEqual([spec.library]);
    expect(libraries[0].getAttribute("libraryUniqueId")).toMatch(/^\{[0-9a-f-]{36}\}$/);
  });

  it("runs our handlers on the events they are written for, with the execution context", () => {
    const events = elements(elements(form, "events")[0], "event").flatMap((event) => {
      const handlers = elements(event, "Handler");
      expect(handlers.length).toBeGreaterThan(0);
      return handlers.map((handler) => {
        expect(handler.getAttribute("libraryName")).toBe(spec.library);
        expect(handler.getAttribute("passExecutionContext")).toBe("true");
        expect(handler.getAttribute("enabled")).toBe("true");
        expect(handler.getAttribute("handlerUniqueId")).toMatch(/^\{[0-9a-f-]{36}\}$/);
        const attribute = event.getAttribute("attribute");
        return { name: event.getAttribute("name"), ...(attribute ? { attribute } : {}), functionName: handler.getAttribute("functionName") };
      });
    });
    expect(events).toEqual(spec.events);
    for (const { functionName } of spec.events) {
      expect(functionName.startsWith(`${spec.namespace}.`)).toBe(true);
      expect(typeof spec.module[functionName.slice(spec.namespace.length + 1)]).toBe("function");
    }
  });

  it("has a control for every column an OnChange handler watches", () => {
    const bound = new Set(elements(form, "control").map((c) => c.getAttribute("datafieldname")));
    for (const event of spec.events) if ("attribute" in event) expect(bound).toContain(event.attribute);
  });
});
