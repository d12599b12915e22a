/** @jest-environment jsdom */
import { render } from "@testing-library/react";
import type * as React from "react";
import { handOffCellRenderers } from "../../../../../controls/HandOffStageCells/src/cellRenderers";
import { RECID } from "../../../../../controls/HandOffStageCells/src/gridCustomizer";
import { translatorFor } from "../../../../../controls/HandOffStageCells/test/resx";
import { columnDataType, linkAliases } from "./columnTypes";
import { customCellElement, rowDataOf, type GridColumn } from "./gridCells";

const FORMATTED = "@OData.Community.Display.V1.FormattedValue";
const FETCH = `<fetch><entity name="lead"><attribute name="fullname"/><link-entity name="opportunity" alias="opp" from="opportunityid" to="qualifyingopportunityid"><link-entity name="account" alias="acct" from="accountid" to="parentaccountid"/></link-entity></entity></fetch>`;

// A Web API row of All Commerce B2B leads, as the fetchXml query answers it: lookups as _x_value, links under their alias.
const row = {
  leadid: "8d1f0b7e-3c4a-4f5e-9a6b-7c8d9e0f1a2b",
  fullname: "Aino Virtanen",
  msdyn_b2bprospectstatus: 192350000,
  [`msdyn_b2bprospectstatus${FORMATTED}`]: "Odottaa",
  msdyn_b2bcommerceprospect: true,
  statecode: 1,
  _ownerid_value: "11111111-1111-4111-8111-111111111111",
  [`_ownerid_value${FORMATTED}`]: "# Dual Write",
  createdon: new Date(Date.now() - 3_600_000).toISOString(),
  "opp.opportunityid": "22222222-2222-4222-8222-222222222222",
  "opp.statecode": 0,
  "opp.createdon": new Date(Date.now() - 1_800_000).toISOString(),
  "acct.accountid": "33333333-3333-4333-8333-333333333333",
  "acct.accountnumber": "CUS-000001",
};

const aliases = linkAliases(FETCH);
const columns: GridColumn[] = ["fullname", "msdyn_b2bprospectstatus", "ownerid"].map((name) => ({
  name,
  dataType: columnDataType("lead", name, aliases),
  isPrimary: name === "fullname",
}));
const hidden = ["msdyn_b2bcommerceprospect", "statecode", "createdon", "opp.opportunityid", "opp.statecode", "opp.createdon", "acct.accountid", "acct.accountnumber", "cont.contactid"];
const customizer = { cellRendererOverrides: handOffCellRenderers(translatorFor(1035), () => new Date()) };

describe("the grid's side of a cell renderer override", () => {
  it("types the columns as the grid keys overrides: option sets, owners, linked columns by their table", () => {
    expect(columns.map((c) => c.dataType)).toEqual(["Text", "OptionSet", "Owner"]);
    expect(columnDataType("lead", "acct.customertypecode", aliases)).toBe("OptionSet");
    expect(columnDataType("lead", "opp.actualclosedate", aliases)).toBe("DateAndTime");
    expect(columnDataType("lead", "parentcontactid", aliases)).toBe("Lookup");
    expect(columnDataType("lead", "somethingelse", aliases)).toBe("Text");
  });

  it("hands the row's record id and every layout column, hidden ones too, raw", () => {
    const data = rowDataOf(row, "leadid", [...columns.map((c) => c.name), ...hidden]) as unknown as Record<string, unknown>;
    expect(data[RECID]).toBe(row.leadid);
    expect(data.ownerid).toBe(row._ownerid_value);
    expect(data["acct.accountnumber"]).toBe("CUS-000001");
    expect(data["cont.contactid"]).toBeNull();
  });

  it("gets the customizer's badge for the prospect status cell, with the grid's formatted value", () => {
    const data = rowDataOf(row, "leadid", [...columns.map((c) => c.name), ...hidden]);
    const element = customCellElement(customizer, columns, 1, row, data, 1035);
    const { container } = render(element as React.ReactElement);
    expect(container.textContent).toBe("Odottaa · Myyntimahdollisuus avoinna");
  });

  it("leaves every other cell, and a cell whose override throws, to the grid", () => {
    const data = rowDataOf(row, "leadid", columns.map((c) => c.name));
    expect(customCellElement(customizer, columns, 0, row, data, 1033)).toBeNull();
    expect(customCellElement(customizer, columns, 2, row, data, 1033)).toBeNull();
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const failing = { cellRendererOverrides: { OptionSet: () => { throw new Error("boom"); } } };
    expect(customCellElement(failing, columns, 1, row, data, 1033)).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
