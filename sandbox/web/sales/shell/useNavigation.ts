/**
 * Where the app is, kept in the address bar: navigate() pushes a history entry, Back/Forward (popstate)
 * move between them, as in the model-driven app.
 */
import * as React from "react";
import type { PageTarget } from "../../shared/session";
import { parseTarget, targetUrl } from "./route";

export function useNavigation(): [PageTarget, (target: PageTarget, options?: { replace?: boolean }) => void] {
  const [target, setTarget] = React.useState<PageTarget>(() => parseTarget(window.location.search));
  React.useEffect(() => {
    const onPopState = (): void => setTarget(parseTarget(window.location.search));
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);
  const navigate = React.useCallback((next: PageTarget, options: { replace?: boolean } = {}) => {
    const url = targetUrl(next);
    if (options.replace) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
    setTarget(parseTarget(new URL(url, window.location.origin).search));
  }, []);
  return [target, navigate];
}
