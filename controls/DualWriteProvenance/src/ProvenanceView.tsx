/** @jsx h */
import * as React from "react";
import { ActionButton, Link, MessageBar, MessageBarButton, MessageBarType, Spinner, SpinnerSize, Text } from "@fluentui/react";
import { deriveProvenance, type StepLink } from "../../../core/src/provenance";
import { isAwaitingReview } from "../../../core/src/reviewDeadline";
import type { IInputs } from "../inputs";
import { h } from "./h";
import type { LoadProvenance, LoadResult } from "./loader";
import { readFormFacts } from "./platform";
import { getClassNames, getMarkerClassName, NarrowWidth } from "./styles";
import type { Translate } from "./text";

export interface ProvenanceViewProps {
  context: ComponentFramework.Context<IInputs>;
  load: LoadProvenance;
  t: Translate;
  /** The review deadline in force (src/reviewDeadline.ts); without it no step is marked overdue. */
  deadline?: () => Promise<number | null>;
}

type ViewState = { kind: "loading" } | LoadResult;

const glyphs = { done: "✓", waiting: "…", failed: "✕", notApplicable: "–" } as const;
/** Failed steps that are a decision (disqualified, lost, rejected) read "Rejected", not "Failed". */
const rejections = ["disqualified", "opportunityLost", "prospectRejected"];

/**
 * The control's root: the quiet line, a spinner, an inline error, or the timeline. Every record value
 * is rendered as a React text child: inert, never markup.
 */
export function ProvenanceView({ context, load, t, deadline }: ProvenanceViewProps): React.ReactElement {
  const facts = readFormFacts(context);
  const classes = getClassNames();
  const leadId = facts.decision.kind === "lead" ? facts.decision.leadId : null;
  // Hook pairs are read by index: array destructuring would add a Babel helper for Safari 13 to bundle.js.
  const viewState = React.useState<ViewState>({ kind: "loading" });
  const refreshes = React.useState(0);
  const hours = React.useState<number | null>(null);
  const view = viewState[0];
  const refresh = () => refreshes[1]((n) => n + 1);

  React.useEffect(() => {
    if (leadId === null) return;
    let live = true;
    const setView = viewState[1];
    setView({ kind: "loading" });
    void load(leadId, refreshes[0] > 0).then((result) => {
      if (live) setView(result);
    });
    return () => {
      live = false;
    };
  }, [leadId, load, refreshes[0]]);

  // The deadline is read only for a lead still awaiting review: every other timeline stays one request.
  const awaiting = view.kind === "loaded" && isAwaitingReview(view.records.lead);
  React.useEffect(() => {
    let live = true;
    if (awaiting && deadline) void deadline().then((h) => live && hours[1](h));
    return () => {
      live = false;
    };
  }, [awaiting, deadline]);

  if (leadId !== null) {
    if (view.kind === "loading") return <Spinner size={SpinnerSize.small} label={t("Loading")} labelPosition="right" />;
    if (view.kind === "failed") {
      const error = view.error;
      // A deleted lead does not come back by asking again; everything else may.
      const notFound = error.kind === "notFound";
      return (
        <MessageBar
          messageBarType={notFound ? MessageBarType.warning : MessageBarType.error}
          isMultiline
          actions={notFound ? undefined : <MessageBarButton onClick={refresh}>{t("Retry")}</MessageBarButton>}
        >
          {t(`Error_${error.kind}`, error.kind === "unknown" ? error.message : "")}
        </MessageBar>
      );
    }
    // Reached from an opportunity, account or contact, the originating lead may not come from Commerce.
    if (view.records.lead.isCommerceB2BProspect) {
      const threshold = facts.waitingThresholdMinutes;
      const timeline = deriveProvenance(view.records, { now: new Date(), waitingThresholdMinutes: threshold, currentRecord: facts.currentRecord, reviewDeadlineHours: hours[0] });
      const width = context.mode.allocatedWidth;
      const narrow = width > 0 && width < NarrowWidth;

      const recordLink = (link: StepLink, showCommerce: boolean) => {
        const role = t(`Role_${link.role}`);
        const name = link.name === null ? t("Unnamed") : link.name;
        return (
          <li key={`${link.role}:${link.id}`}>
            <Text variant="small">
              {role}:{" "}
              {link.current ? (
                // The form already shows this record: say so instead of linking to itself.
                `${name} (${t("ThisRecord")})`
              ) : (
                <Link
                  onClick={() => {
                    // A refused navigation (e.g. the user keeps unsaved changes) needs no message from us.
                    context.navigation.openForm({ entityName: link.role, entityId: link.id }).catch(() => undefined);
                  }}
                  aria-label={t("OpenRecord", role, name)}
                >
                  {name}
                </Link>
              )}
              {showCommerce
                ? ` (${link.writtenToCommerce && link.commerceNumber ? t("InCommerceAs", link.commerceNumber) : t("NotYetInCommerce")})`
                : ""}
            </Text>
          </li>
        );
      };

      return (
        <div className={classes.root} data-layout={narrow ? "narrow" : "wide"}>
          <div className={classes.toolbar}>
            <ActionButton onClick={refresh} ariaLabel={t("RefreshLabel")}>
              {t("Refresh")}
            </ActionButton>
          </div>
          <ul role="list" aria-label={t("ListLabel")} className={classes.list}>
            {timeline.steps.map((step, index) => {
              const current = timeline.currentStepId === step.id;
              const state = step.state === "failed" && rejections.includes(step.reason) ? "rejected" : step.state;
              // The creator's name is the detail of both "created by" reasons; Sales may not know it.
              const unknownUser = step.reason === "createdByDualWrite" || step.reason === "createdByUser" ? t("UnknownUser") : "";
              return (
                <li key={step.id} className={classes.item} aria-current={current ? "step" : undefined} data-step={step.id} data-state={step.state}>
                  <div className={classes.rail} aria-hidden="true">
                    <div className={getMarkerClassName(step.state, current, step.reason === "awaitingEarlierStep")}>{glyphs[step.state]}</div>
                    {index < timeline.steps.length - 1 ? <div className={classes.line} /> : null}
                  </div>
                  <div className={classes.body}>
                    <div className={narrow ? classes.headerNarrow : classes.header}>
                      <Text className={classes.title}>{t(`Step_${step.id}`)}</Text>
                      <span className={classes.meta}>
                        <span>{t(`State_${state}`)}</span>
                        {step.time ? (
                          <time dateTime={step.time.toISOString()}>
                            {t(step.state === "waiting" ? "Time_Since" : "Time_At", context.formatting.formatDateShort(step.time, true))}
                          </time>
                        ) : null}
                      </span>
                    </div>
                    <p className={classes.reason}>{t(`Reason_${step.reason}`, step.detail === null ? unknownUser : step.detail)}</p>
                    {step.overdueSince ? (
                      <MessageBar messageBarType={MessageBarType.severeWarning} className={classes.warning} data-overdue="true">
                        {t("Overdue", String(hours[0]), context.formatting.formatDateShort(step.overdueSince, true))}
                      </MessageBar>
                    ) : null}
                    {step.links.length > 0 ? <ul className={classes.links}>{step.links.map((link) => recordLink(link, step.id === "customersInCommerce"))}</ul> : null}
                    {step.warning ? (
                      <MessageBar messageBarType={MessageBarType.warning} isMultiline className={classes.warning}>
                        {t("Warning_Waited", String(step.warning.waitedMinutes), String(threshold))}
                        <ul className={classes.checks}>
                          {step.warning.checks.map((check) => (
                            <li key={check}>{t(`Check_${check}`)}</li>
                          ))}
                        </ul>
                      </MessageBar>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      );
    }
  }
  return <Text className={classes.quiet}>{t("NotCommerce")}</Text>;
}
