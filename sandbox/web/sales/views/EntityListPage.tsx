import * as React from "react";
import {
  DetailsList,
  DetailsListLayoutMode,
  IconButton,
  Link,
  MessageBar,
  MessageBarType,
  Selection,
  SelectionMode,
  Spinner,
  SpinnerSize,
  Stack,
  type IColumn,
} from "@fluentui/react";
import { chromeString } from "../../shared/strings";
import type { PageTarget, SalesSession } from "../../shared/session";
import type { SalesEntity } from "../shell/entities";
import { targetUrl } from "../shell/route";
import { cellText, rowId, type ApiRow } from "./cellText";
import { columnLabel } from "./columnLabels";
import { columnDataType, linkAliases } from "./customizer/columnTypes";
import { CustomCell } from "./customizer/CustomCell";
import { customCellElement, rowDataOf, type GridColumn } from "./customizer/gridCells";
import { useGridCustomizer } from "./customizer/useGridCustomizer";
import { GridFooter } from "./GridFooter";
import { parseLayoutXml, viewOrder } from "./layout";
import { useViewRows } from "./useViewRows";
import { ViewSelector } from "./ViewSelector";

/** What the list gives a command bar placed above the grid. */
export interface GridCommandContext {
  entityName: string;
  selected: { id: string; name: string }[];
  refresh(): void;
}

export interface EntityListPageProps {
  session: SalesSession;
  entity: SalesEntity;
  viewId: string | undefined;
  navigate(target: PageTarget, options?: { replace?: boolean }): void;
  renderCommandBar?: (context: GridCommandContext) => React.ReactNode;
}

/** A table's list page: view selector, grid rendered from the view's layoutxml, count and paging. */
export function EntityListPage({ session, entity, viewId, navigate, renderCommandBar }: EntityListPageProps): React.ReactElement {
  const lang = session.languageId;
  const [reloadKey, setReloadKey] = React.useState(0);
  const [selected, setSelected] = React.useState<{ id: string; name: string }[]>([]);
  const { views, view, page, setPage, sort, setSort, data, loading, error, customizer } = useViewRows(session, entity, viewId, reloadKey);
  const layout = React.useMemo(() => (view ? parseLayoutXml(view.layoutXml) : null), [view]);
  // The Power Apps grid's customizer, when the view assigns one: its renderers get each cell first.
  const gridCustomizer = useGridCustomizer(session, entity.logicalName, customizer, navigate);
  const gridColumns = React.useMemo((): GridColumn[] => {
    if (!view || !layout) return [];
    const aliases = linkAliases(view.fetchXml);
    const jump = layout.jump ?? entity.primaryNameAttribute;
    return layout.columns.map((cell) => ({
      name: cell.name,
      displayName: columnLabel(entity.logicalName, cell.name, lang),
      dataType: columnDataType(entity.logicalName, cell.name, aliases),
      isPrimary: cell.name === jump,
    }));
  }, [view, layout, entity, lang]);
  const rowData = React.useMemo(() => {
    const cache = new WeakMap<ApiRow, ReturnType<typeof rowDataOf>>();
    const names = layout ? [...layout.columns.map((c) => c.name), ...layout.hiddenColumns] : [];
    return (row: ApiRow) => cache.get(row) ?? cache.set(row, rowDataOf(row, layout?.idColumn || entity.primaryIdAttribute, names)).get(row)!;
  }, [layout, entity.primaryIdAttribute]);
  const shownOrder = sort ?? (view ? viewOrder(view.fetchXml) : null);
  const idColumn = layout?.idColumn || entity.primaryIdAttribute;

  const selection: Selection = React.useMemo(
    (): Selection =>
      new Selection({
        getKey: (item) => rowId(item as ApiRow, idColumn),
        onSelectionChanged: (): void =>
          setSelected(
            selection.getSelection().map((item: unknown) => ({
              id: rowId(item as ApiRow, idColumn),
              name: cellText(item as ApiRow, entity.primaryNameAttribute, lang),
            })),
          ),
      }),
    [idColumn, entity.primaryNameAttribute, lang],
  );

  const open = React.useCallback(
    (row: ApiRow) => {
      const id = rowId(row, idColumn);
      if (id) navigate({ pagetype: "entityrecord", etn: entity.logicalName, id });
    },
    [entity.logicalName, idColumn, navigate],
  );

  const columns: IColumn[] = (layout?.columns ?? []).map((cell, columnIndex) => {
    const sortable = !cell.name.includes(".");
    const sorted = shownOrder?.attribute === cell.name;
    const isJump = cell.name === (layout?.jump ?? entity.primaryNameAttribute);
    return {
      key: cell.name,
      name: columnLabel(entity.logicalName, cell.name, lang),
      minWidth: Math.min(cell.width, 100),
      maxWidth: cell.width,
      isResizable: true,
      isSorted: sorted,
      isSortedDescending: sorted && shownOrder?.descending === true,
      sortAscendingAriaLabel: chromeString(lang, "sortAscending"),
      sortDescendingAriaLabel: chromeString(lang, "sortDescending"),
      onColumnClick: sortable
        ? () => {
            setSort({ attribute: cell.name, descending: sorted ? shownOrder?.descending !== true : false });
            setPage(1);
          }
        : undefined,
      onRender: (row: ApiRow) => {
        if (gridCustomizer.status === "ready") {
          const { customizer: overrides, reactDom } = gridCustomizer.started;
          const element = customCellElement(overrides, gridColumns, columnIndex, row, rowData(row), lang);
          if (element) return <CustomCell element={element} reactDom={reactDom} />;
        }
        const text = cellText(row, cell.name, lang);
        if (!isJump) return <span>{text}</span>;
        const id = rowId(row, idColumn);
        return (
          <Link
            href={targetUrl({ pagetype: "entityrecord", etn: entity.logicalName, id })}
            onClick={(event) => {
              // Plain click opens in the app; Ctrl/middle click keeps the browser's new-tab behaviour.
              if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
              event.preventDefault();
              open(row);
            }}
            aria-label={chromeString(lang, "openRecord", text)}
          >
            {text}
          </Link>
        );
      },
    };
  });

  const viewName = view?.name ?? entity.displayCollectionName[lang];
  return (
    <Stack styles={{ root: { height: "100%", background: "#fff" } }}>
      {renderCommandBar?.({ entityName: entity.logicalName, selected, refresh: () => setReloadKey((k) => k + 1) })}
      <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 8 }} styles={{ root: { padding: "8px 12px 0" } }}>
        {views && views.length > 0 && (
          <ViewSelector
            views={views}
            selectedId={view?.id}
            languageId={lang}
            onSelect={(next) => navigate({ pagetype: "entitylist", etn: entity.logicalName, viewid: next.id })}
          />
        )}
        <IconButton
          iconProps={{ iconName: "Refresh" }}
          ariaLabel={chromeString(lang, "refresh")}
          title={chromeString(lang, "refresh")}
          onClick={() => setReloadKey((k) => k + 1)}
        />
      </Stack>
      {error && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline>
          {chromeString(lang, "loadFailed", error)}
        </MessageBar>
      )}
      {views && views.length === 0 && <MessageBar>{chromeString(lang, "noViews")}</MessageBar>}
      {gridCustomizer.status === "failed" && (
        <MessageBar messageBarType={MessageBarType.warning} isMultiline>
          {chromeString(lang, "controlLoadFailed", gridCustomizer.name, gridCustomizer.message)}
        </MessageBar>
      )}
      <div style={{ flex: 1, overflow: "auto", position: "relative" }} data-grid-customizer={customizer?.name} data-grid-customizer-status={gridCustomizer.status}>
        {data && layout && (
          <DetailsList
            items={data.rows}
            columns={columns}
            getKey={(row: ApiRow) => rowId(row, idColumn)}
            setKey={`${view?.id ?? ""}:${page}`}
            selection={selection}
            selectionMode={SelectionMode.multiple}
            layoutMode={DetailsListLayoutMode.fixedColumns}
            onItemInvoked={(row: ApiRow) => open(row)}
            ariaLabelForGrid={chromeString(lang, "gridLabel", viewName)}
            ariaLabelForSelectionColumn={chromeString(lang, "toggleSelection")}
            ariaLabelForSelectAllCheckbox={chromeString(lang, "toggleSelectAll")}
            checkButtonAriaLabel={chromeString(lang, "selectRow")}
          />
        )}
        {data && data.rows.length === 0 && !loading && (
          <div style={{ padding: 32, textAlign: "center", color: "#605e5c" }}>{chromeString(lang, "noRecords")}</div>
        )}
        {loading && <Spinner size={SpinnerSize.medium} label={chromeString(lang, "loading")} styles={{ root: { padding: 16 } }} />}
      </div>
      {data && (
        <GridFooter
          languageId={lang}
          page={page}
          shownCount={data.rows.length}
          total={data.total}
          totalExceeded={data.totalExceeded}
          hasMore={data.moreRecords}
          onPage={setPage}
        />
      )}
    </Stack>
  );
}
