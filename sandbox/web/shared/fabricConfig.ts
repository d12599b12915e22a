/**
 * Must be imported before anything from Fluent UI. Fluent registers @font-face rules for Segoe UI on a
 * Microsoft CDN when its theme module loads, and its icon fonts come from the same CDN; the sandbox is
 * offline, so web fonts are switched off (an empty fontBaseUrl skips the registration) and icons point
 * at the copies the Dataverse stand-in serves from node_modules/@fluentui/font-icons-mdl2/fonts.
 * The PCF platform library (Fluent 8.121.1) reads the same global when it loads later.
 */
export const ICON_BASE_URL = "/sandbox-web/fonts/";

interface FabricWindow {
  FabricConfig?: { fontBaseUrl?: string; iconBaseUrl?: string };
}

const fabricWindow = window as unknown as FabricWindow;
fabricWindow.FabricConfig = { ...fabricWindow.FabricConfig, fontBaseUrl: "", iconBaseUrl: ICON_BASE_URL };
