/**
 * The arguments the Power Apps grid hands a cell renderer override (the template's CellRendererProps and
 * GetRendererParams), built from a Web API row of the view: the cell's raw and formatted value, the
 * visible columns' definitions, and the row data — the record id under `__rec_id` and every column of
 * the layoutxml (hidden ones too) under its cell name, raw as the Web API returns it.
 */
import {
  RECID,
  type CellRendererProps,
  type ColumnDataType,
  type ColumnDefinition,
  type GetRendererParams,
  type PAOneGridCustomizer,
  type RowData,
} from "../../../../../controls/HandOffStageCells/src/gridCustomizer";
import type { LanguageId } from "../../../shared/session";
import { cellText, rowId, valueKey, type ApiRow } from "../cellText";

export interface GridColumn extends ColumnDefinition {
  dataType: ColumnDataType;
}

export function rowDataOf(row: ApiRow, idColumn: string, layoutColumns: readonly string[]): RowData {
  const data: RowData & Record<string, unknown> = { [RECID]: rowId(row, idColumn) };
  for (const column of layoutColumns) {
    const value = row[valueKey(row, column)];
    data[column] = value === undefined ? null : value;
  }
  return data;
}

/**
 * The override's element for one cell, or null when the grid renders the cell itself: no override for
 * the data type, the override answered null/undefined, or it threw (a customizer's fault stays in its cell).
 */
export function customCellElement(
  customizer: PAOneGridCustomizer,
  columns: readonly GridColumn[],
  columnIndex: number,
  row: ApiRow,
  rowData: RowData,
  languageId: LanguageId,
): unknown {
  const column = columns[columnIndex];
  const override = column ? customizer.cellRendererOverrides?.[column.dataType] : undefined;
  if (!column || !override) return null;
  const value = row[valueKey(row, column.name)];
  const props: CellRendererProps = {
    value: value === undefined ? null : value,
    formattedValue: cellText(row, column.name, languageId),
    columnDataType: column.dataType,
    rowHeight: 42,
  };
  const params: GetRendererParams = { colDefs: columns as ColumnDefinition[], columnIndex, rowData };
  try {
    return override(props, params) ?? null;
  } catch (error) {
    console.warn(`The grid customizer's ${column.dataType} renderer failed for ${column.name}; the grid shows the value itself.`, error);
    return null;
  }
}
