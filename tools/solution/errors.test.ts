import { promises as fs } from "node:fs";
import { join } from "node:path";
import { SolutionPackagerError } from "./errors";
import { packSolution } from "./pack";
import { unpackSolution } from "./unpack";
import { APP, CONTROL, IDS, SOURCE_FILES, WEB_RESOURCE_NAME, listFiles, makeTempDir, removeTempDirs, writeFixture, writeZip } from "./testFixtures";

afterAll(removeTempDirs);

const WR_DATA = `WebResources/${WEB_RESOURCE_NAME}.data.xml`;
const CONTROL_DATA = `Controls/${CONTROL}/ControlManifest.xml.data.xml`;

async function rejection(promise: Promise<unknown>): Promise<SolutionPackagerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SolutionPackagerError);
  return error as SolutionPackagerError;
}

/** Packs a broken fixture over an existing zip: the error must name `file`, the old zip must survive. */
async function expectPackFailure(changes: Record<string, string | null>, file: string, problem: RegExp): Promise<SolutionPackagerError> {
  const root = await makeTempDir("pack-error");
  const folder = await writeFixture(root, changes);
  const outDir = join(root, "out");
  await fs.mkdir(outDir);
  const zipFile = join(outDir, "solution.zip");
  await fs.writeFile(zipFile, "previous build");
  const error = await rejection(packSolution({ folder, zipFile, packageType: "Managed" }));
  expect(error.message).toContain(file);
  expect(error.message).toMatch(problem);
  expect(await fs.readFile(zipFile, "utf8")).toBe("previous build");
  expect(await fs.readdir(outDir)).toEqual(["solution.zip"]);
  return error;
}

describe("pack rejects bad input, naming the file, and leaves no zip behind", () => {
  it("a missing folder", async () => {
    const root = await makeTempDir("pack-missing");
    const zipFile = join(root, "solution.zip");
    const error = await rejection(packSolution({ folder: join(root, "nope"), zipFile, packageType: "Unmanaged" }));
    expect(error.message).toContain(join(root, "nope"));
    await expect(fs.stat(zipFile)).rejects.toThrow();
  });

  it("no Other/Solution.xml", async () => {
    await expectPackFailure({ "Other/Solution.xml": null }, "Other/Solution.xml", /missing/);
  });

  it("no Other/Customizations.xml", async () => {
    await expectPackFailure({ "Other/Customizations.xml": null }, "Other/Customizations.xml", /missing/);
  });

  it("malformed XML, with the parser's line and column", async () => {
    const path = `Entities/Lead/SavedQueries/${IDS.viewA}.xml`;
    const broken = '<?xml version="1.0" encoding="utf-8"?>\n<savedqueries>\n  <savedquery>\n    <querytype>0</querytype>\n</savedqueries>\n';
    const error = await expectPackFailure({ [path]: broken }, path, /malformed XML at line 5, column 1: Opening and ending tag mismatch/);
    expect(error.file).toBe(path);
  });

  it("a web resource FileName pointing at a missing file", async () => {
    const data = SOURCE_FILES[WR_DATA].replace(`/WebResources/${WEB_RESOURCE_NAME}`, "/WebResources/cb2b_/scripts/gone.js");
    await expectPackFailure({ [WR_DATA]: data }, WR_DATA, /FileName "\/WebResources\/cb2b_\/scripts\/gone\.js" points at a file that is missing/);
  });

  it("a web resource data.xml without its content", async () => {
    const data = SOURCE_FILES[WR_DATA].replace(/ *<FileName>.*<\/FileName>\n/, "");
    await expectPackFailure({ [WR_DATA]: data, [`WebResources/${WEB_RESOURCE_NAME}`]: null }, WR_DATA, /without its content file/);
  });

  it("web resource content without a data.xml", async () => {
    await expectPackFailure({ "WebResources/cb2b_/scripts/stray.js": "x" }, "WebResources/cb2b_/scripts/stray.js", /without a \.data\.xml/);
  });

  it("a control whose manifest is missing", async () => {
    await expectPackFailure({ [`Controls/${CONTROL}/ControlManifest.xml`]: null }, CONTROL_DATA, /points at a file that is missing/);
  });

  it("a relationship listed without a definition", async () => {
    await expectPackFailure({ "Other/Relationships/Lead.xml": null }, "Other/Relationships.xml", /"account_originating_lead" has no definition/);
  });

  it("an entity folder without Entity.xml", async () => {
    await expectPackFailure({ "Entities/Lead/Entity.xml": null }, "Entities/Lead", /no Entity\.xml/);
  });

  it("a file in AppModules/ that is not <name>/AppModule.xml", async () => {
    await expectPackFailure({ [`AppModules/${APP}/notes.txt`]: "x" }, `AppModules/${APP}/notes.txt`, /expected AppModules\/<name>\/AppModule\.xml/);
  });

  it("an app module whose folder is not named after its UniqueName", async () => {
    const appFile = `AppModules/${APP}/AppModule.xml`;
    const renamed = "AppModules/cb2b_Other/AppModule.xml";
    await expectPackFailure({ [appFile]: null, [renamed]: SOURCE_FILES[appFile] }, renamed, /folder name must be the component's <UniqueName> \("cb2b_CommerceB2BOnboarding"\)/);
  });

  it("a site map file with another root element", async () => {
    const siteMapFile = `AppModuleSiteMaps/${APP}/AppModuleSiteMap.xml`;
    await expectPackFailure({ [siteMapFile]: '<?xml version="1.0" encoding="utf-8"?><SiteMap />' }, siteMapFile, /expected a <AppModuleSiteMap> root element, found <SiteMap>/);
  });

  it("an unknown package type", async () => {
    const root = await makeTempDir("pack-type");
    const folder = await writeFixture(root);
    const error = await rejection(packSolution({ folder, zipFile: join(root, "s.zip"), packageType: "Both" as "Managed" }));
    expect(error.message).toMatch(/unknown package type "Both"/);
    expect(await fs.readdir(root)).toEqual(["src"]);
  });
});

/** Unpacks a broken zip over an existing folder: the error must name `file`, the folder must be untouched. */
async function expectUnpackFailure(zip: Record<string, string | Buffer> | string, file: string | RegExp, problem: RegExp): Promise<void> {
  const root = await makeTempDir("unpack-error");
  const zipFile = join(root, "solution.zip");
  if (typeof zip === "string") await fs.writeFile(zipFile, zip);
  else await writeZip(zipFile, zip);
  const target = join(root, "src");
  await fs.mkdir(join(target, "Other"), { recursive: true });
  await fs.writeFile(join(target, "Other", "Solution.xml"), "keep me");
  const error = await rejection(unpackSolution({ zipFile, folder: target }));
  if (typeof file === "string") expect(error.message).toContain(file);
  else expect(error.message).toMatch(file);
  expect(error.message).toMatch(problem);
  expect(await listFiles(target)).toEqual(["Other/Solution.xml"]);
  expect(await fs.readFile(join(target, "Other", "Solution.xml"), "utf8")).toBe("keep me");
  expect((await fs.readdir(root)).sort()).toEqual(["solution.zip", "src"]);
}

const CUSTOMIZATIONS = '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Entities /></ImportExportXml>';

describe("unpack rejects bad input, naming the file, and leaves the target untouched", () => {
  it("not a zip", async () => {
    await expectUnpackFailure("this is not a zip", "solution.zip", /not a zip file/);
  });

  it("no solution.xml", async () => {
    await expectUnpackFailure({ "customizations.xml": CUSTOMIZATIONS }, "solution.zip", /"solution\.xml" is missing/);
  });

  it("no customizations.xml", async () => {
    await expectUnpackFailure({ "solution.xml": SOURCE_FILES["Other/Solution.xml"] }, "solution.zip", /"customizations\.xml" is missing/);
  });

  it("malformed customizations.xml, with line and column", async () => {
    await expectUnpackFailure(
      { "solution.xml": SOURCE_FILES["Other/Solution.xml"], "customizations.xml": "\uFEFF<ImportExportXml>\r\n  <Entities>\r\n</ImportExportXml>" },
      "customizations.xml",
      /malformed XML at line 3, column 1:/,
    );
  });

  it("a web resource FileName pointing at a missing part", async () => {
    const customizations = `<ImportExportXml><WebResources><WebResource><WebResourceId>${IDS.webResource}</WebResourceId><Name>cb2b_/a.js</Name><FileName>/WebResources/cb2b_ajsBF8A</FileName></WebResource></WebResources></ImportExportXml>`;
    await expectUnpackFailure(
      { "solution.xml": SOURCE_FILES["Other/Solution.xml"], "customizations.xml": customizations },
      "customizations.xml",
      /"WebResources\/cb2b_ajsBF8A" is missing/,
    );
  });

  it("a control FileName pointing at a missing manifest", async () => {
    const customizations = `<ImportExportXml><CustomControls><CustomControl><Name>${CONTROL}</Name><FileName>/Controls/${CONTROL}/ControlManifest.xml</FileName></CustomControl></CustomControls></ImportExportXml>`;
    await expectUnpackFailure(
      { "solution.xml": SOURCE_FILES["Other/Solution.xml"], "customizations.xml": customizations, [`Controls/${CONTROL}/bundle.js`]: "x" },
      "customizations.xml",
      /control manifest FileName "Controls\/.*ControlManifest\.xml" is missing/,
    );
  });

  it("a web resource part that customizations.xml does not reference", async () => {
    await expectUnpackFailure(
      { "solution.xml": SOURCE_FILES["Other/Solution.xml"], "customizations.xml": CUSTOMIZATIONS, "WebResources/cb2b_orphanjs1234": "x" },
      "solution.zip",
      /"WebResources\/cb2b_orphanjs1234" is not referenced by customizations\.xml/,
    );
  });

  it("an app module without a UniqueName", async () => {
    const customizations = "<ImportExportXml><AppModules><AppModule><IntroducedVersion>1.0.0.0</IntroducedVersion></AppModule></AppModules></ImportExportXml>";
    await expectUnpackFailure({ "solution.xml": SOURCE_FILES["Other/Solution.xml"], "customizations.xml": customizations }, "customizations.xml", /a <AppModule> has no <UniqueName>/);
  });

  it("a zip entry that escapes the folder", async () => {
    await expectUnpackFailure(
      { "solution.xml": SOURCE_FILES["Other/Solution.xml"], "customizations.xml": CUSTOMIZATIONS, "../evil.txt": "x" },
      "solution.zip",
      /unsafe path/,
    );
  });
});
