import * as React from "react";
import { MessageBar, MessageBarType, Nav, Stack, Text, ThemeProvider, type INavLinkGroup } from "@fluentui/react";
import type { LanguageId } from "../shared/session";
import { CommerceClient, type FetchLike } from "../commerceShared/client";
import { applyLanguage } from "../commerceShared/language";
import { LanguageSwitch } from "../commerceShared/LanguageSwitch";
import { HqContext, type HqContextValue } from "./context";
import { ChannelRequestsPage } from "./pages/ChannelRequestsPage";
import { CustomersPage } from "./pages/CustomersPage";
import { HierarchiesPage } from "./pages/HierarchiesPage";
import { OutboxPage } from "./pages/OutboxPage";
import { ProspectsPage } from "./pages/ProspectsPage";
import { hqPaths, pageForPath, type HqPage } from "./routes";
import { hqStrings } from "./strings";

export interface HqAppProps {
  initialLanguageId: LanguageId;
  /** Tests hand in a transport; the page uses the browser's fetch against its own origin. */
  fetch?: FetchLike;
}

interface Location {
  pathname: string;
  search: string;
}

const currentLocation = (): Location => ({ pathname: window.location.pathname, search: window.location.search });

/** Keeps ?lang= when moving between pages. */
function withLanguage(path: string, search: string): string {
  const lang = new URLSearchParams(search).get("lang");
  if (!lang) return path;
  return `${path}${path.includes("?") ? "&" : "?"}lang=${encodeURIComponent(lang)}`;
}

/** Commerce headquarters: navigation bar, left navigation pane and the page of the current path. */
export function HqApp({ initialLanguageId, fetch }: HqAppProps): React.ReactElement {
  const [languageId, setLanguageId] = React.useState<LanguageId>(initialLanguageId);
  const [location, setLocation] = React.useState<Location>(currentLocation);
  const s = hqStrings(languageId);
  const client = React.useMemo(() => new CommerceClient({ languageId, fetch }), [languageId, fetch]);

  React.useEffect(() => {
    const onPop = (): void => setLocation(currentLocation());
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  const page = pageForPath(location.pathname);
  const titles: Record<HqPage, string> = {
    prospects: s.prospects,
    channelRequests: s.channelRequests,
    customers: s.customers,
    hierarchies: s.hierarchies,
    outbox: s.outbox,
  };
  const title = `${page ? titles[page] : s.notFound} — ${s.product}`;
  React.useEffect(() => {
    applyLanguage(languageId);
    // applyLanguage rewrote ?lang=; the navigation links read it from the location state.
    setLocation(currentLocation());
  }, [languageId]);
  React.useEffect(() => {
    document.title = title;
  }, [title]);

  const context: HqContextValue = React.useMemo(
    () => ({
      client,
      languageId,
      strings: s,
      navigate: (path: string) => {
        window.history.pushState(null, "", withLanguage(path, window.location.search));
        setLocation(currentLocation());
      },
    }),
    [client, languageId, s],
  );

  const link = (key: HqPage): INavLinkGroup["links"][number] => ({
    key,
    name: titles[key],
    url: withLanguage(hqPaths[key], location.search),
    onClick: (event) => {
      event?.preventDefault();
      context.navigate(hqPaths[key]);
    },
  });
  const groups: INavLinkGroup[] = [
    { name: s.navGroupCustomers, links: [link("prospects"), link("customers"), link("hierarchies")] },
    { name: s.navGroupChannels, links: [link("channelRequests")] },
    { name: s.navGroupSystem, links: [link("outbox")] },
  ];

  const account = page === "customers" ? new URLSearchParams(location.search).get("account") : null;

  return (
    <ThemeProvider applyTo="body">
      <HqContext.Provider value={context}>
        <Stack styles={{ root: { height: "100vh", background: "#f8f8f8" } }}>
          <header>
            <Stack horizontal verticalAlign="center" horizontalAlign="space-between" style={{ background: "#002050", color: "#fff", height: 48, padding: "0 16px" }}>
              <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 16 }}>
                <Text styles={{ root: { color: "#fff", fontWeight: 600, fontSize: 15 } }}>{s.product}</Text>
                <Text styles={{ root: { color: "#c7e0f4" } }}>{s.area}</Text>
              </Stack>
              <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 12 }}>
                <Text styles={{ root: { color: "#fff" } }}>{s.legalEntity}</Text>
                <LanguageSwitch languageId={languageId} onChange={setLanguageId} inverted />
              </Stack>
            </Stack>
          </header>
          <Stack horizontal styles={{ root: { flex: 1, minHeight: 0 } }}>
            <nav aria-label={s.navLabel} style={{ width: 230, background: "#fff", borderRight: "1px solid #e1dfdd", overflowY: "auto" }}>
              <Nav groups={groups} selectedKey={page ?? undefined} ariaLabel={s.navLabel} />
            </nav>
            <main style={{ flex: 1, minWidth: 0, overflow: "auto" }}>
              {page === "prospects" && <ProspectsPage />}
              {page === "channelRequests" && <ChannelRequestsPage />}
              {page === "customers" && <CustomersPage account={account} />}
              {page === "hierarchies" && <HierarchiesPage />}
              {page === "outbox" && <OutboxPage />}
              {page === null && (
                <div style={{ padding: 24 }}>
                  <MessageBar messageBarType={MessageBarType.warning}>{s.notFound}</MessageBar>
                </div>
              )}
            </main>
          </Stack>
        </Stack>
      </HqContext.Provider>
    </ThemeProvider>
  );
}
