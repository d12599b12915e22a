/**
 * @jest-environment jsdom
 */
/**
 * A chart on a view, as the Sales Hub computes it: the combined aggregate query (the view's filters and
 * joins, the chart's columns), the points from the aggregate rows, and the drawing, whose labels a
 * partner may have typed and which must show as text.
 */
import * as React from "react";
import { render } from "@testing-library/react";
import { readChartDefinition, type ChartDefinition } from "./chartDefinition";
import { chartData } from "./chartData";
import { chartOnViewFetchXml } from "./chartQuery";
import { ChartView } from "./ChartView";

const VIEW = `<fetch version="1.0" mapping="logical" count="50" page="2" returntotalrecordcount="true">
  <entity name="lead">
    <attribute name="fullname" /><attribute name="createdon" /><order attribute="createdon" descending="false" />
    <filter type="and"><condition attribute="statecode" operator="eq" value="0" /></filter>
    <link-entity name="systemuser" from="systemuserid" to="ownerid" alias="owner"><attribute name="fullname" /><order attribute="fullname" /></link-entity>
  </entity>
</fetch>`;

const CHART = `<fetch mapping="logical" aggregate="true">
  <entity name="lead">
    <attribute name="msdyn_b2bprospectstatus" groupby="true" alias="status" />
    <attribute name="leadid" aggregate="count" alias="n" />
    <filter type="and"><condition attribute="msdyn_b2bcommerceprospect" operator="eq" value="1" /></filter>
  </entity>
</fetch>`;

const definition = (fetch: string, categories: string, series: string): ChartDefinition =>
  readChartDefinition({
    savedqueryvisualizationid: "c1",
    name: "Chart",
    primaryentitytypecode: "lead",
    datadescription: `<datadefinition><fetchcollection>${fetch}</fetchcollection><categorycollection>${categories}</categorycollection></datadefinition>`,
    presentationdescription: `<Chart Palette="None" PaletteCustomColors="91,151,213; 213,112,44; bad"><Series>${series}</Series></Chart>`,
  });

describe("the query a chart runs on a view", () => {
  it("keeps the view's filters and joins, drops its columns, orders and paging, and adds the chart's aggregate", () => {
    const doc = new DOMParser().parseFromString(chartOnViewFetchXml(VIEW, CHART), "text/xml");
    const fetch = doc.documentElement;
    expect(fetch.getAttribute("aggregate")).toBe("true");
    for (const paging of ["count", "page", "returntotalrecordcount"]) expect(fetch.hasAttribute(paging)).toBe(false);
    const entity = fetch.getElementsByTagName("entity")[0]!;
    const direct = Array.from(entity.children).map((c) => `${c.tagName}:${c.getAttribute("alias") ?? c.getAttribute("name") ?? ""}`);
    expect(direct).toEqual(["filter:", "link-entity:owner", "attribute:status", "attribute:n", "filter:"]);
    expect(entity.getElementsByTagName("link-entity")[0]!.children).toHaveLength(0);
  });

  it("refuses a chart of another table, and a join alias both use", () => {
    expect(() => chartOnViewFetchXml(VIEW, CHART.replace('entity name="lead"', 'entity name="opportunity"'))).toThrow(/queries 'opportunity'/);
    expect(() => chartOnViewFetchXml(VIEW, CHART.replace("</entity>", '<link-entity name="systemuser" from="systemuserid" to="ownerid" alias="owner" /></entity>'))).toThrow(/both join as 'owner'/);
  });
});

describe("chart points from aggregate rows", () => {
  const FV = "@OData.Community.Display.V1.FormattedValue";

  it("one series per measure collection, labelled by the series' LegendText", () => {
    const chart = definition(
      `<fetch aggregate="true"><entity name="lead"><attribute name="msdyn_b2bprospectstatus" groupby="true" alias="s" /><attribute name="leadid" aggregate="count" alias="a" /><attribute name="leadid" aggregate="countcolumn" alias="b" /></entity></fetch>`,
      `<category alias="s"><measurecollection><measure alias="a" /></measurecollection><measurecollection><measure alias="b" /></measurecollection></category>`,
      `<Series ChartType="Column" LegendText="First" /><Series ChartType="Column" LegendText="Second" />`,
    );
    expect(chart.palette).toEqual(["rgb(91, 151, 213)", "rgb(213, 112, 44)"]);
    const data = chartData(chart, [{ s: 1, [`s${FV}`]: "Pending", a: 3, b: 2 }], "(blank)");
    expect(data).toEqual({ categories: [{ key: "1", label: "Pending" }], series: [{ key: "a", label: "First", values: [3] }, { key: "b", label: "Second", values: [2] }] });
  });

  it("a comparison chart's series are the second groupby's values; an empty value is (blank)", () => {
    const chart = definition(
      `<fetch aggregate="true"><entity name="lead"><attribute name="modifiedon" groupby="true" dategrouping="week" alias="w" /><attribute name="msdyn_b2bprospectstatus" groupby="true" alias="d" /><attribute name="leadid" aggregate="count" alias="n" /></entity></fetch>`,
      `<category alias="w"><measurecollection><measure alias="n" /></measurecollection></category>`,
      `<Series ChartType="StackedColumn" />`,
    );
    expect(chart.seriesGroupAlias).toBe("d");
    const rows = [
      { w: 10, d: 2, [`d${FV}`]: "Rejected", n: 1 },
      { w: 11, d: 1, [`d${FV}`]: "Approved", n: 2 },
      { w: 11, d: null, n: 4 },
    ];
    expect(chartData(chart, rows, "(blank)")).toEqual({
      categories: [
        { key: "10", label: "10" },
        { key: "11", label: "11" },
      ],
      series: [
        { key: "2", label: "Rejected", values: [1, 0] },
        { key: "1", label: "Approved", values: [0, 2] },
        { key: "", label: "(blank)", values: [0, 4] },
      ],
    });
  });
});

describe("drawing a chart", () => {
  const hostile = [`<img src=x onerror="window.__pwned=1">Acme`, `"><script>window.__pwned=2</script>`];

  it("shows labels and legends a partner typed as literal text, never as markup", () => {
    const chart = definition(CHART, `<category alias="status"><measurecollection><measure alias="n" /></measurecollection></category>`, `<Series ChartType="Pie" />`);
    const data = { categories: hostile.map((label, i) => ({ key: String(i), label })), series: [{ key: "n", label: "Leads", values: [3, 4] }] };
    const { container } = render(<ChartView definition={chart} data={data} title={hostile[0]} languageId={1033} width={400} height={300} />);
    expect(container.querySelector("img, script")).toBeNull();
    for (const label of hostile) expect(container.textContent).toContain(label);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("says so when there is nothing to draw, and names a chart type it does not draw", async () => {
    const chart = definition(CHART, `<category alias="status"><measurecollection><measure alias="n" /></measurecollection></category>`, `<Series ChartType="Funnel" />`);
    const empty = render(<ChartView definition={chart} data={{ categories: [], series: [] }} title="t" languageId={1035} width={400} height={300} />);
    expect(empty.container.textContent).toBe("Ei tietoja");
    const funnel = render(
      <ChartView definition={chart} data={{ categories: [{ key: "1", label: "a" }], series: [{ key: "n", label: "n", values: [1] }] }} title="t" languageId={1033} width={400} height={300} />,
    );
    // MessageBar renders its text a moment later (for screen readers).
    expect(await funnel.findByText("The sandbox does not draw Funnel charts.")).toBeTruthy();
  });
});
