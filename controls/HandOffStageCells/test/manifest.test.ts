import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { HandOffStages } from "../src/handOffStage";
import type { ResourceKey } from "../src/text";
import type { IInputs } from "../inputs";
import { readResx } from "./resx";

const controlDir = resolve(__dirname, "..");
const manifest = new DOMParser().parseFromString(readFileSync(join(controlDir, "ControlManifest.Input.xml"), "utf8"), "text/xml");
const control = manifest.getElementsByTagName("control")[0];
const attr = (tag: string, name: string) => Array.from(manifest.getElementsByTagName(tag)).map((e) => e.getAttribute(name));

// Compile-time: exactly the properties IInputs declares.
const inputNames = { EventName: true } satisfies Record<keyof IInputs, true>;
// Compile-time: every key the code reads, listed once for the resx check below.
const codeKeys = { NoStatus: true, Overdue: true, BadgeLabel: true } satisfies Record<Exclude<ResourceKey, `Stage_${string}`>, true>;

describe("ControlManifest.Input.xml of the grid customizer", () => {
  it("declares the virtual control Cb2b.HandOffStageCells", () => {
    expect([control.getAttribute("namespace"), control.getAttribute("constructor"), control.getAttribute("control-type")]).toEqual(["Cb2b", "HandOffStageCells", "virtual"]);
  });

  it("declares the template's one property: the grid's event name, bound text", () => {
    expect(attr("property", "name")).toEqual(Object.keys(inputNames));
    expect([attr("property", "of-type")[0], attr("property", "usage")[0]]).toEqual(["SingleLine.Text", "bound"]);
  });

  it("uses the same platform libraries as the provenance control, which the platform serves", () => {
    const libraries = Object.fromEntries(Array.from(manifest.getElementsByTagName("platform-library")).map((l) => [l.getAttribute("name"), l.getAttribute("version")]));
    const provenance = readFileSync(join(controlDir, "..", "DualWriteProvenance", "ControlManifest.Input.xml"), "utf8");
    expect(provenance).toContain(`<platform-library name="React" version="${libraries.React}" />`);
    expect(provenance).toContain(`<platform-library name="Fluent" version="${libraries.Fluent}" />`);
    const served = JSON.parse(readFileSync(require.resolve("pcf-scripts/PlatformLibraryVersions.json"), "utf8")) as Record<string, { platformVersion: string }[]>;
    expect(served.fluent.map((v) => v.platformVersion)).toContain(libraries.Fluent);
  });
});

describe("strings of the grid customizer", () => {
  const english = readResx(1033);
  const finnish = readResx(1035);

  it("exist in English and Finnish for the same keys, none empty", () => {
    expect([...finnish.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, value] of [...english, ...finnish]) expect(`${key}=${value.trim()}`).not.toBe(`${key}=`);
  });

  it("cover the manifest labels, every stage and every text the badge shows", () => {
    const keys = [
      ...attr("control", "display-name-key"),
      ...attr("control", "description-key"),
      ...attr("property", "display-name-key"),
      ...attr("property", "description-key"),
      ...HandOffStages.map((stage) => `Stage_${stage}`),
      ...Object.keys(codeKeys),
    ];
    expect(keys.filter((key) => !english.has(key as string))).toEqual([]);
  });

  it("are translated, not copied", () => {
    expect([...english].filter(([key, value]) => finnish.get(key) === value).map(([key]) => key)).toEqual([]);
  });
});

describe("control source", () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) return entry === "generated" ? [] : sources(full);
      return /\.(ts|tsx)$/.test(entry) && !full.endsWith("manifest.test.ts") ? [full] : [];
    });

  it("never hands text to the DOM as HTML and calls no Web API", () => {
    const offenders = sources(controlDir).filter((file) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|webAPI/.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });
});
