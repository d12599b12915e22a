/** @jest-environment jsdom */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HandOffStageCells } from "../../../../../controls/HandOffStageCells/index";
import type { PcfControlConstructor, PlatformReactDom } from "../../pcf/loader";
import type { SalesSession } from "../../../shared/session";
import { startGridCustomizer, type CustomizerServices } from "./startGridCustomizer";

const manifest = readFileSync(join(__dirname, "..", "..", "..", "..", "..", "controls", "HandOffStageCells", "ControlManifest.Input.xml"), "utf8");
const session = {
  clientUrl: "http://127.0.0.1:5555",
  apiUrl: "http://127.0.0.1:5555/api/data/v9.2/",
  user: { id: "11111111-1111-4111-8111-111111111111", token: "salesrep", fullname: "Sanna Myyjä" },
  languageId: 1035,
  fetchApi: () => Promise.reject(new Error("no Web API call expected")),
} as SalesSession;
const reactDom: PlatformReactDom = { render: () => undefined, unmountComponentAtNode: () => true };

function services(ctor: PcfControlConstructor, strings = new Map<string, string>()): CustomizerServices & { stringLoads: number } {
  const result = {
    stringLoads: 0,
    loadStrings: async () => {
      result.stringLoads += 1;
      return strings;
    },
    loadControl: async () => ({ ctor, reactDom }),
  };
  return result;
}

describe("starting a grid customizer as the Power Apps grid does", () => {
  it("gives the control an EventName and takes the renderers it fires with it, in the user's language", async () => {
    const loaded = services(HandOffStageCells as unknown as PcfControlConstructor, new Map([["Stage_leadQualified", "Odottaa tarkistusta"]]));
    const started = await startGridCustomizer(session, "lead", manifest, () => undefined, loaded);
    expect(Object.keys(started.customizer.cellRendererOverrides ?? {})).toEqual(["OptionSet"]);
    expect(started.reactDom).toBe(reactDom);
    expect(loaded.stringLoads).toBe(1);
    started.destroy();
  });

  it("refuses a control that does not hand over renderers, and destroys it", async () => {
    let destroyed = 0;
    class Silent {
      init(): void {}
      updateView(): unknown {
        return null;
      }
      destroy(): void {
        destroyed += 1;
      }
    }
    await expect(startGridCustomizer(session, "lead", manifest, () => undefined, services(Silent))).rejects.toThrow("Cb2b.HandOffStageCells did not fire the grid's event with its renderers during init.");
    expect(destroyed).toBe(1);
  });

  it("ignores events other than the one it named", async () => {
    class Other {
      init(context: { factory: { fireEvent(name: string, payload: unknown): void } }): void {
        context.factory.fireEvent("someOtherEvent", { cellRendererOverrides: {} });
      }
      updateView(): unknown {
        return null;
      }
      destroy(): void {}
    }
    await expect(startGridCustomizer(session, "lead", manifest, () => undefined, services(Other as unknown as PcfControlConstructor))).rejects.toThrow(/did not fire/);
  });
});
