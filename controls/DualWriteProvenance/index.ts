import type * as React from "react";
import type { IInputs, IOutputs } from "./inputs";
import { ErrorBoundary } from "./src/ErrorBoundary";
import { h } from "./src/h";
import { provenanceLoader, type LoadProvenance } from "./src/loader";
import { ProvenanceView } from "./src/ProvenanceView";
import { reviewDeadlineLoader } from "./src/reviewDeadline";
import { translator } from "./src/text";

/**
 * Cb2b.DualWriteProvenance: a virtual (React) control showing where a Commerce B2B lead came from and
 * where its hand-off stands. React and Fluent UI come from the platform (platform libraries).
 */
export class DualWriteProvenance implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  /** Made on the first updateView; one per form load, so each lead is read once unless refreshed. */
  private load?: LoadProvenance;
  private deadline?: () => Promise<number | null>;

  public init(context: ComponentFramework.Context<IInputs>): void {
    // allocatedWidth lets the timeline switch to its narrow layout in side panes and phones.
    context.mode.trackContainerResize(true);
  }

  public updateView(context: ComponentFramework.Context<IInputs>): React.ReactElement {
    const load = this.load || (this.load = provenanceLoader(context.webAPI));
    const deadline = this.deadline || (this.deadline = reviewDeadlineLoader(context.webAPI));
    const t = translator(context.resources);
    return h(ErrorBoundary, { t }, h(ProvenanceView, { context, load, t, deadline }));
  }

  public getOutputs(): IOutputs {
    return {};
  }

  public destroy(): void {
    this.load = undefined;
    this.deadline = undefined;
  }
}
