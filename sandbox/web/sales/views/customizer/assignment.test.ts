/** @jest-environment jsdom */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gridCustomizerName } from "./assignment";

const solutionView = (id: string): string => {
  const xml = readFileSync(join(__dirname, "..", "..", "..", "..", "..", "solution", "src", "Entities", "Lead", "SavedQueries", `{${id}}.xml`), "utf8");
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  return new XMLSerializer().serializeToString(doc.getElementsByTagName("grid")[0]!);
};

const grid = (controls: string) => `<grid name="resultset" jump="fullname"><row name="result" id="leadid"><cell name="fullname" width="200" /></row>${controls}</grid>`;

describe("the customizer a view's grid is assigned", () => {
  it("is read from the shipped All Commerce B2B leads and awaiting-review views", () => {
    expect(gridCustomizerName(solutionView("a3ced4fd-fbcb-4785-bc72-8de44ff0734d"))).toBe("cb2b_Cb2b.HandOffStageCells");
    expect(gridCustomizerName(solutionView("a9875b67-8740-4b7f-a264-1bd46dd5a1ff"))).toBe("cb2b_Cb2b.HandOffStageCells");
  });

  it("is none for a plain view, another grid control, a customizer only on phones, or an empty value", () => {
    const param = (value: string) => `<parameters><GridCustomizerControlFullName static="true" type="SingleLine.Text">${value}</GridCustomizerControlFullName></parameters>`;
    expect(gridCustomizerName(grid(""))).toBeNull();
    expect(gridCustomizerName(grid(`<controlDescriptions><controlDescription><customControl formFactor="0" name="MscrmControls.Grid.PCFGridControl">${param("x_Y.Z")}</customControl></controlDescription></controlDescriptions>`))).toBeNull();
    expect(gridCustomizerName(grid(`<controlDescriptions><controlDescription><customControl formFactor="1" name="Microsoft.PowerApps.PowerAppsOneGrid">${param("x_Y.Z")}</customControl></controlDescription></controlDescriptions>`))).toBeNull();
    expect(gridCustomizerName(grid(`<controlDescriptions><controlDescription><customControl formFactor="0" name="Microsoft.PowerApps.PowerAppsOneGrid">${param(" ")}</customControl></controlDescription></controlDescriptions>`))).toBeNull();
    expect(gridCustomizerName("<grid")).toBeNull();
  });
});
