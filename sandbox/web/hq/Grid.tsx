import * as React from "react";
import { DetailsList, DetailsListLayoutMode, Selection, SelectionMode, Text, type IColumn } from "@fluentui/react";
import { useHq } from "./context";

export interface GridColumn<T> {
  key: string;
  name: string;
  /** Returns React nodes: data from the API is rendered as text, never as markup. */
  render(item: T): React.ReactNode;
  minWidth?: number;
  maxWidth?: number;
}

export interface GridProps<T> {
  items: T[] | null;
  columns: GridColumn<T>[];
  /** Stable row key (the record's id). */
  getKey(item: T): string;
  ariaLabel: string;
  /** Single selection (a reading pane); without it rows are not selectable. */
  onSelect?(item: T | null): void;
}

/** A headquarters grid: Fluent DetailsList, every row rendered (lists here are short), empty text. */
export function Grid<T>({ items, columns, getKey, ariaLabel, onSelect }: GridProps<T>): React.ReactElement {
  const { strings: s } = useHq();
  const onSelectRef = React.useRef(onSelect);
  onSelectRef.current = onSelect;
  // One Selection for the grid's lifetime: DetailsList keeps its state in it.
  const selection = React.useMemo((): Selection => {
    const created: Selection = new Selection({
      getKey: (item) => getKey(item as T),
      onSelectionChanged: (): void => onSelectRef.current?.((created.getSelection()[0] as T | undefined) ?? null),
    });
    return created;
  }, []);
  const listColumns: IColumn[] = columns.map((c) => ({
    key: c.key,
    name: c.name,
    fieldName: c.key,
    minWidth: c.minWidth ?? 100,
    maxWidth: c.maxWidth ?? 220,
    isResizable: true,
    onRender: (item: T) => c.render(item),
  }));
  return (
    <>
      <DetailsList
        items={items ?? []}
        columns={listColumns}
        // With a Selection the keys come from it (DetailsList takes one or the other).
        getKey={onSelect ? undefined : (item: T) => getKey(item)}
        setKey="records"
        ariaLabelForGrid={ariaLabel}
        layoutMode={DetailsListLayoutMode.justified}
        selectionMode={onSelect ? SelectionMode.single : SelectionMode.none}
        selection={onSelect ? selection : undefined}
        selectionPreservedOnEmptyClick
        onShouldVirtualize={() => false}
        compact
      />
      {items !== null && items.length === 0 && (
        <Text block styles={{ root: { padding: 16, color: "#605e5c" } }}>
          {s.empty}
        </Text>
      )}
    </>
  );
}
