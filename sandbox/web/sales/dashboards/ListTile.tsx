/** A dashboard list: the first page of a view, columns from its layoutxml, each row opening its record. */
import * as React from "react";
import { DetailsList, DetailsListLayoutMode, Link, MessageBar, MessageBarType, SelectionMode, Spinner, SpinnerSize, Text, type IColumn } from "@fluentui/react";
import type { PageTarget, SalesSession } from "../../shared/session";
import { salesEntity } from "../shell/entities";
import { targetUrl } from "../shell/route";
import { cellText, rowId, type ApiRow } from "../views/cellText";
import { columnLabel } from "../views/columnLabels";
import { parseLayoutXml } from "../views/layout";
import { apiError, loadViewPage, type SystemView, type ViewPage } from "../views/viewData";
import { dashboardString } from "./dashboardTexts";

export interface ListTileProps {
  session: SalesSession;
  entityName: string;
  viewId: string;
  recordsPerPage: number;
  navigate(target: PageTarget): void;
}

type State = { kind: "loading" } | { kind: "error"; message: string } | { kind: "ready"; view: SystemView; page: ViewPage };

export function ListTile({ session, entityName, viewId, recordsPerPage, navigate }: ListTileProps): React.ReactElement {
  const lang = session.languageId;
  const entity = salesEntity(entityName);
  const [state, setState] = React.useState<State>({ kind: "loading" });

  React.useEffect(() => {
    let current = true;
    const load = async (): Promise<{ view: SystemView; page: ViewPage }> => {
      if (!entity) throw new Error(`The sandbox's Sales Hub has no table '${entityName}'.`);
      const response = await session.fetchApi(`savedqueries(${viewId})?$select=savedqueryid,name,fetchxml,layoutxml`);
      if (!response.ok) throw await apiError(response);
      const row = (await response.json()) as { savedqueryid: string; name: string | null; fetchxml: string | null; layoutxml: string | null };
      if (!row.fetchxml || !row.layoutxml) throw new Error(`The view ${viewId} has no fetchxml or layoutxml.`);
      const view: SystemView = { id: row.savedqueryid, name: row.name ?? row.savedqueryid, isDefault: false, fetchXml: row.fetchxml, layoutXml: row.layoutxml };
      return { view, page: await loadViewPage(session, entity, view, { page: 1, pageSize: recordsPerPage }) };
    };
    setState({ kind: "loading" });
    load().then(
      (loaded) => current && setState({ kind: "ready", ...loaded }),
      (error: unknown) => current && setState({ kind: "error", message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [session, entity, entityName, viewId, recordsPerPage]);

  if (state.kind === "loading") return <Spinner size={SpinnerSize.medium} />;
  if (state.kind === "error" || !entity) {
    return (
      <MessageBar messageBarType={MessageBarType.error} isMultiline>
        {dashboardString(lang, "listFailed", state.kind === "error" ? state.message : entityName)}
      </MessageBar>
    );
  }
  const layout = parseLayoutXml(state.view.layoutXml);
  const idColumn = layout.idColumn || entity.primaryIdAttribute;
  const columns: IColumn[] = layout.columns.map((cell) => ({
    key: cell.name,
    name: columnLabel(entity.logicalName, cell.name, lang),
    minWidth: Math.min(cell.width, 90),
    maxWidth: cell.width,
    isResizable: true,
    onRender: (row: ApiRow) => {
      const text = cellText(row, cell.name, lang);
      if (cell.name !== layout.jump) return <span>{text}</span>;
      const target: PageTarget = { pagetype: "entityrecord", etn: entity.logicalName, id: rowId(row, idColumn) };
      return (
        <Link
          href={targetUrl(target)}
          onClick={(event) => {
            if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
            event.preventDefault();
            navigate(target);
          }}
        >
          {text}
        </Link>
      );
    },
  }));
  const total = state.page.total ?? state.page.rows.length;
  return (
    <div>
      <DetailsList
        items={state.page.rows}
        columns={columns}
        getKey={(row: ApiRow) => rowId(row, idColumn)}
        selectionMode={SelectionMode.none}
        layoutMode={DetailsListLayoutMode.justified}
        compact
      />
      <Text variant="small" styles={{ root: { padding: "4px 12px", display: "block", color: "#605e5c" } }}>
        {dashboardString(lang, "rows", state.page.totalExceeded ? `${total}+` : total)}
      </Text>
    </div>
  );
}
