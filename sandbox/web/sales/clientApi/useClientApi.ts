import * as React from "react";
import type { PageTarget, SalesSession } from "../../shared/session";
import { DialogStore } from "./dialogStore";
import { createGlobalContext, loadUserRoles } from "./globalContext";
import { createXrm, installXrm, type SandboxXrm } from "./xrm";

export interface ClientApi {
  dialogs: DialogStore;
  globalContext: Xrm.GlobalContext;
  sandbox: SandboxXrm;
}

/**
 * The page's Client API: reads the user's roles once, then builds `Xrm` and makes it the page's
 * global (web resources reach it as `Xrm`). Null until ready; an error when the roles read failed.
 */
export function useClientApi(session: SalesSession, navigate: (target: PageTarget) => void): ClientApi | null {
  const [api, setApi] = React.useState<ClientApi | null>(null);
  const navigateRef = React.useRef(navigate);
  navigateRef.current = navigate;
  React.useEffect(() => {
    let current = true;
    void loadUserRoles(session)
      .catch(() => [])
      .then((roles) => {
        if (!current) return;
        const dialogs = new DialogStore();
        const globalContext = createGlobalContext(session, roles);
        const sandbox = createXrm({ session, dialogs, globalContext, navigate: (target) => navigateRef.current(target) });
        installXrm(sandbox.xrm);
        setApi({ dialogs, globalContext, sandbox });
      });
    return () => {
      current = false;
    };
  }, [session]);
  return api;
}
