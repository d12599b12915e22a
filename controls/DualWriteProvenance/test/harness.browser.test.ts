import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ensureControlsBuilt } from "../../../tools/build/buildControls";
import { repoRoot, startHarness, type Harness } from "./harnessServer";
import { approvedRow, ids, qualifiedRow, type Row } from "./rows";

/**
 * The production build in Microsoft's pcf-start harness, in headless Chromium. The harness page pulls
 * React from unpkg (unreachable here): those requests are answered from node_modules/react*\/umd;
 * Fluent UI comes from pcf-start's own lib folder. Nothing else leaves the machine.
 */
const chromiumPath = "/usr/bin/chromium";
const hasChromium = existsSync(chromiumPath);
const describeInChromium = hasChromium ? describe : describe.skip;
if (!hasChromium) console.warn(`Skipping the pcf-start harness test: ${chromiumPath} is not installed (apt-get install chromium).`);

jest.setTimeout(240_000);

async function openHarness(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  await page.route("**/*", (route) => {
    const target = new URL(route.request().url());
    if (target.hostname === "127.0.0.1") return route.continue();
    const umd = /^\/(react|react-dom)@16\.14\.0\/umd\/([\w.-]+\.js)$/.exec(target.pathname);
    if (target.hostname === "unpkg.com" && umd) {
      return route.fulfill({ path: join(repoRoot, "node_modules", umd[1], "umd", umd[2]), contentType: "application/javascript" });
    }
    return route.abort();
  });
  await page.goto(url);
  return page;
}

/**
 * The harness has no form and no Dataverse. This stand-in gives the control what a Commerce B2B
 * opportunity form would: the form's record (mode.contextInfo), its originating lead (the bound
 * lookup) and the Web API's answer to the provenance query.
 */
function standInForm({ row, lead, opportunity }: { row: Row; lead: string; opportunity: string }): void {
  const w = window as unknown as { ComponentFramework?: Record<string, unknown>; __provenanceQueries: string[] };
  w.__provenanceQueries = [];
  type Ctx = Record<string, Record<string, unknown>>;
  const fill = (context: Ctx) => {
    context.mode.contextInfo = { entityTypeName: "opportunity", entityId: opportunity, entityRecordName: "Fabrikam Oy partnership" };
    context.parameters.source = { raw: [{ entityType: "lead", id: lead, name: "Aino Virtanen" }], type: "Lookup.Simple" };
    context.webAPI = {
      retrieveMultipleRecords: (entity: string, options: string) => {
        w.__provenanceQueries.push(`${entity}${options}`);
        return Promise.resolve({ entities: [row] });
      },
    };
  };
  type Control = new () => { init(context: Ctx, ...rest: unknown[]): void; updateView(context: Ctx): unknown };
  let register: ((name: string, control: Control) => void) | undefined;
  const framework: Record<string, unknown> = {};
  Object.defineProperty(framework, "registerControl", {
    configurable: true,
    set(value: (name: string, control: Control) => void) {
      register = value;
    },
    get() {
      return (name: string, Base: Control) =>
        register?.(
          name,
          class extends Base {
            override init(context: Ctx, ...rest: unknown[]) {
              fill(context);
              super.init(context, ...rest);
            }
            override updateView(context: Ctx) {
              fill(context);
              return super.updateView(context);
            }
          },
        );
    },
  });
  w.ComponentFramework = framework;
}

describeInChromium("DualWriteProvenance in the pcf-start harness (headless Chromium)", () => {
  let harness: Harness;
  let browser: Browser;

  beforeAll(async () => {
    ensureControlsBuilt(repoRoot);
    harness = await startHarness();
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });

  afterAll(async () => {
    await browser?.close();
    harness?.stop();
  });

  it("loads the built control with platform React and Fluent, quiet where there is no Commerce record", async () => {
    const page = await openHarness(browser, harness.url);
    await page.getByText("Not from a Commerce B2B partner sign-up.").waitFor();
    await page.close();
  });

  it("renders the seven-step timeline of an approved partner from one query", async () => {
    const page = await openHarness(browser, "about:blank");
    await page.addInitScript(standInForm, { row: approvedRow(), lead: ids.lead, opportunity: ids.opportunity });
    await page.goto(harness.url);
    const list = page.getByRole("list", { name: "Commerce onboarding steps" });
    await list.waitFor();
    const steps = list.locator(":scope > li");
    expect(await steps.count()).toBe(7);
    const text = await list.innerText();
    expect(text).toContain("Partner signed up on the B2B site");
    expect(text).toContain("Signed up on channel Fabrikam B2B site.");
    expect(text).toContain("Closed as won.");
    expect(text).toContain("Opportunity: Fabrikam Oy partnership (this record)");
    expect(await page.getByRole("button", { name: "Open Account Fabrikam Oy" }).count()).toBeGreaterThan(0);
    // The layout is the manifest's css resource: markers drawn by it, glyph and colour from the step's state.
    const markers = await list.evaluate((ul) =>
      Array.from(ul.querySelectorAll(":scope > li")).map((li) => {
        const marker = li.querySelector(".cb2b-provenance-rail > :first-child")!;
        const style = getComputedStyle(marker);
        return [li.getAttribute("data-state"), style.borderRadius, style.borderTopColor, getComputedStyle(marker, "::before").content];
      }),
    );
    expect(markers[0]).toEqual(["done", "50%", "rgb(16, 124, 16)", '"✓"']);
    expect(markers).toHaveLength(7);
    const queries = await page.evaluate(() => (window as unknown as { __provenanceQueries: string[] }).__provenanceQueries);
    expect(queries).toHaveLength(1);
    expect(queries[0].startsWith("lead?fetchXml=")).toBe(true);

    mkdirSync(join(repoRoot, "out", "e2e"), { recursive: true });
    await page.screenshot({ path: join(repoRoot, "out", "e2e", "provenance-harness.png"), fullPage: true });
    await page.close();
  });

  it("shows the waiting-too-long warning with Fluent's message bar", async () => {
    const page = await openHarness(browser, "about:blank");
    const row = qualifiedRow(50, { "acct.accountnumber": null, "cont.msdyn_contactpersonid": null });
    await page.addInitScript(standInForm, { row, lead: ids.lead, opportunity: ids.opportunity });
    await page.goto(harness.url);
    const warning = page.locator(".ms-MessageBar").filter({ hasText: "Waiting for 50 minutes" });
    await warning.waitFor();
    expect(await warning.innerText()).toContain("the Customers V3 (accounts) dual-write map is running;");
    await page.screenshot({ path: join(repoRoot, "out", "e2e", "provenance-harness-waiting.png"), fullPage: true });
    await page.close();
  });
});
