import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DOMParser, type Element as XmlElement } from "@xmldom/xmldom";
import { schemasPresent, validateForm } from "./formXsd";

/** Our own main forms carrying the provenance control, as SolutionPackager lays them out. */
const solutionSrc = resolve(__dirname, "../../../solution/src");
const controlName = "cb2b_Cb2b.DualWriteProvenance";
const expectations = [
  { folder: "Lead", bound: "msdyn_prospectid", type: "SingleLine.Text", en: "Commerce B2B lead", fi: "Commercen B2B-liidi" },
  { folder: "Opportunity", bound: "originatingleadid", type: "Lookup.Simple", en: "Commerce B2B opportunity", fi: "Commercen B2B-myyntimahdollisuus" },
  { folder: "Account", bound: "originatingleadid", type: "Lookup.Simple", en: "Commerce B2B account", fi: "Commercen B2B-asiakasyritys" },
  { folder: "Contact", bound: "originatingleadid", type: "Lookup.Simple", en: "Commerce B2B contact", fi: "Commercen B2B-yhteyshenkilö" },
];

function parse(xml: string) {
  return new DOMParser().parseFromString(xml, "text/xml");
}

function formFile(folder: string): { file: string; xml: string } {
  const dir = join(solutionSrc, "Entities", folder, "FormXml", "main");
  const files = readdirSync(dir).filter((f) => f.endsWith(".xml"));
  expect(files).toHaveLength(1);
  return { file: files[0], xml: readFileSync(join(dir, files[0]), "utf8") };
}

const children = (el: XmlElement, tag: string) =>
  Array.from(el.childNodes).filter((n): n is XmlElement => n.nodeType === 1 && (n as XmlElement).tagName === tag);
const text = (el: XmlElement, tag: string) => el.getElementsByTagName(tag)[0]?.textContent ?? null;

describe.each(expectations)("$en main form", ({ folder, bound, type, en, fi }) => {
  const { file, xml } = formFile(folder);
  const doc = parse(xml);
  const systemform = doc.getElementsByTagName("systemform")[0];
  const formid = text(systemform, "formid")!;

  it("is a systemform named in English and Finnish, stored under its own form id", () => {
    expect(doc.documentElement?.tagName).toBe("forms");
    expect(file).toBe(`${formid}.xml`);
    const names = Array.from(systemform.getElementsByTagName("LocalizedName")).map((n) => [n.getAttribute("languagecode"), n.getAttribute("description")]);
    expect(names).toEqual([
      ["1033", en],
      ["1035", fi],
    ]);
    expect(Array.from(systemform.getElementsByTagName("Description")).map((d) => d.getAttribute("languagecode"))).toEqual(["1033", "1035"]);
  });

  it("labels every tab, section and cell in 1033 and 1035", () => {
    for (const labels of Array.from(doc.getElementsByTagName("labels"))) {
      const codes = children(labels, "label").map((l) => l.getAttribute("languagecode"));
      expect(codes).toEqual(["1033", "1035"]);
      for (const label of children(labels, "label")) expect(label.getAttribute("description")).not.toBe("");
    }
  });

  it("holds the provenance control bound to the right column in a Commerce onboarding section, on web, tablet and phone", () => {
    const section = Array.from(doc.getElementsByTagName("section")).find((s) => s.getAttribute("name") === "commerce_onboarding");
    expect(section).toBeDefined();
    const sectionLabels = children(children(section!, "labels")[0], "label").map((l) => l.getAttribute("description"));
    expect(sectionLabels).toEqual(["Commerce onboarding", "Commerce-perehdytys"]);
    const control = section!.getElementsByTagName("control")[0];
    expect(control.getAttribute("datafieldname")).toBe(bound);
    const uniqueid = control.getAttribute("uniqueid");
    const description = Array.from(doc.getElementsByTagName("controlDescription")).find((d) => d.getAttribute("forControl") === uniqueid);
    expect(description).toBeDefined();
    const custom = children(description!, "customControl").filter((c) => c.getAttribute("name") === controlName);
    expect(custom.map((c) => c.getAttribute("formFactor"))).toEqual(["0", "1", "2"]);
    for (const c of custom) {
      const source = c.getElementsByTagName("source")[0];
      expect([source.textContent, source.getAttribute("type")]).toEqual([bound, type]);
      const threshold = c.getElementsByTagName("waitingThresholdMinutes")[0];
      expect([threshold.textContent, threshold.getAttribute("static")]).toEqual(["30", "true"]);
    }
  });

  (schemasPresent ? it : it.skip)("validates against FormXml.xsd (skipped when ../shared/reference is absent)", async () => {
    const form = xml.slice(xml.indexOf("<form>"), xml.indexOf("</form>") + "</form>".length);
    expect(await validateForm(form, file)).toEqual([]);
  });
});

describe("solution registration of the control and the forms", () => {
  const solution = readFileSync(join(solutionSrc, "Other", "Solution.xml"), "utf8");
  const roots = Array.from(parse(solution).getElementsByTagName("RootComponent")).map((r) => ({
    type: r.getAttribute("type"),
    key: r.getAttribute("schemaName") || r.getAttribute("id"),
  }));

  it("lists the control, every form and the account and contact tables as root components", () => {
    expect(roots).toContainEqual({ type: "66", key: controlName });
    for (const { folder } of expectations) {
      const formid = text(parse(formFile(folder).xml).documentElement!, "formid");
      expect(roots).toContainEqual({ type: "60", key: formid });
      expect(roots).toContainEqual({ type: "1", key: folder.toLowerCase() });
    }
  });

  it("declares the control's CustomControl element for the packer", () => {
    const data = parse(readFileSync(join(solutionSrc, "Controls", controlName, "ControlManifest.xml.data.xml"), "utf8")).documentElement!;
    expect(data.tagName).toBe("CustomControl");
    expect([text(data, "Name"), text(data, "FileName")]).toEqual([controlName, `/Controls/${controlName}/ControlManifest.xml`]);
  });

  it("gives each form its own id", () => {
    const ids = expectations.map(({ folder }) => text(parse(formFile(folder).xml).documentElement!, "formid"));
    expect(new Set(ids).size).toBe(ids.length);
  });

  (schemasPresent ? it : it.skip)("has a schema check that rejects a malformed form", async () => {
    expect(await validateForm("<form><tabs /></form>", "broken.xml")).not.toEqual([]);
  });
});
