/**
 * npm run build:controls fails when pcf-scripts did not write a control's bundle.js, because pcf-scripts
 * itself exits 0 on a failed build and leaves the previous bundle in place.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { controlFolders, staleBundles } from "./buildControls";

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
