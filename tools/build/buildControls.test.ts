/**
 * npm run build:controls fails when pcf-scripts did not write a control's bundle.js, because pcf-scripts
 * itself exits 0 on a failed build and leaves the previous bundle in place.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtControlsProblem, controlFolders, staleBundles } from "./buildControls";

let dir: string;
const controls = () => join(dir, "controls");
const built = () => join(dir, "out", "controls");

function control(name: string): void {
  mkdirSync(join(controls(), name), { recursive: true });
  writeFileSync(join(controls(), name, "ControlManifest.Input.xml"), "<manifest/>");
}

function bundle(name: string, writtenAt: number): void {
  mkdirSync(join(built(), name), { recursive: true });
  const file = join(built(), name, "bundle.js");
  writeFileSync(file, "var x;");
  utimesSync(file, writtenAt / 1000, writtenAt / 1000);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cb2b-controls-"));
  control("Fresh");
  control("Stale");
  control("Missing");
  // A folder beside the controls that is not one (webpack.config.js lives at this level too).
  mkdirSync(join(controls(), "shared"), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("build:controls' check of pcf-scripts' output", () => {
  it("knows the controls by their ControlManifest.Input.xml", () => {
    expect(controlFolders(controls())).toEqual(["Fresh", "Missing", "Stale"]);
  });

  it("names every control whose bundle.js is missing or older than the build's start", () => {
    const start = Date.parse("2026-12-06T02:00:00Z");
    bundle("Fresh", start + 5_000);
    bundle("Stale", start - 60_000);
    expect(staleBundles(controls(), built(), start)).toEqual(["Missing", "Stale"]);
  });

  it("accepts a build that wrote every bundle", () => {
    const start = Date.parse("2026-12-06T02:00:00Z");
    for (const name of ["Fresh", "Stale", "Missing"]) bundle(name, start);
    expect(staleBundles(controls(), built(), start)).toEqual([]);
  });
});

describe("whether out/controls stands for the sources (tests and benchmarks rebuild when it does not)", () => {
  const at = (file: string, time: number) => utimesSync(file, time / 1000, time / 1000);
  const start = Date.parse("2026-12-06T02:00:00Z");

  beforeEach(() => {
    rmSync(join(controls(), "shared"), { recursive: true, force: true });
    mkdirSync(join(dir, "core", "src"), { recursive: true });
    writeFileSync(join(dir, "core", "src", "rules.ts"), "export {};");
    mkdirSync(join(controls(), "Fresh", "test"), { recursive: true });
    writeFileSync(join(controls(), "Fresh", "test", "view.test.ts"), "");
    for (const name of ["Fresh", "Stale", "Missing"]) {
      bundle(name, start);
      writeFileSync(join(built(), name, "ControlManifest.xml"), "<manifest/>");
    }
    for (const file of ["core/src/rules.ts", "controls/Fresh/ControlManifest.Input.xml", "controls/Stale/ControlManifest.Input.xml", "controls/Missing/ControlManifest.Input.xml"]) {
      at(join(dir, file), start - 60_000);
    }
  });

  it("accepts bundles newer than every source, whatever their tests say", () => {
    at(join(controls(), "Fresh", "test", "view.test.ts"), start + 60_000);
    expect(builtControlsProblem(dir)).toBeNull();
  });

  it("names a control that has no build", () => {
    rmSync(join(built(), "Missing"), { recursive: true });
    expect(builtControlsProblem(dir)).toBe("out/controls has no build of Missing (npm run build:controls)");
  });

  it("names the sources newer than the oldest bundle, core's included", () => {
    at(join(dir, "core", "src", "rules.ts"), start + 60_000);
    expect(builtControlsProblem(dir)).toBe("out/controls is older than core/src (npm run build:controls)");
  });
});

