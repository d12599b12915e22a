import * as React from "react";
import type { IInputs, IOutputs } from "./inputs";
import { handOffCellRenderers } from "./src/cellRenderers";
import type { PAOneGridCustomizer } from "./src/gridCustomizer";
import { h } from "./src/h";
import { translator } from "./src/text";

/** `context.factory` as the Power Apps grid gives it to a customizer: fireEvent is not in the public typings. */
interface GridFactory {
  fireEvent(eventName: string, customizer: PAOneGridCustomizer): void;
}

/**
 * Cb2b.HandOffStageCells: a grid customizer for the Commerce B2B views. The Power Apps grid creates it
 * with an EventName; init answers by firing that event with the cell renderers (Microsoft Learn,
 * "Customize the editable grid control"). It renders nothing of its own.
 */
export class HandOffStageCells implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  public init(context: ComponentFramework.Context<IInputs>): void {
    const eventName = context.parameters.EventName.raw;
    if (!eventName) return;
    const customizer: PAOneGridCustomizer = { cellRendererOverrides: handOffCellRenderers(translator(context.resources), () => new Date()) };
    (context.factory as unknown as GridFactory).fireEvent(eventName, customizer);
  }

  public updateView(): React.ReactElement {
    return h(React.Fragment);
  }

  public getOutputs(): IOutputs {
    return {};
  }

  public destroy(): void {
    // Nothing to release: the renderers hold no state.
  }
}
