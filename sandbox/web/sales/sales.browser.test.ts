import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { managedSolutionZip, repoRoot, sandboxFiles } from "../../src/start/paths";
import { startSandbox, type RunningSandbox } from "../../src/start/sandbox";
import { chromiumPath, hasChromium, launchChromium, watchPage } from "../../test/browser";
import { buildSandboxWeb } from "../build";

/**
 * The Sales Hub pages in headless Chromium against a running sandbox: the rep's default view is
 * *My Open Leads*, which cannot show the dual-write leads; *All Commerce B2B leads* does.
 */
const ready = hasChromium && existsSync(managedSolutionZip);
if (!hasChromium) console.warn(`Skipping the Sales views browser test: ${chromiumPath} is not installed (apt-get install chromium).`);
else if (!ready) console.warn(`Skipping the Sales views browser test: ${managedSolutionZip} is missing (npm run build).`);

jest.setTimeout(180_000);

const SEEDED_COMPANIES = ["Contoso Pharmaceuticals", "Pohjolan Työkalu Oy", "Fabrikam Residences"];

(ready ? describe : describe.skip)("Sales Hub lead views (headless Chromium)", () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cb2b-sales-web-"));
    const bundles = join(dir, "bundles");
    await buildSandboxWeb({ outDir: bundles });
    await build({
      entryPoints: [join(__dirname, "pcf", "test", "pcfHarness.tsx")],
      outfile: join(bundles, "pcfHarness.js"),
      bundle: true,
      format: "iife",
      target: "es2019",
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "silent",
    });
    sandbox = await startSandbox({
      files: sandboxFiles(join(dir, "data")),
      port: 0,
      commercePort: 0,
      solutionZip: managedSolutionZip,
      webhook: false,
      demo: false,
      seed: true,
      webBundleDir: bundles,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await watchPage(page, problems);
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  const grid = () => page.getByRole("grid");
  const count = () => page.getByTestId("grid-record-count");
  /** Waits (Playwright's auto-wait) until the footer shows exactly this count: the grid then holds that view's rows. */
  const waitForCount = (text: string) => count().filter({ hasText: new RegExp(`^${text}$`) }).waitFor();
  const viewSelector = (name = "Select a view") => page.getByRole("combobox", { name });
  const waitForView = (view: string, selectorName?: string) => viewSelector(selectorName).filter({ hasText: view }).waitFor();

  it("opens Sales Hub on My Open Leads, where the sales rep sees none of the dual-write leads", async () => {
    await page.goto(`${sandbox.dataverseUrl}/main.aspx`);
    await page.getByRole("heading", { name: "Sales Hub" }).waitFor();
    await waitForView("My Open Leads");
    await waitForCount("Rows: 0");
    await page.getByText("We didn't find anything to show here").waitFor();
    for (const company of SEEDED_COMPANIES) expect(await page.getByText(company).count()).toBe(0);
    expect(await page.getByRole("button", { name: /Sanna Myyjä/ }).count()).toBe(1);
  });

  it("lists the seeded Commerce B2B leads in All Commerce B2B leads, with formatted values", async () => {
    await viewSelector().click();
    await page.getByRole("option", { name: "All Commerce B2B leads" }).click();
    await waitForCount(`Rows: ${SEEDED_COMPANIES.length}`);
    const text = await grid().innerText();
    for (const company of SEEDED_COMPANIES) expect(text).toContain(company);
    expect(text).toContain("Prospect status");
    expect(text).toContain("Pending");
    expect(text).toContain("# Dual Write");
    expect(new URL(page.url()).searchParams.get("viewid")).toBe("a3ced4fd-fbcb-4785-bc72-8de44ff0734d");
    mkdirSync(join(repoRoot, "out", "e2e"), { recursive: true });
    await page.screenshot({ path: join(repoRoot, "out", "e2e", "sales-views.png"), fullPage: true, animations: "disabled" });
  });

  it("sorts by a column header click and goes back to My Open Leads with the browser's Back", async () => {
    await page.getByRole("columnheader", { name: /Company Name/ }).click();
    await page.locator('[role="columnheader"][aria-sort="ascending"]').filter({ hasText: "Company Name" }).waitFor();
    await grid().getByRole("row").nth(1).getByText("Contoso Pharmaceuticals").waitFor();
    const names = await grid().getByRole("gridcell").allInnerTexts();
    const companies = names.filter((cell) => SEEDED_COMPANIES.includes(cell));
    expect(companies).toEqual([...SEEDED_COMPANIES].sort((a, b) => a.localeCompare(b)));
    await page.goBack();
    await waitForView("My Open Leads");
    await waitForCount("Rows: 0");
  });

  it("switches to Finnish: chrome, view names and formatted values follow", async () => {
    await page.getByRole("button", { name: "Language" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Suomi (Finnish)" }).click();
    await page.getByRole("heading", { name: "Myyntikeskus" }).waitFor();
    await waitForView("Omat avoimet liidit", "Valitse näkymä");
    await viewSelector("Valitse näkymä").click();
    await page.getByRole("option", { name: "All Commerce B2B leads" }).click();
    await waitForCount(`Rivejä: ${SEEDED_COMPANIES.length}`);
    expect(await grid().innerText()).toContain("Odottaa");
    // Back to English for whoever opens the page next.
    await page.getByRole("button", { name: "Kieli" }).click();
    await page.getByRole("menuitemcheckbox", { name: "English (englanti)" }).click();
    await page.getByRole("heading", { name: "Sales Hub" }).waitFor();
  });

  it("opens a record from the name link (main.aspx?pagetype=entityrecord)", async () => {
    await page.getByRole("link", { name: "Leads" }).click();
    await waitForView("My Open Leads");
    await viewSelector().click();
    await page.getByRole("option", { name: "All Commerce B2B leads" }).click();
    await waitForCount(`Rows: ${SEEDED_COMPANIES.length}`);
    await page.getByRole("link", { name: /^Open / }).first().click();
    await page.waitForURL(/pagetype=entityrecord/);
    const url = new URL(page.url());
    expect(url.searchParams.get("etn")).toBe("lead");
    expect(url.searchParams.get("id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("hosts the imported provenance control with platform React/Fluent from the sandbox and the rep's Web API", async () => {
    const response = await fetch(
      `${sandbox.apiUrl}leads?$select=leadid,fullname,msdyn_prospectid&$filter=companyname eq 'Contoso Pharmaceuticals'`,
      { headers: { Authorization: "Bearer admin", Accept: "application/json" } },
    );
    const [lead] = ((await response.json()) as { value: { leadid: string; fullname: string; msdyn_prospectid: string }[] }).value;
    await page.goto(`${sandbox.dataverseUrl}/main.aspx?pagetype=entitylist&etn=account`);
    await page.getByRole("heading", { name: "Sales Hub" }).waitFor();
    await page.evaluate((input) => {
      (window as unknown as { __pcfHarness: unknown }).__pcfHarness = input;
    }, { leadId: lead.leadid, fullname: lead.fullname, prospectId: lead.msdyn_prospectid });
    await page.addScriptTag({ url: "/sandbox-web/pcfHarness.js" });
    const host = page.locator("#pcf-harness");
    const steps = host.getByRole("list", { name: "Commerce onboarding steps" });
    await steps.waitFor();
    const text = await steps.innerText();
    expect(text).toContain("Partner signed up on the B2B site");
    expect(text).toContain("Lead: Alex Wu (this record)");
    const loaded = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname));
    expect(loaded).toEqual(
      expect.arrayContaining([
        "/sandbox-web/vendor/fluent_8_121_1.js",
        "/WebResources/cc_Cb2b.DualWriteProvenance/bundle.js",
        "/WebResources/cc_Cb2b.DualWriteProvenance/css/DualWriteProvenance.css",
        "/WebResources/cc_Cb2b.DualWriteProvenance/strings/DualWriteProvenance.1033.resx",
      ]),
    );
    // The control's stylesheet applies: the first step's marker is a green ring with a check.
    const marker = host.locator("li[data-step=signedUp] .cb2b-provenance-rail > :first-child");
    expect(await marker.evaluate((m) => [getComputedStyle(m).borderRadius, getComputedStyle(m).borderTopColor, getComputedStyle(m, "::before").content])).toEqual(["50%", "rgb(16, 124, 16)", '"✓"']);
    await host.screenshot({ path: join(repoRoot, "out", "e2e", "sales-pcf-host.png"), animations: "disabled" });
  });

  it("renders a company name holding HTML as text in the grid", async () => {
    const hostile = `<img src=x onerror="window.__xss=1">Evil Oy`;
    const created = await fetch(`${sandbox.apiUrl}leads`, {
      method: "POST",
      headers: { Authorization: "Bearer salesrep", "Content-Type": "application/json" },
      body: JSON.stringify({ firstname: "Mallory", lastname: "<b>Bold</b>", companyname: hostile }),
    });
    expect(created.status).toBe(204);
    await page.goto(`${sandbox.dataverseUrl}/main.aspx?pagetype=entitylist&etn=lead`);
    await waitForCount("Rows: 1");
    await grid().getByText(hostile, { exact: true }).waitFor();
    expect(await grid().getByText("Mallory <b>Bold</b>", { exact: true }).count()).toBe(1);
    expect(await grid().locator("img, b").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  it("pages My Open Leads 50 rows at a time", async () => {
    // The rep owns the lead of the previous test; 51 more make two pages.
    for (let i = 1; i <= 51; i++) {
      const answer = await fetch(`${sandbox.apiUrl}leads`, {
        method: "POST",
        headers: { Authorization: "Bearer salesrep", "Content-Type": "application/json" },
        body: JSON.stringify({ lastname: `Paging ${String(i).padStart(2, "0")}`, companyname: "Paging Oy" }),
      });
      expect(answer.status).toBe(204);
    }
    await page.goto(`${sandbox.dataverseUrl}/main.aspx?pagetype=entitylist&etn=lead`);
    await waitForCount("Rows: 52");
    await page.getByText("Page 1", { exact: true }).waitFor();
    // DetailsList virtualises its rows; aria-rowcount says how many it holds (header row included).
    const rowCount = (n: number) => page.locator(`[role="grid"][aria-rowcount="${n}"]`).waitFor();
    await rowCount(1 + 50);
    await page.getByRole("button", { name: "Next page" }).click();
    await page.getByText("Page 2", { exact: true }).waitFor();
    await rowCount(1 + 2);
    expect(await page.getByRole("button", { name: "Next page" }).isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Previous page" }).click();
    await page.getByText("Page 1", { exact: true }).waitFor();
    await rowCount(1 + 50);
  });

  it("switches the signed-in user to the admin, who owns none of these leads", async () => {
    await page.getByRole("button", { name: /^Switch user/ }).click();
    await page.getByRole("menuitemcheckbox", { name: "# Sandbox Admin" }).click();
    await page.getByRole("button", { name: /# Sandbox Admin/ }).waitFor();
    await waitForView("My Open Leads");
    await waitForCount("Rows: 0");
    await page.getByRole("button", { name: /^Switch user/ }).click();
    await page.getByRole("menuitemcheckbox", { name: "Sanna Myyjä" }).click();
    await waitForCount("Rows: 52");
  });
});
