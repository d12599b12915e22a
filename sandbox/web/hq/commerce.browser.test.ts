/**
 * The B2B site and Commerce headquarters in Debian's Chromium: sign up with a hostile company name,
 * see the confirmation, run the jobs in headquarters and find the prospect Pending. Only 127.0.0.1 is
 * reachable; a dialog, a page error or a console error fails the test.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startCommerceServer, type CommerceServer } from "../../src/commerce/api";
import { CommerceHq } from "../../src/commerce/commerceHq";
import { createCommercePages } from "../../src/commerce/pages/pageServer";
import { chromiumPath as CHROMIUM, hasChromium as haveChromium, launchChromium } from "../../test/browser";
import { buildCommerceBundles } from "../commerceShared/test/buildCommerceBundles";

const screenshots = resolve(__dirname, "..", "..", "..", "out", "e2e");
const hostile = `<img src=x onerror=alert(1)><script>alert(2)</script>`;

if (!haveChromium) console.warn(`Skipping the Commerce pages browser test: ${CHROMIUM} is not installed (apt install chromium).`);
const describeInBrowser = haveChromium ? describe : describe.skip;

describeInBrowser("B2B site and Commerce headquarters in Chromium", () => {
  let dir: string;
  let hq: CommerceHq;
  let server: CommerceServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cb2b-commerce-web-"));
    await buildCommerceBundles(dir);
    hq = new CommerceHq({ dbFile: ":memory:" });
    server = await startCommerceServer({ commerce: hq, pages: createCommercePages({ bundleDir: dir }) });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "en-US" });
    await context.route("**/*", (route) =>
      new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort("blockedbyclient"),
    );
    page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    mkdirSync(screenshots, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    hq?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** No element the hostile text could have injected, and only the bundle's own script. */
  const assertNothingInjected = async (): Promise<void> => {
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.evaluate(() => Array.from(document.scripts).map((s) => s.getAttribute("src")))).toEqual([expect.stringMatching(/^\/sandbox-web\/\w+\.js$/)]);
    expect(await page.evaluate(() => document.querySelectorAll("[onerror]").length)).toBe(0);
  };

  it("signs up on the B2B site, confirms, and shows the prospect Pending in headquarters after the jobs", async () => {
    await page.goto(`${server.url}/signup`);
    await page.getByRole("heading", { name: "Partner sign up" }).waitFor();
    await page.getByRole("combobox", { name: "Channel" }).filter({ hasText: "Adventure Works B2B" }).waitFor();
    await page.getByLabel("Company name").fill(hostile);
    await page.getByLabel("First name").fill("Aino");
    await page.getByLabel("Last name").fill("Virtanen");
    await page.getByLabel("Email").fill("aino@contoso.example");
    await page.getByLabel("Website").fill("https://contoso.example");
    await page.getByLabel("Number of employees").fill("250");
    await page.getByLabel("City").fill("Helsinki");
    await page.getByRole("button", { name: "Submit" }).click();

    await page.getByRole("heading", { name: "Thank you for your request" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/signup/thanks");
    await page.getByText(hostile, { exact: true }).waitFor();
    await page.getByText("A sales representative reviews your request.").waitFor();
    await assertNothingInjected();
    await page.screenshot({ path: join(screenshots, "site-signup.png"), fullPage: true, animations: "disabled" });
    expect(hq.signupRequests()).toEqual([expect.objectContaining({ companyName: hostile, stage: "Channel" })]);

    await page.goto(`${server.url}/hq`);
    await page.getByRole("heading", { name: "All prospects" }).waitFor();
    await page.getByRole("menuitem", { name: "Run P-0001" }).click();
    await page.getByText("P-0001 finished: 1 request uploaded to headquarters.").waitFor();
    await page.getByRole("menuitem", { name: "Synchronize customers and channel requests" }).click();
    await page.getByText("Synchronize customers and channel requests finished: 1 prospect created.").waitFor();

    const row = page.getByRole("grid", { name: "All prospects" }).getByRole("row").filter({ hasText: "PRO-000001" });
    await row.getByText("Pending", { exact: true }).waitFor();
    await row.getByText(hostile, { exact: true }).waitFor();
    await assertNothingInjected();
    await page.screenshot({ path: join(screenshots, "hq-prospects.png"), fullPage: true, animations: "disabled" });

    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  }, 90_000);
});
