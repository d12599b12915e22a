import * as React from "react";
import { ActionButton, MessageBar, MessageBarButton, MessageBarType, Spinner, SpinnerSize, Text } from "@fluentui/react";
import { deriveProvenance, type SourceDecision } from "../../../core/src/provenance";
import type { LoadError } from "./errors";
import type { LoadResult, ProvenanceLoader } from "./loader";
import { getClassNames, NarrowWidth } from "./styles";
import { StepItem } from "./StepItem";
import type { Texts } from "./text";

export interface ProvenanceViewProps {
  decision: SourceDecision;
  loader: ProvenanceLoader;
  texts: Texts;
  formatDateTime: (date: Date) => string;
  now: () => Date;
  waitingThresholdMinutes: number;
  /** The record the form shows. */
  currentRecord: { entityType: string; id: string } | null;
  /** Width the form allocates to the control; -1 when unknown. */
  width: number;
  openRecord: (entityType: string, id: string) => void;
}

type ViewState = { kind: "loading" } | LoadResult;

/** The control's root: the quiet line, a spinner, an inline error, or the timeline. */
export function ProvenanceView(props: ProvenanceViewProps): React.ReactElement {
  const classes = getClassNames();
  const leadId = props.decision.kind === "lead" ? props.decision.leadId : null;
  const [state, setState] = React.useState<ViewState>({ kind: "loading" });
  const [refreshes, setRefreshes] = React.useState(0);
  const { loader } = props;

  React.useEffect(() => {
    if (leadId === null) return;
    let live = true;
    setState({ kind: "loading" });
    void loader.load(leadId, refreshes > 0).then((result) => {
      if (live) setState(result);
    });
    return () => {
      live = false;
    };
  }, [leadId, loader, refreshes]);

  const refresh = React.useCallback(() => setRefreshes((n) => n + 1), []);

  if (leadId === null) {
    return <Text className={classes.quiet}>{props.texts.get("NotCommerce")}</Text>;
  }
  if (state.kind === "loading") {
    return <Spinner size={SpinnerSize.small} label={props.texts.get("Loading")} labelPosition="right" />;
  }
  if (state.kind === "failed") {
    return <LoadFailure error={state.error} texts={props.texts} onRetry={refresh} />;
  }
  // Reached from an opportunity, account or contact whose originating lead did not come from Commerce.
  if (!state.records.lead.isCommerceB2BProspect) {
    return <Text className={classes.quiet}>{props.texts.get("NotCommerce")}</Text>;
  }

  const timeline = deriveProvenance(state.records, {
    now: props.now(),
    waitingThresholdMinutes: props.waitingThresholdMinutes,
    currentRecord: props.currentRecord,
  });
  const narrow = props.width > 0 && props.width < NarrowWidth;
  return (
    <div className={classes.root} data-layout={narrow ? "narrow" : "wide"}>
      <div className={classes.toolbar}>
        <ActionButton onClick={refresh} ariaLabel={props.texts.get("RefreshLabel")}>
          {props.texts.get("Refresh")}
        </ActionButton>
      </div>
      <ul role="list" aria-label={props.texts.get("ListLabel")} className={classes.list}>
        {timeline.steps.map((step, index) => (
          <StepItem
            key={step.id}
            step={step}
            isCurrent={timeline.currentStepId === step.id}
            isLast={index === timeline.steps.length - 1}
            narrow={narrow}
            texts={props.texts}
            waitingThresholdMinutes={props.waitingThresholdMinutes}
            formatDateTime={props.formatDateTime}
            openRecord={props.openRecord}
          />
        ))}
      </ul>
    </div>
  );
}

const errorKeys = { offline: "Error_Offline", forbidden: "Error_Forbidden", notFound: "Error_NotFound", unknown: "Error_Unknown" } as const;

function LoadFailure(props: { error: LoadError; texts: Texts; onRetry: () => void }): React.ReactElement {
  const { error, texts } = props;
  const message = texts.get(errorKeys[error.kind], error.kind === "unknown" ? error.message : "");
  // A deleted lead does not come back by asking again; everything else may.
  const retry =
    error.kind === "notFound" ? undefined : (
      <MessageBarButton onClick={props.onRetry}>{texts.get("Retry")}</MessageBarButton>
    );
  return (
    <MessageBar messageBarType={error.kind === "notFound" ? MessageBarType.warning : MessageBarType.error} isMultiline actions={retry}>
      {message}
    </MessageBar>
  );
}
