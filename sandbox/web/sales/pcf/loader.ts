/**
 * Loads a PCF control the way the model-driven runtime does: platform libraries first (React 16.14,
 * ReactDOM, Fluent UI 8.121.1 as globals), then the control's code web resources as <script> tags,
 * capturing the class the bundle hands to `ComponentFramework.registerControl(name, ctor)`, and its css
 * resources as stylesheets. Each script and stylesheet loads once per page.
 */
import { vendorScriptUrls } from "../../../src/web/vendorFiles";
import { controlResourceFolder, type ControlManifest } from "./manifest";

export interface PcfControlInstance {
  init(context: unknown, notifyOutputChanged?: () => void, state?: unknown, container?: HTMLDivElement): void;
  updateView(context: unknown): unknown;
  getOutputs?(): Record<string, unknown>;
  destroy(): void;
}

export type PcfControlConstructor = new () => PcfControlInstance;

/** The platform's React globals a virtual control renders with (not the app bundle's own React). */
export interface PlatformReactDom {
  render(element: unknown, container: Element): void;
  unmountComponentAtNode(container: Element): boolean;
}

interface PcfWindow {
  ComponentFramework?: { registerControl?: (name: string, ctor: PcfControlConstructor) => void };
  ReactDOM?: PlatformReactDom;
}

const pcfWindow = window as unknown as PcfWindow;
const scripts = new Map<string, Promise<void>>();
const registered = new Map<string, PcfControlConstructor>();

/** Appends the element `create` makes for `url` once per page; resolves when it has loaded. A failed load may be retried. */
function loadOnce(loaded: Map<string, Promise<void>>, url: string, create: () => HTMLScriptElement | HTMLLinkElement): Promise<void> {
  let pending = loaded.get(url);
  if (!pending) {
    pending = new Promise<void>((resolve, reject) => {
      const element = create();
      element.onload = () => resolve();
      element.onerror = () => reject(new Error(`${url} could not be loaded.`));
      document.head.appendChild(element);
    });
    pending.catch(() => loaded.delete(url));
    loaded.set(url, pending);
  }
  return pending;
}

export function loadScript(src: string): Promise<void> {
  return loadOnce(scripts, src, () => {
    const script = document.createElement("script");
    script.src = src;
    script.async = false;
    return script;
  });
}

const stylesheets = new Map<string, Promise<void>>();

/** A control's css resource as a <link rel="stylesheet">; resolves once it applies. */
export function loadStylesheet(href: string): Promise<void> {
  return loadOnce(stylesheets, href, () => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    return link;
  });
}

/** Our registerControl, in front of any other one already on the page (which still gets each call). */
function installRegistry(): void {
  const framework = (pcfWindow.ComponentFramework ??= {});
  const previous = framework.registerControl;
  if (previous && (previous as { cb2bHost?: boolean }).cb2bHost) return;
  const register = (name: string, ctor: PcfControlConstructor): void => {
    registered.set(name, ctor);
    previous?.(name, ctor);
  };
  (register as { cb2bHost?: boolean }).cb2bHost = true;
  framework.registerControl = register;
}

export async function loadPlatformLibraries(): Promise<PlatformReactDom> {
  for (const src of vendorScriptUrls) await loadScript(src);
  if (!pcfWindow.ReactDOM) throw new Error("ReactDOM did not load.");
  return pcfWindow.ReactDOM;
}

export interface LoadedControl {
  ctor: PcfControlConstructor;
  reactDom: PlatformReactDom | null;
}

export async function loadControl(manifest: ControlManifest): Promise<LoadedControl> {
  const name = `${manifest.namespace}.${manifest.constructorName}`;
  installRegistry();
  const reactDom = manifest.controlType === "virtual" || manifest.platformLibraries.length > 0 ? await loadPlatformLibraries() : null;
  const folder = `/WebResources/${controlResourceFolder(manifest)}`;
  await Promise.all(manifest.cssPaths.map((path) => loadStylesheet(`${folder}/${path}`)));
  for (const path of manifest.codePaths) await loadScript(`${folder}/${path}`);
  const ctor = registered.get(name);
  if (!ctor) throw new Error(`${name} did not register itself with ComponentFramework.registerControl.`);
  return { ctor, reactDom };
}
