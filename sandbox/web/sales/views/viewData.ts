/** The grid's Web API calls: the table's public system views, and one page of a view's rows. */
import { SalesSystemViews } from "../../../src/dataverse/storage/salesViews";
import type { LanguageId, SalesSession } from "../../shared/session";
import type { SalesEntity } from "../shell/entities";
import type { ApiRow } from "./cellText";
import { batchGet } from "../../shared/batchGet";
import { controlDefinitionPath } from "./customizer/assignment";
import { pagedFetchXml, type PageRequest } from "./layout";

export interface SystemView {
  id: string;
  name: string;
  isDefault: boolean;
  fetchXml: string;
  layoutXml: string;
}

/** A grid customizer's definition as read with a view's first page, or why it could not be. */
export type ControlDefinition = { name: string; manifest: string } | { name: string; error: string };

export interface ViewPage {
  rows: ApiRow[];
  /** Total rows matching the view (capped at 5000 by Dataverse, then `totalExceeded`). */
  total: number | null;
  totalExceeded: boolean;
  moreRecords: boolean;
}

/** The Web API's own error message ({ error: { message } }), or the HTTP status. */
export async function apiError(response: Response): Promise<Error> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return new Error(body.error.message);
  } catch {
    // Not JSON: fall through to the status.
  }
  return new Error(`HTTP ${response.status}`);
}

/**
 * A view's name in the user's language. Dataverse answers names in the UI language; this stand-in
 * stores the English name only, so the seeded Sales views carry their Finnish names in salesViews.ts.
 */
export function localizedViewName(id: string, name: string, languageId: LanguageId): string {
  return SalesSystemViews.find((view) => view.savedqueryid === id)?.names[languageId] ?? name;
}

export async function loadViews(session: SalesSession, entity: SalesEntity): Promise<SystemView[]> {
  const filter = `returnedtypecode eq '${entity.logicalName}' and querytype eq 0 and statecode eq 0`;
  const response = await session.fetchApi(`savedqueries?$select=savedqueryid,name,isdefault,fetchxml,layoutxml&$filter=${encodeURIComponent(filter)}&$orderby=name`);
  if (!response.ok) throw await apiError(response);
  const body = (await response.json()) as { value: { savedqueryid: string; name: string | null; isdefault: boolean | null; fetchxml: string | null; layoutxml: string | null }[] };
  return body.value
    .filter((row) => row.fetchxml && row.layoutxml)
    .map((row) => ({
      id: row.savedqueryid,
      name: localizedViewName(row.savedqueryid, row.name ?? row.savedqueryid, session.languageId),
      isDefault: row.isdefault === true,
      fetchXml: row.fetchxml as string,
      layoutXml: row.layoutxml as string,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, session.languageId === 1035 ? "fi" : "en"));
}

/** The view a list opens with: the one asked for, else the table's default view, else the first. */
export function initialView(views: SystemView[], requestedId: string | undefined): SystemView | undefined {
  return views.find((view) => view.id === requestedId) ?? views.find((view) => view.isDefault) ?? views[0];
}

const TOTAL = "@Microsoft.Dynamics.CRM.totalrecordcount";
const TOTAL_EXCEEDED = "@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded";
const MORE = "@Microsoft.Dynamics.CRM.morerecords";

const pagePath = (entity: SalesEntity, view: SystemView, request: PageRequest): string =>
  `${entity.entitySetName}?fetchXml=${encodeURIComponent(pagedFetchXml(view.fetchXml, request))}`;

export async function loadViewPage(session: SalesSession, entity: SalesEntity, view: SystemView, request: PageRequest): Promise<ViewPage> {
  return readViewPage(await session.fetchApi(pagePath(entity, view, request)));
}

/**
 * The first page of a view whose grid has a customizer, and the customizer's definition (its manifest),
 * in one `$batch` round trip: the grid needs both before it can draw, and a separate request for the
 * definition would cost the page a Web API call the plain grid does not make. A definition that cannot
 * be read leaves the rows to the plain grid and says why.
 */
export async function loadViewPageWithControl(
  session: SalesSession,
  entity: SalesEntity,
  view: SystemView,
  request: PageRequest,
  controlName: string,
): Promise<{ page: ViewPage; definition: ControlDefinition }> {
  const [pageAnswer, controlAnswer] = await batchGet(session, [pagePath(entity, view, request), controlDefinitionPath(controlName)]);
  const page = await readViewPage(pageAnswer);
  if (!controlAnswer.ok) return { page, definition: { name: controlName, error: (await apiError(controlAnswer)).message } };
  const row = ((await controlAnswer.json()) as { value: { manifest: string | null }[] }).value[0];
  return { page, definition: row?.manifest ? { name: controlName, manifest: row.manifest } : { name: controlName, error: `${controlName} is not installed.` } };
}

async function readViewPage(response: Response): Promise<ViewPage> {
  if (!response.ok) throw await apiError(response);
  const body = (await response.json()) as Record<string, unknown> & { value: ApiRow[] };
  const total = body[TOTAL];
  return {
    rows: body.value,
    total: typeof total === "number" && total >= 0 ? total : null,
    totalExceeded: body[TOTAL_EXCEEDED] === true,
    moreRecords: body[MORE] === true,
  };
}
