import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { ProvenanceStepIds, StepReasons, StepStates, WaitingChecks } from "../../../core/src/provenance";
import type { IInputs } from "../inputs";
import { readResx } from "./resx";

const controlDir = resolve(__dirname, "..");
const manifest = new DOMParser().parseFromString(readFileSync(join(controlDir, "ControlManifest.Input.xml"), "utf8"), "text/xml");
const control = manifest.getElementsByTagName("control")[0];
const attr = (tag: string, name: string) => Array.from(manifest.getElementsByTagName(tag)).map((e) => e.getAttribute(name));

// Compile-time: exactly the properties IInputs declares (a missing or extra one fails type checking).
const inputNames = { source: true, commerceB2BProspect: true, waitingThresholdMinutes: true } satisfies Record<keyof IInputs, true>;

describe("ControlManifest.Input.xml", () => {
  it("declares the virtual control Cb2b.DualWriteProvenance", () => {
    expect([control.getAttribute("namespace"), control.getAttribute("constructor"), control.getAttribute("control-type")]).toEqual(["Cb2b", "DualWriteProvenance", "virtual"]);
  });

  it("declares the properties the code reads, the bound one taking text or a lookup", () => {
    expect(attr("property", "name")).toEqual(Object.keys(inputNames));
    expect(attr("property", "usage")).toEqual(["bound", "input", "input"]);
    expect(Array.from(manifest.getElementsByTagName("type")).map((t) => t.textContent)).toEqual(["SingleLine.Text", "Lookup.Simple"]);
  });

  it("uses React 16.14.0 and the installed Fluent UI 8 as platform libraries the platform serves", () => {
    const libraries = Object.fromEntries(Array.from(manifest.getElementsByTagName("platform-library")).map((l) => [l.getAttribute("name"), l.getAttribute("version")]));
    expect(libraries.React).toBe("16.14.0");
    const json = <T>(module: string) => JSON.parse(readFileSync(require.resolve(module), "utf8")) as T;
    expect(libraries.Fluent).toBe(json<{ version: string }>("@fluentui/react/package.json").version);
    const served = json<Record<string, { platformVersion: string }[]>>("pcf-scripts/PlatformLibraryVersions.json");
    expect(served.react.map((v) => v.platformVersion)).toContain(libraries.React);
    expect(served.fluent.map((v) => v.platformVersion)).toContain(libraries.Fluent);
  });
});

describe("strings", () => {
  const english = readResx(1033);
  const finnish = readResx(1035);

  it("exist in English and Finnish for the same keys, none empty", () => {
    expect([...finnish.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, value] of [...english, ...finnish]) expect(`${key}=${value.trim()}`).not.toBe(`${key}=`);
  });

  it("cover every manifest label and every step, state, reason and check the timeline can show", () => {
    const keys = [
      ...attr("control", "display-name-key"),
      ...attr("control", "description-key"),
      ...attr("property", "display-name-key"),
      ...attr("property", "description-key"),
      ...ProvenanceStepIds.map((id) => `Step_${id}`),
      ...[...StepStates, "rejected"].map((state) => `State_${state}`),
      ...StepReasons.map((reason) => `Reason_${reason}`),
      ...WaitingChecks.map((check) => `Check_${check}`),
    ];
    expect(keys.filter((key) => !english.has(key as string))).toEqual([]);
  });

  it("are translated, not copied (only placeholders may read the same)", () => {
    const same = [...english].filter(([key, value]) => finnish.get(key) === value && !/^\{\d\}$/.test(value)).map(([key]) => key);
    expect(same).toEqual([]);
  });
});

describe("control source", () => {
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) return entry === "generated" ? [] : sources(full);
      return /\.(ts|tsx)$/.test(entry) ? [full] : [];
    });
  }

  it("never hands text to the DOM as HTML", () => {
    const offenders = sources(controlDir).filter((file) => !file.endsWith("manifest.test.ts") && /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML/.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });
});
