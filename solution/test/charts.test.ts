/**
 * The system charts and the *Commerce B2B onboarding* dashboard: names in English and Finnish, data
 * descriptions Microsoft's schemas accept whose measures and categories name the aggregate query's aliases,
 * one presentation series per measure collection, the waiting-time groups as core states them, and a
 * dashboard whose every chart and list points at a chart and view this solution ships for that table.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLSerializer, type Element } from "@xmldom/xmldom";
import { validateXML } from "xmllint-wasm";
import { LeadColumns, SupportedLanguages, WaitingTimeGroups } from "../../core/src";
import { listFiles } from "../../tools/build/fileTree";
import { childElements, childText, firstChild } from "../../tools/build/xml";
import { conditions } from "./helpers/fetch";
import { hasReference, referenceSkipNote, solutionSource } from "./helpers/paths";
import { labelsByLanguage, normalizeId, readSource, readViews } from "./helpers/source";
import { validateAgainst } from "./helpers/xsd";

interface Chart {
  file: string;
  table: string;
  id: string;
  element: Element;
  fetch: Element;
  names: Map<number, string>;
}

const charts: Chart[] = listFiles(solutionSource)
  .filter((f) => /^Entities\/[^/]+\/Visualizations\/[^/]+\.xml$/.test(f))
  .map((file) => {
    const element = readSource(file).documentElement!;
    const definition = firstChild(firstChild(element, "datadescription")!, "datadefinition")!;
    return {
      file,
      table: file.split("/")[1]!.toLowerCase(),
      id: normalizeId(childText(element, "savedqueryvisualizationid") ?? ""),
      element,
      fetch: firstChild(firstChild(definition, "fetchcollection")!, "fetch")!,
      names: labelsByLanguage(firstChild(element, "LocalizedNames"), "LocalizedName"),
    };
  });
const chartNamed = (name: string) => charts.find((c) => c.names.get(1033) === name)!;
const serialize = (element: Element) => new XMLSerializer().serializeToString(element);
const definitionOf = (chart: Chart) => firstChild(firstChild(chart.element, "datadescription")!, "datadefinition")!;
const entityOf = (chart: Chart) => firstChild(chart.fetch, "entity")!;

/** Every `<attribute>` of the fetch, the main entity's and the link-entities', by alias. */
function aliases(chart: Chart): Map<string, Element> {
  const found = new Map<string, Element>();
  for (const attribute of Array.from(entityOf(chart).getElementsByTagName("attribute"))) found.set(attribute.getAttribute("alias") ?? "", attribute);
  return found;
}

describe("system charts", () => {
  it("are the four the issue asks for, named in English and Finnish", () => {
    expect(charts.map((c) => `${c.table}: ${c.names.get(1033)}`).sort()).toEqual([
      "lead: Commerce B2B approvals and rejections per week",
      "lead: Commerce B2B leads awaiting review by waiting time",
      "lead: Commerce B2B leads by prospect status",
      "opportunity: Commerce B2B opportunities by stage of the hand-off",
    ]);
    for (const chart of charts) {
      for (const language of SupportedLanguages) expect(chart.names.get(language)?.trim()).toBeTruthy();
      expect(chart.names.get(1035)).not.toBe(chart.names.get(1033));
      const descriptions = labelsByLanguage(firstChild(chart.element, "Descriptions"), "Description");
      expect([...descriptions.keys()].sort()).toEqual([...SupportedLanguages]);
      expect(chart.file).toContain(`{${chart.id.toUpperCase()}}`);
      expect(childText(chart.element, "isdefault")).toBe("0");
    }
  });

  it.each(charts.map((c) => [c.names.get(1033), c] as const))("%s: an aggregate query of its table whose aliases the categories and measures name", (_name, chart) => {
    expect(chart.fetch.getAttribute("aggregate")).toBe("true");
    expect(entityOf(chart).getAttribute("name")).toBe(chart.table);
    const byAlias = aliases(chart);
    const categories = childElements(firstChild(definitionOf(chart), "categorycollection")!, "category");
    expect(categories).toHaveLength(1);
    const category = byAlias.get(categories[0]!.getAttribute("alias") ?? "");
    expect(category?.getAttribute("groupby")).toBe("true");
    const collections = childElements(categories[0]!, "measurecollection");
    for (const collection of collections) {
      for (const measure of childElements(collection, "measure")) {
        expect(byAlias.get(measure.getAttribute("alias") ?? "")?.getAttribute("aggregate")).toMatch(/^(count|countcolumn)$/);
      }
    }
    // "the number of <Series> elements is the same as the number of <measurecollection> elements" (Sample charts, Multi-Series Chart)
    const series = childElements(firstChild(firstChild(firstChild(chart.element, "presentationdescription")!, "Chart")!, "Series")!, "Series");
    expect(series).toHaveLength(collections.length);
  });

  it.each(charts.filter((c) => c.table === "lead").map((c) => [c.names.get(1033), c] as const))("%s counts Commerce B2B leads only, whatever view it is shown with", (_name, chart) => {
    expect(conditions(entityOf(chart))).toContainEqual({ attribute: LeadColumns.isCommerceB2BProspect, operator: "eq", value: "1" });
  });

  it("the waiting-time chart counts core's three groups: one outer self-join per group, filtered on Created on", () => {
    const chart = chartNamed("Commerce B2B leads awaiting review by waiting time");
    const links = childElements(entityOf(chart), "link-entity");
    expect(
      links.map((link) => ({
        join: `${link.getAttribute("name")}.${link.getAttribute("from")}=${link.getAttribute("to")} ${link.getAttribute("link-type")}`,
        measure: childElements(link, "attribute").map((a) => `${a.getAttribute("aggregate")}(${a.getAttribute("name")}) as ${a.getAttribute("alias")}`),
        conditions: conditions(link),
      })),
    ).toEqual(
      WaitingTimeGroups.map((group) => ({
        join: "lead.leadid=leadid outer",
        measure: [`countcolumn(leadid) as ${group.alias}`],
        conditions: group.conditions.map((c) => ({ ...c })),
      })),
    );
    const legends = childElements(firstChild(firstChild(firstChild(chart.element, "presentationdescription")!, "Chart")!, "Series")!, "Series").map((s) =>
      s.getAttribute("LegendText"),
    );
    // The presentation XML is not localized by Dataverse (only the chart's name is), so each legend carries both languages.
    expect(legends).toEqual(["Under 1 day / Alle 1 päivä", "1–3 days / 1–3 päivää", "Over 3 days / Yli 3 päivää"]);
  });

  it("the weekly chart is a comparison chart: week of the decision, then the decision", () => {
    const chart = chartNamed("Commerce B2B approvals and rejections per week");
    const groupBys = childElements(entityOf(chart), "attribute").filter((a) => a.getAttribute("groupby") === "true");
    expect(groupBys.map((a) => [a.getAttribute("name"), a.getAttribute("dategrouping")])).toEqual([
      [LeadColumns.modifiedOn, "week"],
      [LeadColumns.prospectStatus, null],
    ]);
  });
});

/**
 * Microsoft's visualization data description schema, as published on Learn ("Visualization data description
 * schema", https://learn.microsoft.com/power-apps/developer/model-driven-apps/visualization-data-description-schema;
 * MicrosoftDocs/powerapps-docs: powerapps-docs/developer/model-driven-apps/visualization-data-description-schema.md).
 * Copied as published except the XML Schema namespace, which the page prints as https:// (no validator accepts
 * that); the FetchXML inside <fetch> is not part of it (the page: "FetchXML goes here"), it is checked against Fetch.xsd.
 */
const DATA_DESCRIPTION_XSD = `<?xml version='1.0' encoding='utf-8'?>
<xs:schema attributeFormDefault='unqualified' elementFormDefault='qualified' xmlns:xs='http://www.w3.org/2001/XMLSchema'>
 <xs:element name='datadefinition'>
  <xs:complexType>
   <xs:sequence>
    <xs:element name='fetchcollection'>
     <xs:complexType>
      <xs:sequence>
       <xs:element maxOccurs='unbounded' name='fetch'>
        <xs:complexType><xs:sequence><xs:any processContents='skip' minOccurs='0' maxOccurs='unbounded'/></xs:sequence><xs:anyAttribute processContents='skip'/></xs:complexType>
       </xs:element>
      </xs:sequence>
     </xs:complexType>
    </xs:element>
    <xs:element name='categorycollection'>
     <xs:complexType>
      <xs:sequence>
       <xs:element name='category' type='CategoryType' minOccurs='1' maxOccurs='unbounded' />
      </xs:sequence>
     </xs:complexType>
    </xs:element>
   </xs:sequence>
  </xs:complexType>
 </xs:element>
 <xs:complexType name ='CategoryType'>
  <xs:sequence>
   <xs:element minOccurs='1' maxOccurs='unbounded' name='measurecollection'>
    <xs:complexType>
     <xs:sequence>
      <xs:element minOccurs='1' maxOccurs='unbounded' name='measure'>
       <xs:complexType>
        <xs:attribute name='alias' type='xs:string' use='required' />
       </xs:complexType>
      </xs:element>
     </xs:sequence>
    </xs:complexType>
   </xs:element>
  </xs:sequence>
  <xs:attribute name='alias' type='xs:string' use='optional' />
 </xs:complexType>
</xs:schema>`;

const validateDataDescription = (xml: string, fileName: string) =>
  validateXML({ xml: [{ fileName, contents: xml }], schema: [{ fileName: "VisualizationDataDescription.xsd", contents: DATA_DESCRIPTION_XSD }] });

describe("chart data descriptions against Microsoft's visualization data description schema", () => {
  it.each(charts.map((c) => [c.file, c] as const))("%s validates", async (file, chart) => {
    const result = await validateDataDescription(serialize(definitionOf(chart)), file);
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  });

  it("is checked for real: a measure without its alias is refused", async () => {
    const broken = serialize(definitionOf(charts[0]!)).replace(/<measure alias="[^"]*"/, "<measure");
    expect((await validateDataDescription(broken, "broken")).valid).toBe(false);
  });
});

const dashboardFile = listFiles(solutionSource).find((f) => /^Dashboards\/[^/]+\.xml$/.test(f))!;
const dashboard = readSource(dashboardFile).documentElement!;
const cells = Array.from(dashboard.getElementsByTagName("cell")).filter((cell) => firstChild(cell, "control"));
const parameter = (cell: Element, name: string) => childText(firstChild(firstChild(cell, "control")!, "parameters")!, name) ?? "";

describe("the Commerce B2B onboarding dashboard", () => {
  const views = readViews();

  it("is a dashboard form named in English and Finnish, never the default", () => {
    const names = labelsByLanguage(firstChild(dashboard, "LocalizedNames"), "LocalizedName");
    expect(names.get(1033)).toBe("Commerce B2B onboarding");
    expect(names.get(1035)).toBe("Commerce B2B -perehdytys");
    expect(childText(dashboard, "IsDefault")).toBe("0");
    expect(firstChild(firstChild(dashboard, "FormXml")!, "forms")!.getAttribute("type")).toBe("dashboard");
    expect(dashboardFile).toBe(`Dashboards/${childText(dashboard, "FormId")}.xml`);
  });

  it("shows the four charts on their views and the two review lists", () => {
    const tiles = cells.map((cell) => ({
      mode: parameter(cell, "ChartGridMode"),
      table: parameter(cell, "TargetEntityType"),
      view: views.find((v) => v.id === normalizeId(parameter(cell, "ViewId")))?.names.get(1033),
      chart: charts.find((c) => c.id === normalizeId(parameter(cell, "VisualizationId")))?.names.get(1033),
    }));
    expect(tiles).toEqual([
      { mode: "Chart", table: "lead", view: "All Commerce B2B leads", chart: "Commerce B2B leads by prospect status" },
      { mode: "Chart", table: "lead", view: "Commerce B2B leads awaiting review", chart: "Commerce B2B leads awaiting review by waiting time" },
      { mode: "Chart", table: "lead", view: "All Commerce B2B leads", chart: "Commerce B2B approvals and rejections per week" },
      { mode: "Chart", table: "opportunity", view: "Commerce B2B opportunities", chart: "Commerce B2B opportunities by stage of the hand-off" },
      { mode: "Grid", table: "lead", view: "Commerce B2B leads awaiting review", chart: undefined },
      { mode: "Grid", table: "lead", view: "Commerce B2B leads past the review deadline", chart: undefined },
    ]);
    for (const cell of cells) {
      // A chart and its view belong to the same table (the chart runs on the view's rows).
      const chart = charts.find((c) => c.id === normalizeId(parameter(cell, "VisualizationId")));
      if (chart) expect(chart.table).toBe(parameter(cell, "TargetEntityType"));
    }
  });

  it("labels every tile, section and tab in English and Finnish", () => {
    for (const element of Array.from(dashboard.getElementsByTagName("labels"))) {
      const languages = childElements(element, "label")
        .filter((l) => (l.getAttribute("description") ?? "").trim() !== "")
        .map((l) => Number(l.getAttribute("languagecode")));
      expect(languages.sort()).toEqual([...SupportedLanguages]);
    }
  });
});

(hasReference ? describe : describe.skip)(`charts and dashboard against CustomizationsSolution.xsd and Fetch.xsd${referenceSkipNote}`, () => {
  /** The charts and the dashboard as customizations.xml carries them (pack's layout), in a minimal document. */
  function customizations(mutate: (xml: string) => string = (x) => x): string {
    const byTable = (table: string) =>
      charts
        .filter((c) => c.table === table)
        .map((c) => serialize(c.element).replace(/ xmlns:xsi="[^"]*"/, ""))
        .join("");
    const entity = (name: string, table: string) => `<Entity><Name LocalizedName="${name}" OriginalName="${name}">${name}</Name><Visualizations>${byTable(table)}</Visualizations></Entity>`;
    const dashboardXml = serialize(dashboard).replace(/ xmlns:xsi="[^"]*"/, "");
    return mutate(
      `<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Entities>${entity("Lead", "lead")}${entity("Opportunity", "opportunity")}</Entities>` +
        `<Roles /><Workflows /><FieldSecurityProfiles /><Templates /><EntityMaps /><EntityRelationships /><OrganizationSettings /><optionsets />` +
        `<Dashboards>${dashboardXml}</Dashboards><Languages><Language>1033</Language><Language>1035</Language></Languages></ImportExportXml>`,
    );
  }

  it("validate as customizations.xml carries them", async () => {
    const result = await validateAgainst("CustomizationsSolution.xsd", customizations(), "customizations.xml");
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("are checked for real: a chart without its names, or a dashboard without its FormId, is refused", async () => {
    const noNames = await validateAgainst("CustomizationsSolution.xsd", customizations((x) => x.replace(/<LocalizedNames>[\s\S]*?<\/LocalizedNames>/, "")), "x");
    expect(noNames.valid).toBe(false);
    const noFormId = await validateAgainst("CustomizationsSolution.xsd", customizations((x) => x.replace(/<FormId>[^<]*<\/FormId>/, "")), "x");
    expect(noFormId.valid).toBe(false);
  });

  it.each(charts.map((c) => [c.file, c] as const))("%s: the chart's FetchXML validates against Fetch.xsd", async (file, chart) => {
    const result = await validateAgainst("Fetch.xsd", serialize(chart.fetch), file);
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  });
});

it("the shipped chart files are UTF-8 XML without a BOM, as unpacked source is", () => {
  for (const chart of charts) expect(readFileSync(join(solutionSource, chart.file))[0]).toBe(0x3c);
});
