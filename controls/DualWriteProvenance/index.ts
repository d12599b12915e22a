import * as React from "react";
import type { IInputs, IOutputs } from "./inputs";
import { ErrorBoundary } from "./src/ErrorBoundary";
import { ProvenanceLoader } from "./src/loader";
import { readFormFacts } from "./src/platform";
import { ProvenanceView } from "./src/ProvenanceView";
import { createTexts } from "./src/text";

/**
 * Cb2b.DualWriteProvenance: a virtual (React) control showing where a Commerce B2B lead came from and
 * where its hand-off stands. React and Fluent UI come from the platform (platform libraries).
 */
export class DualWriteProvenance implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  private loader: ProvenanceLoader | null = null;

  public init(context: ComponentFramework.Context<IInputs>): void {
    // allocatedWidth lets the timeline switch to its narrow layout in side panes and phones.
    context.mode.trackContainerResize(true);
    const webAPI = context.webAPI;
    this.loader = new ProvenanceLoader((entityType, options, maxPageSize) => webAPI.retrieveMultipleRecords(entityType, options, maxPageSize));
  }

  public updateView(context: ComponentFramework.Context<IInputs>): React.ReactElement {
    const facts = readFormFacts(context);
    const loader = this.loader ?? (this.loader = new ProvenanceLoader((e, o, m) => context.webAPI.retrieveMultipleRecords(e, o, m)));
    const texts = createTexts((id) => context.resources.getString(id));
    const view = React.createElement(ProvenanceView, {
      decision: facts.decision,
      loader,
      texts,
      formatDateTime: (date: Date) => context.formatting.formatDateShort(date, true),
      now: () => new Date(),
      waitingThresholdMinutes: facts.waitingThresholdMinutes,
      currentRecord: facts.currentRecord,
      width: context.mode.allocatedWidth,
      openRecord: (entityType: string, id: string) => {
        // A refused navigation (e.g. the user keeps unsaved changes) needs no message from us.
        context.navigation.openForm({ entityName: entityType, entityId: id }).catch(() => undefined);
      },
    });
    return React.createElement(ErrorBoundary, { texts }, view);
  }

  public getOutputs(): IOutputs {
    return {};
  }

  public destroy(): void {
    this.loader = null;
  }
}
