import type { SalesSession } from "../../shared/session";
import { webApiError } from "../clientApi/webApiErrors";
import { parseRibbonDiffs, type RibbonDiff } from "./ribbonXml";
import { withStockRules } from "./salesCommands";

/** The RibbonDiffXml the imported solutions stored for a table, merged with Sales' stock rules. */
export async function loadRibbon(session: SalesSession, entityName: string): Promise<RibbonDiff> {
  const response = await session.fetchApi(`ribboncustomizations?$select=ribbondiffxml&$filter=entity eq '${entityName}'`);
  if (!response.ok) throw await webApiError(response);
  const body = (await response.json()) as { value: { ribbondiffxml: string | null }[] };
  return withStockRules(parseRibbonDiffs(body.value.flatMap((row) => (row.ribbondiffxml ? [row.ribbondiffxml] : []))));
}
