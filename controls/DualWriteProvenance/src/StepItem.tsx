import * as React from "react";
import { Link, MessageBar, MessageBarType, Text } from "@fluentui/react";
import type { ProvenanceStep, StepLink, StepReason } from "../../../core/src/provenance";
import type { Texts } from "./text";
import { getClassNames, getMarkerClassName } from "./styles";

export interface StepItemProps {
  step: ProvenanceStep;
  isCurrent: boolean;
  isLast: boolean;
  narrow: boolean;
  texts: Texts;
  waitingThresholdMinutes: number;
  formatDateTime: (date: Date) => string;
  openRecord: (entityType: string, id: string) => void;
}

const glyphs = { done: "✓", waiting: "…", failed: "✕", notApplicable: "–" } as const;
const rejections: ReadonlySet<StepReason> = new Set<StepReason>(["disqualified", "opportunityLost", "prospectRejected"]);

/** One step of the timeline. Every record value is rendered as a React text child: inert, never markup. */
export function StepItem(props: StepItemProps): React.ReactElement {
  const { step, texts, narrow } = props;
  const classes = getClassNames();
  const stateKey = step.state === "failed" && rejections.has(step.reason) ? "State_rejected" : (`State_${step.state}` as const);
  const time = step.time ? (
    <time dateTime={step.time.toISOString()}>
      {texts.get(step.state === "waiting" ? "Time_Since" : "Time_At", props.formatDateTime(step.time))}
    </time>
  ) : null;
  return (
    <li className={classes.item} aria-current={props.isCurrent ? "step" : undefined} data-step={step.id} data-state={step.state}>
      <div className={classes.rail} aria-hidden="true">
        <div className={getMarkerClassName(step.state, props.isCurrent, step.reason === "awaitingEarlierStep")}>{glyphs[step.state]}</div>
        {props.isLast ? null : <div className={classes.line} />}
      </div>
      <div className={classes.body}>
        <div className={narrow ? classes.headerNarrow : classes.header}>
          <Text className={classes.title}>{texts.get(`Step_${step.id}`)}</Text>
          <span className={classes.meta}>
            <span>{texts.get(stateKey)}</span>
            {time}
          </span>
        </div>
        <p className={classes.reason}>{reasonText(step, texts)}</p>
        {step.links.length > 0 ? (
          <ul className={classes.links}>
            {step.links.map((link) => (
              <li key={`${link.role}:${link.id}`}>
                <RecordLink link={link} texts={texts} showCommerce={step.id === "customersInCommerce"} openRecord={props.openRecord} />
              </li>
            ))}
          </ul>
        ) : null}
        {step.warning ? (
          <MessageBar messageBarType={MessageBarType.warning} isMultiline className={classes.warning}>
            {texts.get("Warning_Waited", String(step.warning.waitedMinutes), String(props.waitingThresholdMinutes))}
            <ul className={classes.checks}>
              {step.warning.checks.map((check) => (
                <li key={check}>{texts.get(`Check_${check}`)}</li>
              ))}
            </ul>
          </MessageBar>
        ) : null}
      </div>
    </li>
  );
}

function reasonText(step: ProvenanceStep, texts: Texts): string {
  const detail = step.detail ?? (step.reason === "createdByDualWrite" || step.reason === "createdByUser" ? texts.get("UnknownUser") : "");
  return texts.get(`Reason_${step.reason}`, detail);
}

function RecordLink(props: { link: StepLink; texts: Texts; showCommerce: boolean; openRecord: (entityType: string, id: string) => void }) {
  const { link, texts } = props;
  const role = texts.get(`Role_${link.role}`);
  const name = link.name ?? texts.get("Unnamed");
  const commerce = props.showCommerce
    ? ` (${link.writtenToCommerce && link.commerceNumber ? texts.get("InCommerceAs", link.commerceNumber) : texts.get("NotYetInCommerce")})`
    : "";
  if (link.current) {
    // The form already shows this record: say so instead of linking to itself.
    return (
      <Text variant="small">
        {role}: {name} ({texts.get("ThisRecord")}){commerce}
      </Text>
    );
  }
  return (
    <Text variant="small">
      {role}:{" "}
      <Link onClick={() => props.openRecord(link.entityType, link.id)} aria-label={texts.get("OpenRecord", role, name)}>
        {name}
      </Link>
      {commerce}
    </Text>
  );
}
