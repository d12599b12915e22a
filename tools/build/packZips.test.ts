/** Both zips land under the names Dataverse exports use, and the sizes reported are the files' sizes. */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { stageForTest } from "../../solution/test/helpers/stageForTest";
import { packZips, zipFileName } from "./packZips";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cb2b-zips-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("packZips", () => {
  it("names the zips as exports do", () => {
    expect(zipFileName("CommerceB2BOnboarding", "Unmanaged")).toBe("CommerceB2BOnboarding.zip");
    expect(zipFileName("CommerceB2BOnboarding", "Managed")).toBe("CommerceB2BOnboarding_managed.zip");
  });

  it("packs the unmanaged and the managed solution", async () => {
    const staging = join(dir, "staging");
    stageForTest(staging);
    const zips = await packZips(staging, join(dir, "out"), "CommerceB2BOnboarding");
    expect(zips.map((z) => [z.packageType, z.zipFile])).toEqual([
      ["Unmanaged", join(dir, "out", "CommerceB2BOnboarding.zip")],
      ["Managed", join(dir, "out", "CommerceB2BOnboarding_managed.zip")],
    ]);
    for (const zip of zips) {
      expect(zip.bytes).toBe(statSync(zip.zipFile).size);
      const solutionXml = await (await JSZip.loadAsync(readFileSync(zip.zipFile))).file("solution.xml")!.async("string");
      expect(solutionXml).toContain(`<Managed>${zip.packageType === "Managed" ? 1 : 0}</Managed>`);
    }
  });
});
