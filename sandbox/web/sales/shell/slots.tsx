/**
 * Where the Sales shell mounts the parts H2 owns: the record page (sandbox/web/sales/record) for
 * main.aspx?pagetype=entityrecord, and the grid command bar (sandbox/web/sales/commands) above a list.
 */
import * as React from "react";
import type { PageTarget, SalesSession } from "../../shared/session";
import { GridCommandBar } from "../commands";
import { RecordPage } from "../record/RecordPage";
import type { GridCommandContext } from "../views/EntityListPage";

export function recordPage(target: Extract<PageTarget, { pagetype: "entityrecord" }>, session: SalesSession, navigate: (target: PageTarget) => void): React.ReactElement {
  return <RecordPage key={`${target.etn}:${target.id ?? "new"}:${session.user.id}:${session.languageId}`} entityName={target.etn} id={target.id} formId={target.formid} session={session} navigate={navigate} />;
}

export function gridCommandBar(session: SalesSession, navigate: (target: PageTarget) => void): (context: GridCommandContext) => React.ReactNode {
  return (context) => <GridCommandBar entityName={context.entityName} selected={context.selected} session={session} refresh={context.refresh} navigate={navigate} />;
}
