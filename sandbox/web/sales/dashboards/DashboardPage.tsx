/**
 * Sales Hub's dashboard page (main.aspx?pagetype=dashboard&id=…): the system dashboards
 * (`systemforms`, `type` 0), one of them laid out from its form XML, each tile a system chart on its view
 * or a list of a view. Tile titles are the cells' labels in the user's language.
 */
import * as React from "react";
import { Dropdown, MessageBar, MessageBarType, Spinner, Stack, Text, type IDropdownOption } from "@fluentui/react";
import type { PageTarget, SalesSession } from "../../shared/session";
import { SystemChart } from "../charts/SystemChart";
import { apiError } from "../views/viewData";
import { dashboardString } from "./dashboardTexts";
import { parseDashboardXml, type DashboardTile } from "./dashboardXml";
import { ListTile } from "./ListTile";

export interface DashboardPageProps {
  session: SalesSession;
  dashboardId: string | undefined;
  navigate(target: PageTarget): void;
}

interface DashboardRow {
  formid: string;
  name: string | null;
  formxml: string | null;
}

/** Height of one form row on a dashboard, and the gap between rows and columns, in pixels. */
const ROW_HEIGHT = 34;
const GAP = 12;
/** What a tile needs besides its chart: padding, title and the chart's legend. */
const TILE_CHROME = 150;

async function loadDashboards(session: SalesSession): Promise<DashboardRow[]> {
  const response = await session.fetchApi(`systemforms?$select=formid,name,formxml&$filter=${encodeURIComponent("type eq 0")}&$orderby=name`);
  if (!response.ok) throw await apiError(response);
  return ((await response.json()) as { value: DashboardRow[] }).value.filter((row) => row.formxml);
}

/** The width the tile's box has, so the chart is drawn to fit it. */
function useWidth(): [React.RefObject<HTMLDivElement>, number] {
  const ref = React.useRef<HTMLDivElement>(null);
  const [width, setWidth] = React.useState(0);
  React.useLayoutEffect(() => {
    const measure = () => setWidth(Math.floor(ref.current?.getBoundingClientRect().width ?? 0));
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, []);
  return [ref, width];
}

function Tile({ tile, session, navigate }: { tile: DashboardTile; session: SalesSession; navigate(target: PageTarget): void }): React.ReactElement {
  const [ref, width] = useWidth();
  const height = tile.rowSpan * ROW_HEIGHT + (tile.rowSpan - 1) * GAP - TILE_CHROME;
  return (
    <section
      aria-label={tile.label}
      data-tile-kind={tile.kind}
      style={{
        gridRow: `${tile.row} / span ${tile.rowSpan}`,
        gridColumn: `${tile.column} / span ${tile.colSpan}`,
        background: "#fff",
        border: "1px solid #edebe9",
        borderRadius: 2,
        padding: 8,
        overflow: "auto",
        minWidth: 0,
      }}
    >
      {tile.showLabel && (
        <Text as="h3" variant="mediumPlus" styles={{ root: { fontWeight: 600, margin: "0 0 8px" } }}>
          {tile.label}
        </Text>
      )}
      <div ref={ref}>
        {tile.kind === "chart" && width > 0 && (
          <SystemChart session={session} chartId={tile.chartId} viewId={tile.viewId} title={tile.label} width={width} height={Math.max(height, 160)} />
        )}
        {tile.kind === "list" && <ListTile session={session} entityName={tile.entity} viewId={tile.viewId} recordsPerPage={tile.recordsPerPage} navigate={navigate} />}
        {tile.kind === "unsupported" && <MessageBar>{dashboardString(session.languageId, "unsupportedControl")}</MessageBar>}
      </div>
    </section>
  );
}

export function DashboardPage({ session, dashboardId, navigate }: DashboardPageProps): React.ReactElement {
  const lang = session.languageId;
  const [dashboards, setDashboards] = React.useState<DashboardRow[] | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  React.useEffect(() => {
    let current = true;
    loadDashboards(session).then(
      (rows) => current && setDashboards(rows),
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [session]);

  if (error) return <MessageBar messageBarType={MessageBarType.error}>{dashboardString(lang, "listFailed", error)}</MessageBar>;
  if (!dashboards) return <Spinner />;
  if (dashboards.length === 0) return <MessageBar>{dashboardString(lang, "noDashboards")}</MessageBar>;
  const dashboard = dashboards.find((d) => d.formid === dashboardId) ?? dashboards[0];
  let tabs;
  try {
    tabs = parseDashboardXml(dashboard.formxml as string, lang);
  } catch (e) {
    return <MessageBar messageBarType={MessageBarType.error}>{dashboardString(lang, "listFailed", e instanceof Error ? e.message : String(e))}</MessageBar>;
  }
  // The sandbox keeps a component's English name only; the dashboard's first tab label is written in every language.
  const title = tabs[0]?.label || dashboard.name || dashboard.formid;
  const options: IDropdownOption[] = dashboards.map((d) => ({ key: d.formid, text: d.formid === dashboard.formid ? title : (d.name ?? d.formid) }));

  return (
    <Stack tokens={{ childrenGap: 12 }} styles={{ root: { padding: 16 } }}>
      <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 12 }}>
        <Text as="h1" variant="xLarge" styles={{ root: { margin: 0 } }}>
          {title}
        </Text>
        {dashboards.length > 1 && (
          <Dropdown
            ariaLabel={dashboardString(lang, "selectDashboard")}
            options={options}
            selectedKey={dashboard.formid}
            onChange={(_e, option) => option && navigate({ pagetype: "dashboard", id: String(option.key) })}
            styles={{ root: { minWidth: 240 } }}
          />
        )}
      </Stack>
      {tabs.map((tab, t) => (
        <div key={t}>
          {tab.sections.map((section, s) => (
            <div key={s} role="group" aria-label={section.label} style={{ marginBottom: 12 }}>
              {section.showLabel && <Text as="h2" variant="large">{section.label}</Text>}
              <div style={{ display: "grid", gridTemplateColumns: `repeat(${section.columns}, minmax(0, 1fr))`, gridAutoRows: `minmax(${ROW_HEIGHT}px, auto)`, gap: GAP }}>
                {section.tiles.map((tile) => (
                  <Tile key={tile.id} tile={tile} session={session} navigate={navigate} />
                ))}
              </div>
            </div>
          ))}
        </div>
      ))}
    </Stack>
  );
}
