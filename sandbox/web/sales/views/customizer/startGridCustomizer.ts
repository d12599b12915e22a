/**
 * Starts a grid customizer as the Power Apps grid does (Microsoft Learn, "Customize the editable grid
 * control"; the template's index.ts): loads the control's bundle with the platform's React and Fluent,
 * creates it with an `EventName` parameter and a context whose `factory.fireEvent` receives the
 * customizer's `{ cellRendererOverrides }` when `init` fires that event. Its strings and code come from
 * the control's web resources, never from a Web API request; the definition (manifest) comes with the
 * view's first page (../viewData.ts).
 */
import type { PAOneGridCustomizer } from "../../../../../controls/HandOffStageCells/src/gridCustomizer";
import type { PageTarget, SalesSession } from "../../../shared/session";
import { buildPcfContext } from "../../pcf/context";
import { loadControl, type LoadedControl, type PlatformReactDom } from "../../pcf/loader";
import { parseControlManifest, type ControlManifest } from "../../pcf/manifest";
import { fetchResourceBase64, loadStrings } from "../../pcf/resources";
import { createPcfWebApi } from "../../pcf/webApi";

export interface StartedCustomizer {
  customizer: PAOneGridCustomizer;
  /** The platform ReactDOM the customizer's elements render with (its React is the platform's, not the page's). */
  reactDom: PlatformReactDom;
  destroy(): void;
}

export interface CustomizerServices {
  loadStrings(session: SalesSession, manifest: ControlManifest): Promise<Map<string, string>>;
  loadControl(manifest: ControlManifest): Promise<LoadedControl>;
}

const browserServices: CustomizerServices = { loadStrings, loadControl };
let nextEvent = 0;

export async function startGridCustomizer(
  session: SalesSession,
  entityName: string,
  manifestXml: string,
  navigate: (target: PageTarget) => void,
  services: CustomizerServices = browserServices,
): Promise<StartedCustomizer> {
  const manifest = parseControlManifest(manifestXml);
  const name = `${manifest.namespace}.${manifest.constructorName}`;
  const [strings, loaded] = await Promise.all([services.loadStrings(session, manifest), services.loadControl(manifest)]);
  if (!loaded.reactDom) throw new Error(`${name} is not a virtual control: a grid customizer renders React elements.`);
  const eventName = `cb2bGridCustomizer${++nextEvent}`;
  const context = buildPcfContext({
    manifest,
    parameters: [{ name: "EventName", type: "SingleLine.Text", isStatic: true, value: eventName }],
    values: {},
    record: { entityName, id: "", name: "" },
    session,
    strings,
    allocated: { width: -1, height: -1 },
    updatedProperties: [],
    webAPI: createPcfWebApi(session),
    navigate,
    trackContainerResize: () => undefined,
    requestRender: () => undefined,
    fetchResource: (path) => fetchResourceBase64(session, manifest, path),
  });
  let customizer: PAOneGridCustomizer | null = null;
  const factory = {
    ...context.factory,
    fireEvent: (fired: string, payload: unknown) => {
      if (fired === eventName && typeof payload === "object" && payload !== null) customizer = payload as PAOneGridCustomizer;
    },
  };
  const withFactory = { ...context, factory } as unknown as typeof context;
  const control = new loaded.ctor();
  control.init(withFactory, () => undefined, {});
  // The grid renders the customizer's own view nowhere: the template's updateView is an empty fragment.
  control.updateView(withFactory);
  if (!customizer) {
    control.destroy();
    throw new Error(`${name} did not fire the grid's event with its renderers during init.`);
  }
  return { customizer, reactDom: loaded.reactDom, destroy: () => control.destroy() };
}
