/** Loads the table's views, then the chosen view's current page; stale answers are dropped. */
import * as React from "react";
import type { SalesSession } from "../../shared/session";
import type { SalesEntity } from "../shell/entities";
import { gridCustomizerName } from "./customizer/assignment";
import { initialView, loadViewPage, loadViewPageWithControl, loadViews, type ControlDefinition, type SystemView, type ViewPage } from "./viewData";

export const PAGE_SIZE = 50;

export type Sort = { attribute: string; descending: boolean } | undefined;

export interface ViewRowsState {
  views: SystemView[] | null;
  view: SystemView | undefined;
  page: number;
  sort: Sort;
  data: ViewPage | null;
  loading: boolean;
  error: string | null;
  /** The definition of the customizer the view's grid is assigned, once read (with the first page). */
  customizer: ControlDefinition | null;
}

export function useViewRows(session: SalesSession, entity: SalesEntity, requestedViewId: string | undefined, reloadKey: number) {
  const [views, setViews] = React.useState<SystemView[] | null>(null);
  const [page, setPage] = React.useState(1);
  const [sort, setSort] = React.useState<Sort>(undefined);
  const [data, setData] = React.useState<ViewPage | null>(null);
  const [loading, setLoading] = React.useState(true);
  const [error, setError] = React.useState<string | null>(null);
  const [customizer, setCustomizer] = React.useState<ControlDefinition | null>(null);
  // Definitions already read, by control name: later pages and views with the same customizer reuse them.
  const definitions = React.useRef(new Map<string, ControlDefinition>());

  React.useEffect(() => {
    let current = true;
    setViews(null);
    setError(null);
    loadViews(session, entity).then(
      (loaded) => current && setViews(loaded),
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [session, entity]);

  const view = views ? initialView(views, requestedViewId) : undefined;

  // A new view starts on page 1 in the view's own order.
  React.useEffect(() => {
    setPage(1);
    setSort(undefined);
  }, [view?.id]);

  React.useEffect(() => {
    if (!view) {
      if (views) setLoading(false);
      return;
    }
    let current = true;
    setLoading(true);
    setError(null);
    const request = { page, pageSize: PAGE_SIZE, sort };
    const customizerName = gridCustomizerName(view.layoutXml);
    const known = customizerName ? definitions.current.get(customizerName) : undefined;
    const pending =
      customizerName && !known
        ? loadViewPageWithControl(session, entity, view, request, customizerName).then(({ page: rows, definition }) => {
            if (!("error" in definition)) definitions.current.set(customizerName, definition);
            return { rows, definition };
          })
        : loadViewPage(session, entity, view, request).then((rows) => ({ rows, definition: known ?? null }));
    pending.then(
      ({ rows: loaded, definition }) => {
        if (!current) return;
        setData(loaded);
        setCustomizer(definition);
        setLoading(false);
      },
      (e: unknown) => {
        if (!current) return;
        setData(null);
        setLoading(false);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      current = false;
    };
  }, [session, entity, view, page, sort, reloadKey]);

  return { views, view, page, setPage, sort, setSort, data, loading, error, customizer };
}
