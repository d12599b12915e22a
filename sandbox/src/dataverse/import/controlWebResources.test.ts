import { existsSync, readFileSync } from "node:fs";
import JSZip from "jszip";
import { importSolution } from "../../start/importSolution";
import { managedSolutionZip } from "../../start/paths";
import { WebApiClient } from "../../dualwrite/webApiClient";
import { rows, startClient, type Client } from "../test/harness";
import { SandboxUsers } from "../users";

const hasZip = existsSync(managedSolutionZip);
if (!hasZip) console.warn(`Skipping the control web resource import test: ${managedSolutionZip} is missing (npm run build).`);
const describeWithZip = hasZip ? describe : describe.skip;

describeWithZip("ImportSolution: a PCF control's files become cc_ web resources", () => {
  let client: Client;
  beforeAll(async () => {
    client = await startClient();
    await importSolution(new WebApiClient({ apiUrl: client.server.apiUrl, accessToken: SandboxUsers.admin.token }), managedSolutionZip);
  });
  afterAll(() => client?.server.close());

  it("creates one row per file the manifest lists, named cc_<namespace>.<constructor>/<path>, with the zip's bytes", async () => {
    const answer = await client.get("webresourceset?$select=name,webresourcetype,content&$filter=startswith(name,'cc_')&$orderby=name");
    const zip = await JSZip.loadAsync(readFileSync(managedSolutionZip));
    // [web resource name, type (2 style sheet, 3 script, 12 RESX), file in the zip]: both controls, every file their manifests list.
    const expected = ["DualWriteProvenance", "HandOffStageCells"].flatMap((control): (readonly [string, number, string])[] => [
      [`cc_Cb2b.${control}/bundle.js`, 3, `Controls/cb2b_Cb2b.${control}/bundle.js`],
      ...(control === "DualWriteProvenance" ? [[`cc_Cb2b.${control}/css/${control}.css`, 2, `Controls/cb2b_Cb2b.${control}/css/${control}.css`] as const] : []),
      [`cc_Cb2b.${control}/strings/${control}.1033.resx`, 12, `Controls/cb2b_Cb2b.${control}/strings/${control}.1033.resx`],
      [`cc_Cb2b.${control}/strings/${control}.1035.resx`, 12, `Controls/cb2b_Cb2b.${control}/strings/${control}.1035.resx`],
    ]);
    const found = rows(answer);
    expect(found.map((r) => [r.name, r.webresourcetype])).toEqual(expected.map(([name, type]) => [name, type]));
    for (const [name, , path] of expected) {
      const row = found.find((r) => r.name === name)!;
      const bytes = await zip.file(path)!.async("nodebuffer");
      expect(Buffer.from(String(row.content), "base64").equals(bytes)).toBe(true);
    }
  });

  it("keeps the custom control row with its manifest", async () => {
    const controls = rows(await client.get("customcontrols?$select=name,version,manifest&$orderby=name"));
    expect(controls).toEqual([
      expect.objectContaining({ name: "cb2b_Cb2b.DualWriteProvenance", version: "1.0.0" }),
      expect.objectContaining({ name: "cb2b_Cb2b.HandOffStageCells", version: "1.0.0" }),
    ]);
    expect(String(controls[0].manifest)).toContain('constructor="DualWriteProvenance"');
    expect(String(controls[1].manifest)).toContain('constructor="HandOffStageCells"');
  });

  it("does not duplicate the rows when the same version is imported again as an upgrade", async () => {
    const before = rows(await client.get("webresourceset?$select=name&$filter=startswith(name,'cc_')")).length;
    await client.post("ImportSolution", {
      CustomizationFile: readFileSync(managedSolutionZip).toString("base64"),
      OverwriteUnmanagedCustomizations: true,
      PublishWorkflows: true,
      ImportJobId: "00000000-0000-4000-8000-0000000000ab",
    });
    expect(rows(await client.get("webresourceset?$select=name&$filter=startswith(name,'cc_')"))).toHaveLength(before);
  });
});
