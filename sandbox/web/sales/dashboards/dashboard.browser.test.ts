import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { ProspectStatus } from "../../../../core/src/columns";
import { SandboxUsers } from "../../../src/dataverse/users";
import { WebApiClient } from "../../../src/dualwrite/webApiClient";
import { managedSolutionZip, repoRoot } from "../../../src/start/paths";
import { chromiumPath, hasChromium, launchChromium, watchPage } from "../../../test/browser";
import { commerceLead, disqualify, qualify, startTestSandbox, TestClock, win, type TestSandbox } from "../../../test/runningSandbox";
import { buildSandboxWeb } from "../../build";

/**
 * The *Commerce B2B onboarding* dashboard in the sandbox's Sales Hub (issue 16), in headless Chromium:
 * laid out from its form XML, four system charts drawn from their FetchXML aggregates and two review
 * lists, in English and in Finnish (screenshots in out/e2e/). Two partners typed hostile company names;
 * they show as the text they typed. Any console error, page error or off-host request fails the test.
 */
const ready = hasChromium && existsSync(managedSolutionZip);
if (!hasChromium) console.warn(`Skipping the dashboard browser test: ${chromiumPath} is not installed.`);
else if (!ready) console.warn(`Skipping the dashboard browser test: ${managedSolutionZip} is missing (npm run build).`);

jest.setTimeout(240_000);

const HOSTILE = [`<img src=x onerror="window.__pwned=1">Acme Oy`, `"><script>window.__pwned=2</script>Borg Ab`];
const TITLES = {
  1033: [
    "Commerce B2B leads by prospect status",
    "Commerce B2B leads awaiting review by waiting time",
    "Commerce B2B approvals and rejections per week",
    "Commerce B2B opportunities by stage of the hand-off",
    "Commerce B2B leads awaiting review",
    "Commerce B2B leads past the review deadline",
  ],
  1035: [
    "Commercen B2B-liidit potentiaalisen asiakkaan tilan mukaan",
    "Tarkistusta odottavat Commercen B2B-liidit odotusajan mukaan",
    "Commercen B2B-hyväksynnät ja -hylkäykset viikoittain",
    "Commercen B2B-myyntimahdollisuudet luovutuksen vaiheen mukaan",
    "Tarkistusta odottavat Commercen B2B-liidit",
    "Commercen B2B-liidit, joiden tarkistuksen määräaika on ylittynyt",
  ],
} as const;

(ready ? describe : describe.skip)("the Commerce B2B onboarding dashboard (headless Chromium)", () => {
  let dir: string;
  let t: TestSandbox;
  let browser: Browser;
  let page: Page;
  const clock = new TestClock();
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cb2b-dashboard-bundles-"));
    await buildSandboxWeb({ outDir: dir });
    t = await startTestSandbox("cb2b-dashboard-", false, undefined, { webBundleDir: dir, now: clock.now });
    const dualWrite = new WebApiClient({ apiUrl: t.sandbox.apiUrl, accessToken: SandboxUsers.dualWrite.token });

    // Company names go into the sign-up's e-mail address, so the seeded ones have no spaces.
    // Waiting: one just signed up, one for 30 hours, two past the 48-hour deadline whose company names are hostile.
    await commerceLead(t, "Aalto");
    await clock.hoursAgo(30, () => commerceLead(t, "Borealis"));
    for (const [hours, company] of [
      [50, HOSTILE[0]],
      [100, HOSTILE[1]],
    ] as const) {
      const { leadId } = await clock.hoursAgo(hours, () => commerceLead(t, `Partner${hours}`));
      await clock.hoursAgo(hours, () => dualWrite.update("leads", leadId, { companyname: company }));
    }
    // Decided: one approved (won), one rejected (disqualified); without the webhook host, dual-write writes the status.
    const approved = (await clock.hoursAgo(80, () => commerceLead(t, "Grani"))).leadId;
    const rejected = (await clock.hoursAgo(80, () => commerceLead(t, "Halla"))).leadId;
    await win(t.rep, await qualify(t.rep, approved));
    await dualWrite.update("leads", approved, { msdyn_b2bprospectstatus: ProspectStatus.Approved });
    await disqualify(t.rep, rejected);
    await dualWrite.update("leads", rejected, { msdyn_b2bprospectstatus: ProspectStatus.Rejected });
    // Qualified, opportunity still open.
    await qualify(t.rep, (await commerceLead(t, "Eira")).leadId);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1300 } });
    await watchPage(page, problems);
    mkdirSync(join(repoRoot, "out", "e2e"), { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  /** Opens the dashboard from the site map in a fresh page load, in `language`, and waits for every tile. */
  async function openDashboard(language: 1033 | 1035): Promise<void> {
    await page.goto(`${t.sandbox.dataverseUrl}/main.aspx`);
    await page.evaluate((lcid) => window.localStorage.setItem("cb2b.sandbox.language", String(lcid)), language);
    await page.goto(`${t.sandbox.dataverseUrl}/main.aspx`);
    await page.getByRole("link", { name: language === 1035 ? "Koontinäytöt" : "Dashboards" }).click();
    await page.waitForURL(/pagetype=dashboard/);
    // Every chart drawn (an SVG in each of the four chart tiles), both lists loaded.
    await page.locator("figure[data-chart-id] svg").nth(3).waitFor();
    expect(await page.locator("figure[data-chart-id]").count()).toBe(4);
    await page.locator('section[data-tile-kind="list"] [role="grid"]').nth(1).waitFor();
    await page.waitForLoadState("networkidle");
  }

  const tileTitles = () => page.locator("section[data-tile-kind] h3").allInnerTexts();
  const tile = (title: string) => page.locator("section[data-tile-kind]").filter({ has: page.locator("h3", { hasText: title }) });

  it("lays out the four charts and the two review lists, titled in English", async () => {
    await openDashboard(1033);
    await page.getByRole("heading", { level: 1, name: "Commerce B2B onboarding" }).waitFor();
    expect(await tileTitles()).toEqual([...TITLES[1033]]);
    // The chart types of the presentation XML.
    expect(await page.locator("figure[data-chart-id]").evaluateAll((figures) => figures.map((f) => (f as HTMLElement).dataset.chartType))).toEqual([
      "Pie",
      "Column",
      "StackedColumn",
      "Bar",
    ]);
    // Category and legend labels are Dataverse's formatted values and the charts' legend texts.
    await tile(TITLES[1033][0]).getByText("Pending").first().waitFor();
    await tile(TITLES[1033][0]).getByText("Approved").first().waitFor();
    await tile(TITLES[1033][1]).getByText("Over 3 days / Yli 3 päivää").first().waitFor();
    await tile(TITLES[1033][3]).getByText("In Progress").first().waitFor();
    await page.screenshot({ path: join(repoRoot, "out", "e2e", "dashboard-en.png"), fullPage: true, animations: "disabled" });
  });

  it("lists exactly the leads past the review deadline, their hostile company names shown as typed", async () => {
    const pastDeadline = tile(TITLES[1033][5]);
    await pastDeadline.getByText("Rows: 2").waitFor();
    for (const company of HOSTILE) expect(await pastDeadline.getByText(company, { exact: true }).count()).toBe(1);
    expect(await tile(TITLES[1033][4]).getByText("Rows: 4").count()).toBe(1);
    // Nothing a partner typed became markup or ran.
    expect(await page.locator('main img[src="x"], main script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it("switches the tile titles and the chart labels to Finnish", async () => {
    await openDashboard(1035);
    expect(await tileTitles()).toEqual([...TITLES[1035]]);
    await tile(TITLES[1035][0]).getByText("Odottaa").first().waitFor();
    await tile(TITLES[1035][0]).getByText("Hyväksytty").first().waitFor();
    await tile(TITLES[1035][3]).getByText("Käynnissä").first().waitFor();
    await tile(TITLES[1035][5]).getByText("Rivejä: 2").waitFor();
    await page.screenshot({ path: join(repoRoot, "out", "e2e", "dashboard-fi.png"), fullPage: true, animations: "disabled" });
  });
});
