import type * as React from "react";
import type { IInputs, IOutputs } from "./inputs";
import { ErrorBoundary } from "./src/ErrorBoundary";
import { h } from "./src/h";
import { provenanceLoader, type LoadProvenance } from "./src/loader";
import { ProvenanceView } from "./src/ProvenanceView";
import { translator } from "./src/text";

/**
 * Cb2b.DualWriteProvenance: a virtual (React) control showing where a Commerce B2B lead came from and
 * where its hand-off stands. React and Fluent UI come from the platform (platform libraries).
 */
export class DualWriteProvenance implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  private load: LoadProvenance | null = null;

  public init(context: ComponentFramework.Context<IInputs>): void {
    // allocatedWidth lets the timeline switch to its narrow layout in side panes and phones.
    context.mode.trackContainerResize(true);
    this.load = provenanceLoader(context.webAPI);
  }

  public updateView(context: ComponentFramework.Context<IInputs>): React.ReactElement {
    const load = this.load || (this.load = provenanceLoader(context.webAPI));
    const t = translator(context.resources);
    return h(ErrorBoundary, { t }, h(ProvenanceView, { context, load, t }));
  }

  public getOutputs(): IOutputs {
    return {};
  }

  public destroy(): void {
    this.load = null;
  }
}
