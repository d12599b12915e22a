/** The started customizer of a view's grid (or why it is not there), stopped when the grid changes. */
import * as React from "react";
import type { PageTarget, SalesSession } from "../../../shared/session";
import type { ControlDefinition } from "../viewData";
import { startGridCustomizer, type StartedCustomizer } from "./startGridCustomizer";

export type GridCustomizerState = { status: "none" } | { status: "loading" } | { status: "failed"; name: string; message: string } | { status: "ready"; started: StartedCustomizer };

export function useGridCustomizer(session: SalesSession, entityName: string, definition: ControlDefinition | null, navigate: (target: PageTarget) => void): GridCustomizerState {
  const [state, setState] = React.useState<GridCustomizerState>({ status: "none" });
  const latestNavigate = React.useRef(navigate);
  latestNavigate.current = navigate;

  React.useEffect(() => {
    if (!definition) {
      setState({ status: "none" });
      return;
    }
    if ("error" in definition) {
      setState({ status: "failed", name: definition.name, message: definition.error });
      return;
    }
    let current = true;
    let started: StartedCustomizer | null = null;
    setState({ status: "loading" });
    startGridCustomizer(session, entityName, definition.manifest, (target) => latestNavigate.current(target)).then(
      (result) => {
        started = result;
        if (current) setState({ status: "ready", started: result });
        else result.destroy();
      },
      (error: unknown) => current && setState({ status: "failed", name: definition.name, message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
      started?.destroy();
    };
  }, [session, entityName, definition]);

  return state;
}
