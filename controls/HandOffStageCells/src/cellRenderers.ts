import { LeadColumns } from "../../../core/src/columns";
import type { CellRendererOverrides } from "./gridCustomizer";
import { handOffBadge } from "./handOffStage";
import { handOffBadgeView } from "./HandOffBadgeView";
import type { Translate } from "./text";

/**
 * The renderers the grid asks for each cell: the prospect status column of our views becomes the
 * hand-off badge; every other cell gets undefined, which tells the grid to render it itself.
 * `now` is read per call (the control passes the real clock) so a grid left open keeps its overdue markers current.
 */
export function handOffCellRenderers(t: Translate, now: () => Date): CellRendererOverrides {
  return {
    OptionSet: (props, params) => {
      const column = params.colDefs[params.columnIndex];
      if (!column || column.name !== LeadColumns.prospectStatus) return undefined;
      const badge = handOffBadge(params.rowData, now());
      if (!badge) return undefined;
      const status = props.value == null ? t("NoStatus") : props.formattedValue || String(props.value);
      return handOffBadgeView(status, badge, t);
    },
  };
}
