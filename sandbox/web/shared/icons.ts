/**
 * Fluent's `initializeIcons()` without the CDN: the MDL2 icon font files are served by the sandbox at
 * /sandbox-web/fonts/ (same origin as the page). The icon registry is a window global, so icons
 * registered here also serve the PCF control's platform copy of Fluent.
 */
import { initializeIcons } from "@fluentui/font-icons-mdl2";
import { ICON_BASE_URL } from "./fabricConfig";

let initialized = false;

export function initializeOfflineIcons(): void {
  if (initialized) return;
  initialized = true;
  initializeIcons(ICON_BASE_URL, { disableWarnings: true });
}
