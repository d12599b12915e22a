import { getTheme } from "@fluentui/react";
import type * as React from "react";
import type { HandOffStage } from "./handOffStage";

/**
 * The badge's colours from the Fluent theme: whose move it is decides them — a rep's (blue), the
 * systems' (yellow), or the end (green, red). Inline styles rather than generated classes keep
 * bundle.js small (issue 17's budget). The transparent border is what forced-colours mode draws, so
 * the badge keeps its outline there, and the label carries the meaning.
 */
export function badgeStyles(stage: HandOffStage, overdue: boolean): { badge: React.CSSProperties; marker: React.CSSProperties } {
  const { palette, semanticColors, fonts } = getTheme();
  const pill: React.CSSProperties = { fontSize: fonts.small.fontSize, display: "inline-block", padding: "0 8px", borderRadius: 10, border: "1px solid transparent", lineHeight: "18px", whiteSpace: "nowrap", color: palette.neutralPrimary };
  const background =
    stage === "leadQualified" || stage === "opportunityClosed"
      ? palette.themeLighter
      : stage === "approved"
        ? semanticColors.successBackground
        : stage === "customersInCommerce" || stage === "prospectDecided"
          ? semanticColors.warningBackground
          : semanticColors.errorBackground;
  return {
    badge: { ...pill, background, borderColor: overdue ? semanticColors.errorIcon : "transparent" },
    marker: { ...pill, fontWeight: 600, color: palette.white, background: semanticColors.errorIcon },
  };
}
