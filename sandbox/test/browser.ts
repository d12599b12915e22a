/**
 * Shared set-up of the sandbox's browser tests: Debian's Chromium through playwright-core, and a watch
 * on a page that records everything that must fail a test — a request leaving 127.0.0.1, a console
 * error, an uncaught page error, a native dialog (ours are in-page Fluent dialogs, so a native one
 * means script ran that should not have).
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

export const chromiumPath = "/usr/bin/chromium";
export const hasChromium = existsSync(chromiumPath);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** Starts recording problems of this page into `problems`; off-host requests are aborted. */
export async function watchPage(page: Page, problems: string[]): Promise<void> {
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    problems.push(`off-host request: ${url.href}`);
    return route.abort();
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("dialog", (dialog) => {
    problems.push(`native dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
}
