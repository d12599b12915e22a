import type * as React from "react";

/**
 * The part of the Power Apps grid control's customizer interface this control implements, declared
 * after the grid customizer template (microsoft/PowerApps-Samples:
 * component-framework/resources/GridCustomizerControlTemplate/PAGridCustomizer/types.ts) and Microsoft
 * Learn, "Customize the editable grid control". The sandbox's Sales Hub grid calls the renderers through
 * these same types. Only the members we read are declared; the grid passes more.
 */

/** The column data types the grid keys its renderer overrides by. */
export type ColumnDataType =
  | "Text"
  | "Email"
  | "Phone"
  | "Ticker"
  | "URL"
  | "TextArea"
  | "Lookup"
  | "Customer"
  | "Owner"
  | "MultiSelectPicklist"
  | "OptionSet"
  | "TwoOptions"
  | "Duration"
  | "Language"
  | "Multiple"
  | "TimeZone"
  | "Integer"
  | "Currency"
  | "Decimal"
  | "FloatingPoint"
  | "AutoNumber"
  | "DateOnly"
  | "DateAndTime"
  | "Image"
  | "File"
  | "Persona";

/** The key under which row data carries the record id. */
export const RECID = "__rec_id";

/** A row as the grid hands it to a renderer: the record id, and (as the grid holds them) the row's column values. */
export interface RowData {
  [RECID]: string;
}

export interface ColumnDefinition {
  /** The column's name as the view's layoutxml names it (`alias.column` for a linked table's column). */
  name: string;
  displayName?: string;
  dataType: string;
  isPrimary: boolean;
}

export interface CellRendererProps {
  /** The cell's raw value (an option set's number). */
  value: unknown;
  /** The value as the grid formats it, in the user's language. */
  formattedValue?: string;
  columnDataType?: ColumnDataType;
  rowHeight?: number;
}

export interface GetRendererParams {
  colDefs: ColumnDefinition[];
  columnIndex: number;
  rowData?: RowData;
}

/** Per data type: the element to show, or null/undefined to let the grid render the cell itself. */
export type CellRendererOverrides = Partial<
  Record<ColumnDataType, (props: CellRendererProps, rendererParams: GetRendererParams) => React.ReactElement | null | undefined>
>;

/** What `init` hands the grid through `context.factory.fireEvent(EventName, …)`. */
export interface PAOneGridCustomizer {
  cellRendererOverrides?: CellRendererOverrides;
}
