import type { PageTarget, SalesSession } from "../../shared/session";
import type { DialogStore } from "./dialogStore";
import { createNavigation } from "./navigation";
import { notImplemented, strict } from "./strict";
import { createWebApi } from "./webApi";

/** The `Xrm` global the page installs: the form's Xrm.Page comes and goes with the open form. */
export interface SandboxXrm {
  xrm: typeof Xrm;
  setPage(formContext: Xrm.FormContext | null): void;
}

export function createXrm(options: {
  session: SalesSession;
  dialogs: DialogStore;
  globalContext: Xrm.GlobalContext;
  navigate(target: PageTarget): void;
}): SandboxXrm {
  let page: Xrm.FormContext | null = null;
  const utility = strict("Xrm.Utility", {
    getGlobalContext: () => options.globalContext,
    showProgressIndicator: (message: string) => options.dialogs.showProgress(message),
    closeProgressIndicator: () => options.dialogs.closeProgress(),
    lookupObjects: () => Promise.reject(notImplemented("Xrm.Utility.lookupObjects")),
  });
  const implementation = {
    WebApi: createWebApi(options.session),
    Navigation: createNavigation(options.dialogs, options.session.languageId, options.navigate),
    Utility: utility,
    get Page(): Xrm.FormContext {
      if (!page) throw new Error("Xrm.Page is only available while a form is open.");
      return page;
    },
  };
  return {
    xrm: strict("Xrm", implementation) as unknown as typeof Xrm,
    setPage(formContext) {
      page = formContext;
    },
  };
}

/** Makes `Xrm` the page's global, as the model-driven app does for web resources. */
export function installXrm(xrm: typeof Xrm): void {
  (globalThis as unknown as { Xrm: typeof Xrm }).Xrm = xrm;
}
