/** @jsx h */
import type * as React from "react";
import { badgeStyles } from "./badgeStyles";
import { h } from "./h";
import type { HandOffBadge } from "./handOffStage";
import type { Translate } from "./text";

/**
 * One compact cell: "Pending · Awaiting review", after an Overdue marker past the deadline (first, so a
 * narrow column never cuts it off; the title holds the whole text). `status` is the prospect status as
 * the grid formats it; like every value here it is rendered as text, never markup.
 */
export function handOffBadgeView(status: string, { stage, overdue }: HandOffBadge, t: Translate): React.ReactElement {
  const stageText = t(`Stage_${stage}`);
  const label = t("BadgeLabel", status, stageText);
  const styles = badgeStyles(stage, overdue);
  return (
    <span title={overdue ? `${t("Overdue")}: ${label}` : label} data-stage={stage}>
      {overdue && <span style={styles.marker}>{t("Overdue")}</span>}
      {overdue && " "}
      <span style={styles.badge}>
        {status} · {stageText}
      </span>
    </span>
  );
}
