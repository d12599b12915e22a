/** The control's definition and strings, read as the runtime reads them: customcontrol row and resx web resources. */
import type { SalesSession } from "../../shared/session";
import { controlResourceFolder, parseControlManifest, parseResx, type ControlManifest } from "./manifest";

export async function loadManifest(session: SalesSession, controlName: string): Promise<ControlManifest> {
  const filter = encodeURIComponent(`name eq '${controlName.replace(/'/g, "''")}'`);
  const response = await session.fetchApi(`customcontrols?$select=name,manifest&$filter=${filter}`);
  if (!response.ok) throw new Error(`The control ${controlName} could not be read (HTTP ${response.status}).`);
  const row = ((await response.json()) as { value: { manifest: string | null }[] }).value[0];
  if (!row?.manifest) throw new Error(`The control ${controlName} is not installed.`);
  return parseControlManifest(row.manifest);
}

export function webResourceUrl(session: SalesSession, manifest: ControlManifest, path: string): string {
  return `${session.clientUrl}/WebResources/${controlResourceFolder(manifest)}/${path}`;
}

/** The resx strings for the language, over the 1033 ones (what the runtime falls back to). */
export async function loadStrings(session: SalesSession, manifest: ControlManifest): Promise<Map<string, string>> {
  const strings = new Map<string, string>();
  for (const lcid of [1033, session.languageId]) {
    const path = manifest.resx.get(lcid);
    if (!path || (lcid === 1033 && strings.size > 0)) continue;
    const response = await fetch(webResourceUrl(session, manifest, path));
    if (!response.ok) throw new Error(`${path} could not be loaded (HTTP ${response.status}).`);
    for (const [key, value] of parseResx(await response.text())) strings.set(key, value);
  }
  return strings;
}

export async function fetchResourceBase64(session: SalesSession, manifest: ControlManifest, path: string): Promise<string> {
  const response = await fetch(webResourceUrl(session, manifest, path));
  if (!response.ok) throw new Error(`${path} could not be loaded (HTTP ${response.status}).`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
