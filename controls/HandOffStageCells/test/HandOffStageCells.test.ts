import { HandOffStageCells } from "../index";
import type { PAOneGridCustomizer } from "../src/gridCustomizer";

/** The grid's side of the template's handshake: it gives an EventName and listens on context.factory. */
function contextWith(eventName: string | null) {
  const fired: { name: string; customizer: PAOneGridCustomizer }[] = [];
  const context = {
    parameters: { EventName: { raw: eventName } },
    resources: { getString: (key: string) => key, getResource: () => undefined },
    factory: { fireEvent: (name: string, customizer: PAOneGridCustomizer) => fired.push({ name, customizer }) },
  } as unknown as ComponentFramework.Context<{ EventName: ComponentFramework.PropertyTypes.StringProperty }>;
  return { context, fired };
}

describe("Cb2b.HandOffStageCells as the grid creates it", () => {
  it("fires the grid's event once, in init, with cell renderer overrides", () => {
    const { context, fired } = contextWith("onecustomizer_42");
    const control = new HandOffStageCells();
    control.init(context);
    expect(fired.map((f) => f.name)).toEqual(["onecustomizer_42"]);
    expect(typeof fired[0].customizer.cellRendererOverrides?.OptionSet).toBe("function");
    control.updateView();
    expect(fired).toHaveLength(1);
    expect(control.getOutputs()).toEqual({});
    control.destroy();
  });

  it("fires nothing when the grid gave no event name", () => {
    const { context, fired } = contextWith(null);
    new HandOffStageCells().init(context);
    expect(fired).toEqual([]);
  });
});
