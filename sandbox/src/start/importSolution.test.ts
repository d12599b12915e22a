import JSZip from "jszip";
import { readSolutionIdentity } from "./importSolution";

async function zipWith(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: "nodebuffer" });
}

describe("reading the solution zip before import", () => {
  it("reads unique name, version and the managed flag, byte order mark and all", async () => {
    const xml =
      '\uFEFF<?xml version="1.0" encoding="utf-8"?><ImportExportXml><SolutionManifest><UniqueName>CommerceB2BOnboarding</UniqueName>' +
      "<Version>1.2.0.0</Version><Managed>1</Managed></SolutionManifest></ImportExportXml>";
    expect(await readSolutionIdentity(await zipWith({ "solution.xml": xml }))).toEqual({
      uniqueName: "CommerceB2BOnboarding",
      version: "1.2.0.0",
      managed: true,
    });
  });

  it("refuses a zip without solution.xml or without a version", async () => {
    await expect(readSolutionIdentity(await zipWith({ "customizations.xml": "<x/>" }))).rejects.toThrow("no solution.xml");
    const noVersion = "<ImportExportXml><SolutionManifest><UniqueName>X</UniqueName></SolutionManifest></ImportExportXml>";
    await expect(readSolutionIdentity(await zipWith({ "solution.xml": noVersion }))).rejects.toThrow("no UniqueName or Version");
  });
});
