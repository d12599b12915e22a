import * as React from "react";
import { Link, Stack, Text, ThemeProvider } from "@fluentui/react";
import type { LanguageId } from "../shared/session";
import { CommerceClient, type FetchLike } from "../commerceShared/client";
import { applyLanguage } from "../commerceShared/language";
import { LanguageSwitch } from "../commerceShared/LanguageSwitch";
import { ConfirmationPage, type SignupConfirmation } from "./ConfirmationPage";
import { SignupPage } from "./SignupPage";
import { siteStrings } from "./strings";

export interface SiteAppProps {
  initialLanguageId: LanguageId;
  /** Tests hand in a transport; the page uses the browser's fetch against its own origin. */
  fetch?: FetchLike;
}

type Route = { page: "signup" } | { page: "thanks"; confirmation: SignupConfirmation };

function confirmationOf(state: unknown): SignupConfirmation | null {
  const c = (state as { confirmation?: SignupConfirmation } | null)?.confirmation;
  return c && typeof c.companyName === "string" && typeof c.requestId === "string" && typeof c.email === "string" ? c : null;
}

/** /signup/thanks shows the confirmation only with the request in history.state; otherwise the form. */
function currentRoute(): Route {
  const confirmation = window.location.pathname === "/signup/thanks" ? confirmationOf(window.history.state) : null;
  return confirmation ? { page: "thanks", confirmation } : { page: "signup" };
}

const brandBar: React.CSSProperties = { background: "#1b1a19", color: "#fff", padding: "0 24px", minHeight: 56 };

/** The B2B site: its header, the *Partner sign up* page and the confirmation (client-side routes). */
export function SiteApp({ initialLanguageId, fetch }: SiteAppProps): React.ReactElement {
  const [languageId, setLanguageId] = React.useState<LanguageId>(initialLanguageId);
  const [route, setRoute] = React.useState<Route>(currentRoute);
  const client = React.useMemo(() => new CommerceClient({ languageId, fetch }), [languageId, fetch]);
  const s = siteStrings(languageId);

  React.useEffect(() => {
    const onPop = (): void => setRoute(currentRoute());
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  React.useEffect(() => {
    applyLanguage(languageId);
    document.title = `${s.siteName} — ${route.page === "thanks" ? s.thanksTitle : s.pageTitle}`;
  }, [languageId, route.page, s]);

  const goTo = (next: Route): void => {
    const path = next.page === "thanks" ? "/signup/thanks" : "/signup";
    window.history.pushState(next.page === "thanks" ? { confirmation: next.confirmation } : null, "", `${path}${window.location.search}`);
    setRoute(next);
  };

  return (
    <ThemeProvider applyTo="body">
      <Stack styles={{ root: { minHeight: "100vh", background: "#f3f2f1" } }}>
        <header>
          <Stack horizontal verticalAlign="center" horizontalAlign="space-between" style={brandBar}>
            <Stack horizontal verticalAlign="baseline" tokens={{ childrenGap: 12 }}>
              <Text variant="xLarge" styles={{ root: { color: "#fff", fontWeight: 600 } }}>
                {s.siteName}
              </Text>
              <Text styles={{ root: { color: "#c8c6c4" } }}>{s.siteTagline}</Text>
            </Stack>
            <LanguageSwitch languageId={languageId} onChange={setLanguageId} inverted />
          </Stack>
          <nav aria-label={s.siteName} style={{ background: "#fff", borderBottom: "1px solid #e1dfdd", padding: "8px 24px" }}>
            <Link href={`/signup${window.location.search}`} onClick={(e) => {
                e.preventDefault();
                goTo({ page: "signup" });
              }} aria-current={route.page === "signup" ? "page" : undefined}>
              {s.navSignup}
            </Link>
          </nav>
        </header>
        <main style={{ flex: 1, padding: "24px 16px" }}>
          <div style={{ maxWidth: 760, margin: "0 auto" }}>
            {route.page === "thanks" ? (
              <ConfirmationPage languageId={languageId} confirmation={route.confirmation} onAnother={() => goTo({ page: "signup" })} />
            ) : (
              <SignupPage
                client={client}
                onSubmitted={(request) =>
                  goTo({ page: "thanks", confirmation: { requestId: request.requestId, companyName: request.companyName, email: request.email } })
                }
              />
            )}
          </div>
        </main>
        <footer style={{ padding: "16px 24px", color: "#605e5c", borderTop: "1px solid #e1dfdd", background: "#fff" }}>
          <Text variant="small">{s.footer}</Text>
        </footer>
      </Stack>
    </ThemeProvider>
  );
}
