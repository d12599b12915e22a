import { getTheme, HighContrastSelector, mergeStyleSets } from "@fluentui/react";
import type { StepState } from "../../../core/src/provenance";

/** Below this allocated width the time and state go under the title instead of beside it. */
export const NarrowWidth = 420;

export function getClassNames() {
  const { palette, fonts } = getTheme();
  const secondary = { ...fonts.small, color: palette.neutralSecondary };
  const column = { display: "flex", flexDirection: "column" } as const;
  const grow = { flex: "1 1 auto", minWidth: 0 };
  return mergeStyleSets({
    // Forms and the harness may center text in the cell; a timeline reads from the start edge.
    root: { ...fonts.medium, color: palette.neutralPrimary, minWidth: 0, textAlign: "start" },
    toolbar: { display: "flex", justifyContent: "flex-end", minHeight: 32 },
    quiet: { ...secondary, textAlign: "start", display: "block" },
    list: { listStyle: "none", margin: 0, padding: 0 },
    item: { display: "flex", alignItems: "stretch", gap: 10, minWidth: 0 },
    rail: { ...column, alignItems: "center", flex: "0 0 22px" },
    // The rail between markers is a border, so forced-colors mode keeps drawing it.
    line: { ...grow, width: 0, borderLeft: `2px solid ${palette.neutralQuaternary}`, minHeight: 8 },
    body: { ...grow, paddingBottom: 12, overflowWrap: "anywhere" },
    header: { display: "flex", flexWrap: "wrap", alignItems: "baseline", columnGap: 12, rowGap: 2 },
    headerNarrow: { ...column, rowGap: 2 },
    title: { ...fonts.medium, ...grow, fontWeight: 600 },
    meta: { ...secondary, display: "flex", columnGap: 8, flexWrap: "wrap" },
    reason: { ...fonts.small, margin: "2px 0 0" },
    links: { ...column, listStyle: "none", margin: "4px 0 0", padding: 0, rowGap: 2 },
    checks: { margin: "4px 0 0", paddingLeft: 18 },
    warning: { marginTop: 6 },
  });
}

/** `upcoming`: a step that only waits for earlier ones is drawn neutral, so the real waits stand out. */
export function getMarkerClassName(state: StepState, current: boolean, upcoming: boolean): string {
  const { semanticColors, palette } = getTheme();
  const color = upcoming || state === "notApplicable" ? palette.neutralSecondary : state === "done" ? semanticColors.successIcon : state === "failed" ? semanticColors.errorIcon : palette.themePrimary;
  return mergeStyleSets({
    marker: {
      width: 20,
      height: 20,
      boxSizing: "border-box",
      borderRadius: "50%",
      border: `2px ${state === "notApplicable" ? "dashed" : "solid"} ${color}`,
      color,
      fontSize: 12,
      lineHeight: "16px",
      textAlign: "center",
      fontWeight: 700,
      outline: current ? `2px solid ${color}` : undefined,
      outlineOffset: current ? 2 : undefined,
      selectors: { [HighContrastSelector]: { borderColor: "CanvasText", color: "CanvasText", outlineColor: "Highlight" } },
    },
  }).marker;
}
