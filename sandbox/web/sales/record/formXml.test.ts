/** @jest-environment jsdom */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { allControls, boundColumns, parseFormXml } from "./formXml";

/** The solution's own lead form, as the sandbox stores it: the <form> element of the systemform. */
function leadFormXml(): string {
  const file = join(__dirname, "..", "..", "..", "..", "solution", "src", "Entities", "Lead", "FormXml", "main", "{247a2a0b-e0fb-4bb0-ad50-ec0d6ea98fa7}.xml");
  const document = new DOMParser().parseFromString(readFileSync(file, "utf8"), "application/xml");
  return new XMLSerializer().serializeToString(document.getElementsByTagName("form")[0]);
}

describe("formxml parser", () => {
  it("reads tabs, sections and cells with labels in the user's language", () => {
    const english = parseFormXml(leadFormXml(), 1033);
    expect(english.tabs.map((t) => t.label)).toEqual(["Summary"]);
    expect(english.tabs[0].columns.map((c) => c.width)).toEqual(["50%", "50%"]);
    expect(english.tabs[0].columns.flatMap((c) => c.sections.map((s) => s.label))).toEqual(["Partner", "Commerce onboarding"]);
    const partner = english.tabs[0].columns[0].sections[0];
    expect(partner.rows.flat().map((cell) => cell.label).slice(0, 4)).toEqual(["Company name", "First name", "Last name", "Email"]);
    const finnish = parseFormXml(leadFormXml(), 1035);
    expect(finnish.tabs[0].columns[1].sections[0].label).toBe("Commerce-perehdytys");
    expect(finnish.header.map((cell) => cell.label)).toEqual(["Tilan syy", "Omistaja"]);
  });

  it("reads the controls by classid, with header controls named header_<column> and form-disabled controls", () => {
    const form = parseFormXml(leadFormXml(), 1033);
    const controls = allControls(form);
    expect(controls.slice(0, 2).map((c) => [c.id, c.dataFieldName])).toEqual([
      ["header_statuscode", "statuscode"],
      ["header_ownerid", "ownerid"],
    ]);
    const email = controls.find((c) => c.id === "emailaddress1");
    expect(email).toMatchObject({ classId: "{ADA2203E-B4CD-49BE-9DDF-234642B43B52}", disabled: false, custom: undefined });
    expect(controls.find((c) => c.id === "msdyn_b2bcommerceprospect")?.disabled).toBe(true);
  });

  it("attaches the web form factor's code component to its control, with bound and static parameters", () => {
    const form = parseFormXml(leadFormXml(), 1033);
    const prospect = allControls(form).find((c) => c.id === "msdyn_prospectid")!;
    expect(prospect.custom).toEqual({
      name: "cb2b_Cb2b.DualWriteProvenance",
      parameters: [
        { name: "source", type: "SingleLine.Text", isStatic: false, value: "msdyn_prospectid" },
        { name: "commerceB2BProspect", type: "TwoOptions", isStatic: false, value: "msdyn_b2bcommerceprospect" },
        { name: "waitingThresholdMinutes", type: "Whole.None", isStatic: true, value: "30" },
      ],
    });
    expect(boundColumns(prospect)).toEqual(["msdyn_prospectid", "msdyn_prospectid", "msdyn_b2bcommerceprospect"]);
  });

  it("reads the form libraries and the OnLoad, OnSave and per-column OnChange handlers", () => {
    const form = parseFormXml(leadFormXml(), 1033);
    expect(form.libraries).toEqual(["cb2b_/scripts/LeadForm.js"]);
    expect(form.events.map((e) => [e.name, e.attribute ?? null, e.handlers.map((h) => h.functionName)])).toEqual([
      ["onload", null, ["Cb2b.LeadForm.onLoad", "Cb2b.LeadForm.onLoadReviewDeadline"]],
      ["onsave", null, ["Cb2b.LeadForm.onSave"]],
      ["onchange", "companyname", ["Cb2b.LeadForm.onQualificationColumnChange"]],
      ["onchange", "lastname", ["Cb2b.LeadForm.onQualificationColumnChange"]],
      ["onchange", "emailaddress1", ["Cb2b.LeadForm.onQualificationColumnChange"]],
      ["onchange", "transactioncurrencyid", ["Cb2b.LeadForm.onQualificationColumnChange"]],
    ]);
    expect(form.events[0].handlers[0]).toMatchObject({ libraryName: "cb2b_/scripts/LeadForm.js", enabled: true, passExecutionContext: true, parameters: "" });
  });

  it("refuses a document that is not a form", () => {
    expect(() => parseFormXml("<grid/>", 1033)).toThrow("The formxml has no <form> root element.");
  });
});
