import * as React from "react";
import { MessageBar, MessageBarType, Spinner, SpinnerSize } from "@fluentui/react";
import type { PageTarget } from "../../shared/session";
import { chromeString } from "../../shared/strings";
import { targetUrl } from "../shell/route";
import { buildPcfContext } from "./context";
import { loadControl, type LoadedControl, type PcfControlInstance } from "./loader";
import type { ControlManifest } from "./manifest";
import { fetchResourceBase64, loadManifest, loadStrings } from "./resources";
import type { PcfControlHostProps } from "./types";
import { createPcfWebApi } from "./webApi";

/** What the host needs from outside; the browser uses `browserServices`, tests give their own. */
export interface PcfHostServices {
  loadManifest: typeof loadManifest;
  loadStrings: typeof loadStrings;
  loadControl(manifest: ControlManifest): Promise<LoadedControl>;
}

const browserServices: PcfHostServices = { loadManifest, loadStrings, loadControl };

type LoadState =
  | { status: "loading" }
  | { status: "failed"; message: string }
  | { status: "ready"; manifest: ControlManifest; strings: Map<string, string>; control: LoadedControl };

const errorText = (error: unknown): string => (error instanceof Error ? error.message : typeof error === "object" && error && "message" in error ? String((error as { message: unknown }).message) : String(error));

function historyNavigate(target: PageTarget): void {
  window.history.pushState(null, "", targetUrl(target));
  window.dispatchEvent(new PopStateEvent("popstate"));
}

/** Hosts one PCF control placement of a form: loads it, gives it a context, re-renders it when values change. */
export function PcfControlHost(props: PcfControlHostProps): React.ReactElement {
  return <PcfControlHostView {...props} services={browserServices} />;
}

export function PcfControlHostView(props: PcfControlHostProps & { services: PcfHostServices }): React.ReactElement {
  const { controlName, session, services } = props;
  const [state, setState] = React.useState<LoadState>({ status: "loading" });
  const [width, setWidth] = React.useState(-1);
  const [renderTick, setRenderTick] = React.useState(0);
  const container = React.useRef<HTMLDivElement>(null);
  const instance = React.useRef<PcfControlInstance | null>(null);
  const tracking = React.useRef(false);
  const latest = React.useRef(props);
  latest.current = props;
  const webAPI = React.useMemo(() => createPcfWebApi(session), [session]);

  React.useEffect(() => {
    let current = true;
    setState({ status: "loading" });
    (async () => {
      const manifest = await services.loadManifest(session, controlName);
      const [strings, control] = await Promise.all([services.loadStrings(session, manifest), services.loadControl(manifest)]);
      if (current) setState({ status: "ready", manifest, strings, control });
    })().catch((error: unknown) => current && setState({ status: "failed", message: errorText(error) }));
    return () => {
      current = false;
    };
  }, [controlName, session, services]);

  const contextFor = React.useCallback(
    (ready: Extract<LoadState, { status: "ready" }>, updatedProperties: string[]) => {
      const p = latest.current;
      return buildPcfContext({
        manifest: ready.manifest,
        parameters: p.parameters,
        values: p.values,
        record: p.record,
        session: p.session,
        strings: ready.strings,
        allocated: { width: tracking.current ? (container.current?.clientWidth ?? -1) : -1, height: -1 },
        updatedProperties,
        webAPI,
        navigate: p.navigate ?? historyNavigate,
        trackContainerResize: (track) => {
          tracking.current = track;
        },
        requestRender: () => setRenderTick((tick) => tick + 1),
        fetchResource: (path) => fetchResourceBase64(p.session, ready.manifest, path),
      });
    },
    [webAPI],
  );

  const renderView = React.useCallback(
    (ready: Extract<LoadState, { status: "ready" }>, updatedProperties: string[]) => {
      const control = instance.current;
      const element = container.current;
      if (!control || !element) return;
      try {
        const view = control.updateView(contextFor(ready, updatedProperties));
        if (ready.manifest.controlType === "virtual" && ready.control.reactDom) ready.control.reactDom.render(view, element);
      } catch (error) {
        setState({ status: "failed", message: errorText(error) });
      }
    },
    [contextFor],
  );

  // Create, init and first render once loaded; destroy on unmount (or when the control is reloaded).
  React.useLayoutEffect(() => {
    if (state.status !== "ready" || !container.current) return;
    const element = container.current;
    const ready = state;
    let control: PcfControlInstance;
    try {
      control = new ready.control.ctor();
      const notifyOutputChanged = (): void => {
        const outputs = control.getOutputs?.() ?? {};
        for (const [name, value] of Object.entries(outputs)) {
          const placement = latest.current.parameters.find((p) => p.name === name && !p.isStatic);
          if (placement) latest.current.onOutputChanged?.(placement.value, value);
        }
      };
      control.init(contextFor(ready, []), notifyOutputChanged, {}, element);
      instance.current = control;
    } catch (error) {
      setState({ status: "failed", message: errorText(error) });
      return;
    }
    if (tracking.current) setWidth(element.clientWidth);
    renderView(ready, []);
    return () => {
      instance.current = null;
      try {
        control.destroy();
      } finally {
        if (ready.manifest.controlType === "virtual") ready.control.reactDom?.unmountComponentAtNode(element);
      }
    };
  }, [state, contextFor, renderView]);

  // Values, record, language or size changed: updateView again, as the form does.
  const firstUpdate = React.useRef(true);
  React.useEffect(() => {
    if (firstUpdate.current) {
      firstUpdate.current = false;
      return;
    }
    if (state.status === "ready") renderView(state, ["parameters", "layout"]);
    // Only the inputs trigger this; state and renderView are current through the closure of this render.
  }, [props.values, props.parameters, props.record, width, renderTick]);

  React.useEffect(() => {
    if (state.status !== "ready" || !container.current || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (tracking.current && container.current) setWidth(container.current.clientWidth);
    });
    observer.observe(container.current);
    return () => observer.disconnect();
  }, [state.status]);

  const lang = session.languageId;
  return (
    <div className="pcf-control-host" data-control={controlName}>
      {state.status === "loading" && <Spinner size={SpinnerSize.small} label={chromeString(lang, "loading")} />}
      {state.status === "failed" && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline>
          {chromeString(lang, "controlLoadFailed", controlName, state.message)}
        </MessageBar>
      )}
      <div ref={container} style={{ display: state.status === "ready" ? "block" : "none" }} />
    </div>
  );
}
