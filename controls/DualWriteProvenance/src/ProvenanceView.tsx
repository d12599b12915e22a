/** @jsx h */
import * as React from "react";
import { ActionButton, Link, MessageBar, MessageBarButton, MessageBarType, Spinner, SpinnerSize, Text } from "@fluentui/react";
import { deriveProvenance, RejectionReasons, type StepLink } from "../../../core/src/provenance";
import { isAwaitingReview } from "../../../core/src/reviewDeadline";
import type { IInputs } from "../inputs";
import { h } from "./h";
import type { LoadProvenance, LoadResult } from "./loader";
import { readFormFacts } from "./platform";
import { NarrowWidth } from "./styles";
import type { Translate } from "./text";

export interface ProvenanceViewProps {
  context: ComponentFramework.Context<IInputs>;
  load: LoadProvenance;
  t: Translate;
  /** The review deadline in force (src/reviewDeadline.ts); without it no step is marked overdue. */
  deadline?: () => Promise<number | null>;
}

type ViewState = { kind: "loading" } | LoadResult;

/**
 * The control's root: the quiet line, a spinner, an inline error, or the timeline. Every record value
 * is rendered as a React text child: inert, never markup. The layout is css/DualWriteProvenance.css,
 * which finds its elements by their place in this markup and by the step's data- attributes (the
 * marker's glyph and colour come from data-state, data-reason and aria-current).
 */
export function ProvenanceView({ context, load, t, deadline }: ProvenanceViewProps): React.ReactElement {
  const facts = readFormFacts(context);
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
      const threshold = facts.thresholdMinutes;
      const timeline = deriveProvenance(view.records, { now: new Date(), thresholdMinutes: threshold, currentRecord: facts.currentRecord, reviewDeadlineHours: hours[0] });
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
        <div className="cb2b-provenance" data-layout={narrow ? "narrow" : "wide"}>
          <div>
            <ActionButton onClick={refresh} ariaLabel={t("RefreshLabel")}>
              {t("Refresh")}
            </ActionButton>
          </div>
          <ul role="list" aria-label={t("ListLabel")}>
            {timeline.steps.map((step) => {
              const current = timeline.currentStepId === step.id;
              // A failed step that is a decision (disqualified, lost, rejected) reads "Rejected", not "Failed".
              const state = step.state === "failed" && RejectionReasons.includes(step.reason) ? "rejected" : step.state;
              // The creator's name is the detail of the lead's creation (both its reasons); Sales may not know it.
              const unknownUser = step.id === "leadCreated" ? t("UnknownUser") : "";
              return (
                <li key={step.id} aria-current={current ? "step" : undefined} data-step={step.id} data-state={step.state} data-reason={step.reason}>
                  <div className="cb2b-provenance-rail" aria-hidden="true">
                    <div />
                    <div />
                  </div>
                  <div>
                    <div>
                      <Text>{t(`Step_${step.id}`)}</Text>
                      <span>
                        <span>{t(`State_${state}`)}</span>
                        {step.time ? (
                          <time dateTime={step.time.toISOString()}>
                            {t(step.state === "waiting" ? "Time_Since" : "Time_At", context.formatting.formatDateShort(step.time, true))}
                          </time>
                        ) : null}
                      </span>
                    </div>
                    <p>{t(`Reason_${step.reason}`, step.detail === null ? unknownUser : step.detail)}</p>
                    {step.overdueSince ? (
                      <MessageBar messageBarType={MessageBarType.severeWarning} data-overdue="true">
                        {t("Overdue", String(hours[0]), context.formatting.formatDateShort(step.overdueSince, true))}
                      </MessageBar>
                    ) : null}
                    {step.links.length > 0 ? <ul className="cb2b-provenance-links">{step.links.map((link) => recordLink(link, step.id === "customersInCommerce"))}</ul> : null}
                    {step.waitedTooLong ? (
                      <MessageBar messageBarType={MessageBarType.warning} isMultiline>
                        {t("Warning_Waited", String(step.waitedTooLong.waitedMinutes), String(threshold))}
                        <ul>
                          {step.waitedTooLong.checks.map((check) => (
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
  return (
    <Text variant="small" className="cb2b-provenance-quiet">
      {t("NotCommerce")}
    </Text>
  );
}
