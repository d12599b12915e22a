/**
 * Loads web resources the way the model-driven app does: a script tag for /WebResources/<name>,
 * once per page, resolved when the script ran. Functions are then reached by their dotted name.
 */
const loaded = new Map<string, Promise<void>>();

export function webResourceUrl(clientUrl: string, name: string): string {
  const path = name.replace(/^\$webresource:/, "").split("/").map(encodeURIComponent).join("/");
  return `${clientUrl}/WebResources/${path}`;
}

export function loadScript(clientUrl: string, name: string): Promise<void> {
  const url = webResourceUrl(clientUrl, name);
  let pending = loaded.get(url);
  if (!pending) {
    pending = new Promise<void>((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.async = false;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error(`The web resource '${name}' could not be loaded.`));
      document.head.appendChild(script);
    });
    pending.catch(() => loaded.delete(url));
    loaded.set(url, pending);
  }
  return pending;
}

/** `Cb2b.LeadForm.onLoad` → the function on window; undefined when a part is missing. */
export function resolveFunction(dottedName: string): ((...args: unknown[]) => unknown) | undefined {
  let current: unknown = globalThis;
  for (const part of dottedName.split(".")) {
    if (current === null || current === undefined) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return typeof current === "function" ? (current as (...args: unknown[]) => unknown) : undefined;
}

/** Like resolveFunction, but says which function is missing, as the platform's script error does. */
export function requireFunction(dottedName: string, library: string): (...args: unknown[]) => unknown {
  const fn = resolveFunction(dottedName);
  if (!fn) throw new Error(`${dottedName} is not a function (web resource '${library}').`);
  return fn;
}
