/** Staging: built controls and web resources land where the packer expects them, or the build stops with the file to fix. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { readControlIdentity, solutionControlName } from "./controlManifest";
import { BuildError } from "./errors";
import { listFiles } from "./fileTree";
import { presentScripts } from "./npmScripts";
import { stageSolution, type StageOptions } from "./stage";

let dir: string;
let options: StageOptions;

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const SOLUTION_XML = `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><SolutionManifest>
<UniqueName>Sample</UniqueName><Version>1.2.3.4</Version><Managed>0</Managed>
<Publisher><UniqueName>p</UniqueName><CustomizationPrefix>smp</CustomizationPrefix></Publisher>
</SolutionManifest></ImportExportXml>`;

const manifest = (namespace: string, constructorName: string) =>
  `<?xml version="1.0" encoding="utf-8"?><manifest><control namespace="${namespace}" constructor="${constructorName}" version="1.0.0" control-type="virtual"><resources><code path="bundle.js" order="1"/></resources></control></manifest>`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cb2b-stage-"));
  options = {
    solutionSource: join(dir, "src"),
    builtControls: join(dir, "out", "controls"),
    builtWebResources: join(dir, "out", "webresources"),
    staging: join(dir, "out", "solution", "staging"),
  };
  write(join(options.solutionSource, "Other", "Solution.xml"), SOLUTION_XML);
  write(join(options.solutionSource, "Other", "Customizations.xml"), "<ImportExportXml />");
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function stageError(): BuildError {
  try {
    stageSolution(options);
  } catch (error) {
    if (error instanceof BuildError) return error;
    throw error;
  }
  throw new Error("staging succeeded but should have failed");
}

describe("stageSolution", () => {
  it("copies the source and reads the solution's name, version and prefix", () => {
    const result = stageSolution(options);
    expect(result.solution).toEqual({ uniqueName: "Sample", version: "1.2.3.4", publisherPrefix: "smp" });
    expect(listFiles(options.staging)).toEqual(["Other/Customizations.xml", "Other/Solution.xml"]);
  });

  it("replaces what a previous build staged", () => {
    write(join(options.staging, "stale.txt"), "old");
    stageSolution(options);
    expect(existsSync(join(options.staging, "stale.txt"))).toBe(false);
  });

  it("puts a built control under Controls/<prefix>_<namespace>.<constructor>/ next to its metadata", () => {
    write(join(options.builtControls, "Gauge", "ControlManifest.xml"), manifest("Acme", "Gauge"));
    write(join(options.builtControls, "Gauge", "bundle.js"), "bundle");
    write(join(options.builtControls, "Gauge", "strings", "Gauge.1033.resx"), "<root/>");
    write(join(options.solutionSource, "Controls", "smp_Acme.Gauge", "ControlManifest.xml.data.xml"), "<CustomControl/>");
    const result = stageSolution(options);
    expect(result.controls).toEqual([{ name: "smp_Acme.Gauge", files: ["ControlManifest.xml", "bundle.js", "strings/Gauge.1033.resx"] }]);
    expect(listFiles(join(options.staging, "Controls"))).toEqual([
      "smp_Acme.Gauge/ControlManifest.xml",
      "smp_Acme.Gauge/ControlManifest.xml.data.xml",
      "smp_Acme.Gauge/bundle.js",
      "smp_Acme.Gauge/strings/Gauge.1033.resx",
    ]);
  });

  it("refuses a built control the source has no metadata for, naming the file to add", () => {
    write(join(options.builtControls, "Gauge", "ControlManifest.xml"), manifest("Acme", "Gauge"));
    expect(stageError().message).toContain("solution/src/Controls/smp_Acme.Gauge/ControlManifest.xml.data.xml");
  });

  it("refuses control metadata whose control was not built", () => {
    write(join(options.solutionSource, "Controls", "smp_Acme.Gauge", "ControlManifest.xml.data.xml"), "<CustomControl/>");
    const error = stageError();
    expect(error.message).toContain("no built control");
    expect(error.file).toBe(join(options.solutionSource, "Controls", "smp_Acme.Gauge", "ControlManifest.xml.data.xml"));
  });

  it("refuses a built control folder without a manifest", () => {
    write(join(options.builtControls, "Gauge", "bundle.js"), "bundle");
    expect(stageError().message).toContain("has no ControlManifest.xml");
  });

  it("puts a built web resource next to its .data.xml", () => {
    write(join(options.builtWebResources, "smp_", "scripts", "Form.js"), "var x = 1;");
    write(join(options.solutionSource, "WebResources", "smp_", "scripts", "Form.js.data.xml"), "<WebResource/>");
    expect(stageSolution(options).webResources).toEqual(["smp_/scripts/Form.js"]);
    expect(readFileSync(join(options.staging, "WebResources", "smp_", "scripts", "Form.js"), "utf8")).toBe("var x = 1;");
  });

  it("refuses a built web resource without a .data.xml, naming the file to add", () => {
    write(join(options.builtWebResources, "smp_", "scripts", "Form.js"), "var x = 1;");
    expect(stageError().message).toContain("solution/src/WebResources/smp_/scripts/Form.js.data.xml");
  });

  it("refuses a .data.xml with no content anywhere", () => {
    write(join(options.solutionSource, "WebResources", "smp_", "scripts", "Form.js.data.xml"), "<WebResource/>");
    const error = stageError();
    expect(error.message).toContain("has no content");
    expect(error.file).toBe(join(options.solutionSource, "WebResources", "smp_", "scripts", "Form.js.data.xml"));
  });

  it("accepts web resource content kept in source", () => {
    write(join(options.solutionSource, "WebResources", "smp_", "icons", "logo.svg"), "<svg/>");
    write(join(options.solutionSource, "WebResources", "smp_", "icons", "logo.svg.data.xml"), "<WebResource/>");
    expect(() => stageSolution(options)).not.toThrow();
  });

  it("refuses a Solution.xml without a publisher prefix", () => {
    write(join(options.solutionSource, "Other", "Solution.xml"), SOLUTION_XML.replace("<CustomizationPrefix>smp</CustomizationPrefix>", ""));
    expect(stageError().message).toContain("<CustomizationPrefix> is missing");
  });

  it("reports malformed XML with the file name", () => {
    write(join(options.solutionSource, "Other", "Solution.xml"), "<ImportExportXml><SolutionManifest>");
    const error = stageError();
    expect(error.file).toBe(join(options.solutionSource, "Other", "Solution.xml"));
    expect(error.message).toContain("malformed XML");
  });
});

describe("control manifests", () => {
  it("give the solution folder name from namespace and constructor", () => {
    write(join(dir, "m.xml"), manifest("Cb2b", "DualWriteProvenance"));
    expect(solutionControlName("cb2b", readControlIdentity(join(dir, "m.xml")))).toBe("cb2b_Cb2b.DualWriteProvenance");
  });

  it("must have a namespace and a constructor", () => {
    write(join(dir, "m.xml"), manifest("", "DualWriteProvenance"));
    expect(() => readControlIdentity(join(dir, "m.xml"))).toThrow(/namespace and a constructor/);
  });
});

describe("component build scripts", () => {
  it("runs only the scripts package.json defines, in the order asked", () => {
    write(join(dir, "package.json"), JSON.stringify({ scripts: { "build:webresources": "x", test: "jest" } }));
    expect(presentScripts(dir, ["build:controls", "build:webresources"])).toEqual(["build:webresources"]);
  });
});
