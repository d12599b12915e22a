import { getTheme, HighContrastSelector, mergeStyles, mergeStyleSets, type IRawStyle } from "@fluentui/react";
import type { StepState } from "../../../core/src/provenance";

/** Below this allocated width the time and state go under the title instead of beside it. */
export const NarrowWidth = 420;

export function getClassNames() {
  const { palette, fonts } = getTheme();
  const secondary = { ...fonts.small, color: palette.neutralSecondary };
  const flex = "flex";
  const column = { display: flex, flexDirection: "column" } as const;
  const grow = { flex: "1 1 auto", minWidth: 0 };
  const bareList = { listStyle: "none", margin: 0, padding: 0 };
  return mergeStyleSets({
    // Forms and the harness may center text in the cell; a timeline reads from the start edge.
    root: { ...fonts.medium, color: palette.neutralPrimary, minWidth: 0, textAlign: "start" },
    toolbar: { display: flex, justifyContent: "flex-end", minHeight: 32 },
    quiet: { ...secondary, textAlign: "start", display: "block" },
    list: bareList,
    item: { display: flex, gap: 10, minWidth: 0 },
    rail: { ...column, alignItems: "center", flex: "0 0 22px" },
    // The rail between markers is a border, so forced-colors mode keeps drawing it.
    line: { ...grow, width: 0, borderLeft: `2px solid ${palette.neutralQuaternary}`, minHeight: 8 },
    body: { ...grow, paddingBottom: 12, overflowWrap: "anywhere" },
    header: { display: flex, flexWrap: "wrap", alignItems: "baseline", gap: "2px 12px" },
    headerNarrow: { ...column, gap: 2 },
    title: { ...fonts.medium, ...grow, fontWeight: 600 },
    meta: { ...secondary, display: flex, flexWrap: "wrap", gap: "0 8px" },
    reason: { ...fonts.small, margin: "2px 0 0" },
    links: { ...column, ...bareList, marginTop: 4, gap: 2 },
    checks: { margin: "4px 0 0", paddingLeft: 18 },
    warning: { marginTop: 6 },
  });
}

/** `upcoming`: a step that only waits for earlier ones is drawn neutral, so the real waits stand out. */
export function getMarkerClassName(state: StepState, current: boolean, upcoming: boolean): string {
  const { semanticColors, palette } = getTheme();
  const notApplicable = state === "notApplicable";
  const color = upcoming || notApplicable ? palette.neutralSecondary : state === "done" ? semanticColors.successIcon : state === "failed" ? semanticColors.errorIcon : palette.themePrimary;
  const marker: IRawStyle = {
    width: 20,
    height: 20,
    boxSizing: "border-box",
    borderRadius: "50%",
    border: `2px ${notApplicable ? "dashed" : "solid"} ${color}`,
    color,
    fontSize: 12,
    lineHeight: "16px",
    textAlign: "center",
    fontWeight: 700,
    // The current step is ringed; the offset draws nothing without an outline.
    outline: current ? `2px solid ${color}` : undefined,
    outlineOffset: "2px",
    selectors: { [HighContrastSelector]: { borderColor: "CanvasText", color: "CanvasText", outlineColor: "Highlight" } },
  };
  return mergeStyles(marker);
}
