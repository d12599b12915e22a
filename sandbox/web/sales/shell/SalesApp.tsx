import * as React from "react";
import { Fabric, MessageBar, MessageBarType, Stack } from "@fluentui/react";
import { createSession, storeLanguage, storeUser, syncUserLanguage, type SignInUser } from "../../shared/createSession";
import type { LanguageId, SalesSession } from "../../shared/session";
import { chromeString } from "../../shared/strings";
import { DashboardPage } from "../dashboards/DashboardPage";
import { EntityListPage } from "../views/EntityListPage";
import { salesEntity } from "./entities";
import { SiteMap } from "./SiteMap";
import { gridCommandBar, recordPage } from "./slots";
import { TopBar } from "./TopBar";
import { useNavigation } from "./useNavigation";

/**
 * Sales Hub: header, site map and the current page (a table's list or a record). Switching user or
 * language builds a new session; the language is also saved in the user's personal options first,
 * because Dataverse formats values in that language.
 */
export function SalesApp(): React.ReactElement {
  const [session, setSession] = React.useState<SalesSession>(() => createSession());
  const [ready, setReady] = React.useState(false);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [target, navigate] = useNavigation();

  React.useEffect(() => {
    document.documentElement.lang = session.languageId === 1035 ? "fi" : "en";
    document.title = `${chromeString(session.languageId, "product")} | ${chromeString(session.languageId, "appName")}`;
    let current = true;
    setReady(false);
    syncUserLanguage(session)
      .catch((error: unknown) => current && setProblem(error instanceof Error ? error.message : String(error)))
      .finally(() => current && setReady(true));
    return () => {
      current = false;
    };
  }, [session]);

  const switchUser = (user: SignInUser): void => {
    storeUser(window.localStorage, user);
    setSession(createSession());
  };
  const switchLanguage = (languageId: LanguageId): void => {
    storeLanguage(window.localStorage, languageId);
    setSession(createSession());
  };

  const entity = target.pagetype === "dashboard" ? undefined : salesEntity(target.etn);
  let page: React.ReactNode = null;
  if (!ready) page = null;
  else if (target.pagetype === "dashboard")
    page = <DashboardPage key={`${session.user.id}:${session.languageId}`} session={session} dashboardId={target.id} navigate={navigate} />;
  else if (target.pagetype === "entityrecord") page = recordPage(target, session, navigate);
  else if (entity)
    page = (
      <EntityListPage
        key={`${entity.logicalName}:${session.user.id}:${session.languageId}`}
        session={session}
        entity={entity}
        viewId={target.viewid}
        navigate={navigate}
        renderCommandBar={gridCommandBar(session, navigate)}
      />
    );
  else page = <MessageBar messageBarType={MessageBarType.warning}>{chromeString(session.languageId, "noViews")}</MessageBar>;

  return (
    <Fabric style={{ height: "100%" }}>
      <Stack styles={{ root: { height: "100%" } }}>
        <TopBar session={session} onSwitchUser={switchUser} onSwitchLanguage={switchLanguage} />
        <Stack horizontal styles={{ root: { flex: 1, minHeight: 0 } }}>
          <SiteMap session={session} current={target} navigate={navigate} />
          <main style={{ flex: 1, minWidth: 0, overflow: "auto", background: "#faf9f8" }}>
            {problem && (
              <MessageBar messageBarType={MessageBarType.error} onDismiss={() => setProblem(null)}>
                {chromeString(session.languageId, "loadFailed", problem)}
              </MessageBar>
            )}
            {page}
          </main>
        </Stack>
      </Stack>
    </Fabric>
  );
}
