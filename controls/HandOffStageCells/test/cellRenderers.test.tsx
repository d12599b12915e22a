/**
 * @jest-environment jsdom
 */
import { render } from "@testing-library/react";
import { ProspectStatus } from "../../../core/src/columns";
import { handOffCellRenderers } from "../src/cellRenderers";
import { RECID, type CellRendererProps, type ColumnDataType, type GetRendererParams } from "../src/gridCustomizer";
import { translatorFor } from "./resx";
import { customersSyncing, disqualified, lost, now, openLead, hoursAgo, qualifiedLead, won, type Row } from "./rows";

const statusLabels: Record<1033 | 1035, Record<number, string>> = {
  1033: { [ProspectStatus.Pending]: "Pending", [ProspectStatus.Approved]: "Approved", [ProspectStatus.Rejected]: "Rejected" },
  1035: { [ProspectStatus.Pending]: "Odottaa", [ProspectStatus.Approved]: "Hyväksytty", [ProspectStatus.Rejected]: "Hylätty" },
};

const columns = [
  { name: "fullname", dataType: "Text", isPrimary: true },
  { name: "msdyn_b2bprospectstatus", dataType: "OptionSet", isPrimary: false },
  { name: "statuscode", dataType: "OptionSet", isPrimary: false },
];

/** What the grid does for one cell: look up the override for the column's data type and call it. */
function renderCell(row: Row | undefined, lcid: 1033 | 1035 = 1033, column = "msdyn_b2bprospectstatus", dataType: ColumnDataType = "OptionSet", formattedValue?: string) {
  const overrides = handOffCellRenderers(translatorFor(lcid), () => now);
  const value = row ? row[column] : undefined;
  const props: CellRendererProps = { value, formattedValue: formattedValue ?? (typeof value === "number" ? statusLabels[lcid][value] : undefined), columnDataType: dataType };
  const params: GetRendererParams = { colDefs: columns, columnIndex: columns.findIndex((c) => c.name === column), rowData: row };
  return overrides[dataType]?.(props, params);
}

function shown(row: Row | undefined, lcid: 1033 | 1035 = 1033, formattedValue?: string) {
  const element = renderCell(row, lcid, "msdyn_b2bprospectstatus", "OptionSet", formattedValue);
  if (!element) throw new Error("no badge");
  const { container } = render(element);
  const badge = container.firstElementChild as HTMLElement;
  return { text: badge.textContent ?? "", stage: badge.dataset.stage, title: badge.title, container };
}

describe("the hand-off badge in the prospect status column", () => {
  it.each([
    ["an open lead", openLead(), "leadQualified", "Pending · Awaiting review", "Odottaa · Odottaa tarkistusta"],
    ["a qualified lead whose customers dual-write has not written yet", customersSyncing(0.1), "customersInCommerce", "Pending · Customers syncing to Commerce", "Odottaa · Asiakkaat siirtyvät Commerceen"],
    ["a qualified lead with its customers in Commerce", qualifiedLead(3), "opportunityClosed", "Pending · Opportunity open", "Odottaa · Myyntimahdollisuus avoinna"],
    ["a won lead whose status has not followed", won(ProspectStatus.Pending), "prospectDecided", "Pending · Decision not yet recorded", "Odottaa · Päätöstä ei vielä kirjattu"],
    ["a won and approved lead", won(ProspectStatus.Approved), "approved", "Approved · Hand-off complete", "Hyväksytty · Luovutus valmis"],
    ["a lost and rejected lead", lost(ProspectStatus.Rejected), "rejected", "Rejected · Hand-off ended", "Hylätty · Luovutus päättyi"],
    ["a disqualified and rejected lead", disqualified(ProspectStatus.Rejected), "rejected", "Rejected · Hand-off ended", "Hylätty · Luovutus päättyi"],
    ["a disqualified lead whose status has not followed", disqualified(ProspectStatus.Pending), "prospectDecided", "Pending · Decision not yet recorded", "Odottaa · Päätöstä ei vielä kirjattu"],
    [
      "a lead qualified without an opportunity, account or contact",
      openLead({ statecode: 1 }),
      "incomplete",
      "Pending · Qualification incomplete",
      "Odottaa · Hyväksyntä keskeneräinen",
    ],
  ])("shows %s at its stage, in English and Finnish", (_, row, stage, english, finnish) => {
    const en = shown(row, 1033);
    expect(en.stage).toBe(stage);
    expect(en.text).toBe(english);
    expect(en.title).toBe(`Prospect status: ${english.split(" · ")[0]}. Hand-off: ${english.split(" · ")[1]}.`);
    const fi = shown(row, 1035);
    expect(fi.stage).toBe(stage);
    expect(fi.text).toBe(finnish);
    expect(fi.title).toBe(`Prospektin tila: ${finnish.split(" · ")[0]}. Luovutus: ${finnish.split(" · ")[1]}.`);
  });

  it("marks a lead past the review deadline (48 hours by default) as overdue, and not one inside it", () => {
    expect(shown(openLead({ createdon: hoursAgo(49) })).text).toBe("Overdue Pending · Awaiting review");
    expect(shown(openLead({ createdon: hoursAgo(49) }), 1035).text).toBe("Myöhässä Odottaa · Odottaa tarkistusta");
    expect(shown(openLead({ createdon: hoursAgo(47) })).text).toBe("Pending · Awaiting review");
  });

  it("marks dual-write waits longer than the timeline allows as overdue, as the provenance control warns", () => {
    expect(shown(customersSyncing(1)).text).toBe("Overdue Pending · Customers syncing to Commerce");
    expect(shown(customersSyncing(1)).title).toBe("Overdue: Prospect status: Pending. Hand-off: Customers syncing to Commerce.");
    expect(shown(customersSyncing(0.25)).text).toBe("Pending · Customers syncing to Commerce");
    expect(shown(won(ProspectStatus.Pending, 1)).text).toBe("Overdue Pending · Decision not yet recorded");
    expect(shown(disqualified(ProspectStatus.Pending, 1), 1035).text).toBe("Myöhässä Odottaa · Päätöstä ei vielä kirjattu");
  });

  it("shows a row with missing values without failing: no status, no dates, no links", () => {
    const bare = { [RECID]: "8d1f0b7e-3c4a-4f5e-9a6b-7c8d9e0f1a2b" } as Row;
    expect(shown(bare).text).toBe("No status · Awaiting review");
    expect(shown(bare, 1035).text).toBe("Ei tilaa · Odottaa tarkistusta");
    // Values in the shapes a grid may hold them: numbers as text, dates as Date objects.
    // Values in the shapes a grid may hold them (numbers as text, dates as Date objects); an opportunity
    // without account and contact still waits to be closed.
    const partial = openLead({ statecode: "1", "opp.opportunityid": "22222222-2222-4222-8222-222222222222", "opp.statecode": "0", "opp.createdon": new Date(hoursAgo(3)) });
    expect(shown(partial).stage).toBe("opportunityClosed");
  });

  it("leaves the cell to the grid when the row has no record id or no row data", () => {
    expect(renderCell(undefined)).toBeUndefined();
    expect(renderCell({ msdyn_b2bprospectstatus: ProspectStatus.Pending } as unknown as Row)).toBeUndefined();
  });

  it("shows hostile text literally, never as markup", () => {
    const hostile = `<img src=x onerror="alert(1)">`;
    const result = shown(openLead({ companyname: hostile, fullname: hostile }), 1033, hostile);
    expect(result.text).toBe(`${hostile} · Awaiting review`);
    expect(result.container.querySelector("img")).toBeNull();
  });

  it("returns undefined for every other column, so the grid renders them itself", () => {
    const row = openLead({ statuscode: 1, fullname: "Aino Virtanen" });
    expect(renderCell(row, 1033, "statuscode", "OptionSet", "New")).toBeUndefined();
    expect(renderCell(row, 1033, "fullname", "Text", "Aino Virtanen")).toBeUndefined();
    expect(Object.keys(handOffCellRenderers(translatorFor(1033), () => now))).toEqual(["OptionSet"]);
  });
});
