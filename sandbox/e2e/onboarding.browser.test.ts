/**
 * The whole onboarding flow as people see it, in headless Chromium against `startSandbox` (the imported
 * managed solution, the webhook host, Commerce HQ and dual-write): a partner signs up on the B2B site,
 * Commerce HQ runs its jobs, a sales rep works the lead in Sales Hub (Sales' own commands) with the
 * solution's form scripts, provenance control and webhook, and Commerce shows the outcome. A screenshot per step
 * goes to out/e2e/flow-*.png. Every request must stay on 127.0.0.1 and no page may log an error.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { buildSandboxWeb } from "../web/build";
import { managedSolutionZip, repoRoot, sandboxFiles } from "../src/start/paths";
import { startSandbox, type RunningSandbox } from "../src/start/sandbox";
import { hasWebhookHost } from "../src/start/webhookHost";
import { chromiumPath, hasChromium, launchChromium, watchPage } from "../test/browser";

const why = !hasChromium
  ? `${chromiumPath} is not installed (apt-get install chromium)`
  : !existsSync(managedSolutionZip)
    ? `${managedSolutionZip} is missing (npm run build)`
    : !hasWebhookHost()
      ? "the plugins-ts webhook host is missing"
      : null;
if (why) console.warn(`Skipping the onboarding flow browser test: ${why}.`);

jest.setTimeout(240_000);

const HOSTILE = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>Evil Oy`;
const shots = join(repoRoot, "out", "e2e");

(why ? describe.skip : describe)("Commerce B2B onboarding in the browser (site → HQ → Sales → HQ)", () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cb2b-flow-"));
    const bundles = join(dir, "bundles");
    await buildSandboxWeb({ outDir: bundles });
    sandbox = await startSandbox({
      files: sandboxFiles(join(dir, "data")),
      port: 0,
      commercePort: 0,
      solutionZip: managedSolutionZip,
      webhook: { port: 0 },
      demo: false,
      seed: false,
      webBundleDir: bundles,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await watchPage(page, problems);
    mkdirSync(shots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  afterEach(async () => {
    expect(problems).toEqual([]);
    // Nothing from the hostile company name ever became markup or ran.
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"], [onerror]').count()).toBe(0);
  });

  const shot = (name: string) => page.screenshot({ path: join(shots, `flow-${name}.png`), fullPage: true, animations: "disabled" });
  const commerce = () => new URL(sandbox.commerceUrl).origin;
  const notification = (text: string | RegExp) => page.getByRole("region", { name: "Form notifications" }).getByText(text);

  /** The public sign-up form; returns when the confirmation shows. */
  async function signUp(company: string, first: string, last: string, email: string): Promise<void> {
    await page.goto(`${commerce()}/signup?lang=en`);
    await page.getByRole("heading", { name: "Partner sign up" }).waitFor();
    await page.getByLabel("Company name").fill(company);
    await page.getByLabel("First name").fill(first);
    await page.getByLabel("Last name").fill(last);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Phone").fill("+358 40 123 4567");
    await page.getByLabel("Number of employees").fill("80");
    await page.getByLabel("City").fill("Helsinki");
    await page.getByRole("button", { name: "Submit" }).click();
    await page.getByRole("heading", { name: "Thank you for your request" }).waitFor();
    await page.getByText(company, { exact: true }).waitFor();
  }

  /** Commerce HQ: P-0001, Synchronize customers and channel requests, then dual-write creates the lead. */
  async function runCommerceJobs(): Promise<void> {
    await page.goto(`${commerce()}/hq?lang=en`);
    await page.getByRole("heading", { name: "All prospects" }).waitFor();
    await page.getByRole("menuitem", { name: "Run P-0001" }).click();
    await page.getByText(/^P-0001 finished: 1 request uploaded/).waitFor();
    await page.getByRole("menuitem", { name: "Synchronize customers and channel requests" }).click();
    await page.getByText(/^Synchronize customers and channel requests finished: 1 prospect created/).waitFor();
    await runDualWrite();
  }

  async function runDualWrite(): Promise<void> {
    await sandbox.whenIdle();
    await page.getByRole("menuitem", { name: "Run dual-write sync now (sandbox)" }).click();
    await page.getByRole("menuitem", { name: "Run dual-write sync now (sandbox)" }).isEnabled();
    await sandbox.whenIdle();
  }

  async function prospectRow(company: string) {
    await page.goto(`${commerce()}/hq/prospects?lang=en`);
    const row = page.getByRole("grid", { name: "All prospects" }).getByRole("row").filter({ hasText: company });
    await row.waitFor();
    return row;
  }

  /** Opens the lead from All Commerce B2B leads, as a rep would find it. */
  async function openLeadFromView(company: string): Promise<void> {
    await page.goto(`${sandbox.dataverseUrl}/main.aspx?pagetype=entitylist&etn=lead`);
    await page.getByRole("combobox", { name: "Select a view" }).filter({ hasText: "My Open Leads" }).waitFor();
    await page.getByTestId("grid-record-count").filter({ hasText: /^Rows: 0$/ }).waitFor();
    expect(await page.getByRole("grid").getByText(company, { exact: true }).count()).toBe(0);
    await shot(`${company === HOSTILE ? "xss" : "sales"}-my-open-leads`);
    await page.getByRole("combobox", { name: "Select a view" }).click();
    await page.getByRole("option", { name: "All Commerce B2B leads" }).click();
    const row = page.getByRole("grid").getByRole("row").filter({ hasText: company });
    await row.waitFor();
    await row.getByRole("link").first().click();
    await notification(/Commerce B2B prospect/).waitFor();
  }

  it("1. sign up → jobs → lead only in All Commerce B2B leads → provenance → Qualify blocked then done → customers → Close as Won → Commerce approves", async () => {
    await signUp("Fabrikam Oy", "Aino", "Virtanen", "aino@fabrikam.example");
    await shot("1-signup-confirmation");
    await runCommerceJobs();
    const pending = await prospectRow("Fabrikam Oy");
    await pending.getByText("Pending", { exact: true }).waitFor();
    await shot("1-hq-pending");

    await openLeadFromView("Fabrikam Oy");
    const steps = page.getByRole("list", { name: "Commerce onboarding steps" });
    await steps.waitFor();
    const step = (title: string) => steps.getByRole("listitem").filter({ hasText: title }).first();
    for (const title of ["Partner signed up on the B2B site", "Prospect created in Commerce", "Lead created by dual-write"]) {
      await step(title).filter({ hasText: "Done" }).waitFor();
    }
    expect(await step("Lead qualified").innerText()).not.toMatch(/\bDone\b/);
    await shot("1-lead-provenance");

    const email = page.getByRole("textbox", { name: "Email" });
    await email.fill("");
    await email.blur();
    // The form says what stops Qualify before the click, and its OnSave cancels the Qualify save.
    await notification(/cannot be qualified yet.*Email is missing\./).waitFor();
    await page.getByRole("menuitem", { name: "Qualify", exact: true }).click();
    await notification(/cannot be qualified yet.*Email is missing\./).waitFor();
    expect(new URL(page.url()).searchParams.get("etn")).toBe("lead");
    await page.getByText(/- Unsaved/).waitFor();
    await shot("1-qualify-blocked");
    await email.fill("aino.virtanen@fabrikam.example");
    await email.blur();
    await notification(/cannot be qualified yet/).waitFor({ state: "detached" });
    await page.getByRole("menuitem", { name: "Save", exact: true }).click();
    await page.getByText(/- Unsaved/).waitFor({ state: "detached" });
    await page.getByRole("menuitem", { name: "Qualify", exact: true }).click();
    // Sales' Qualify opens the new opportunity; the lead is qualified and read-only.
    await page.waitForURL(/etn=opportunity/);
    await notification(/comes from Commerce B2B prospect/).waitFor();
    await shot("1-qualified-opportunity");
    await page.goBack();
    await page.getByText("Read-only: this record's status is Qualified.").waitFor();
    await shot("1-lead-qualified");

    // Dual-write writes the account and contact to Commerce and their numbers back to Sales.
    await page.goto(`${commerce()}/hq?lang=en`);
    await runDualWrite();
    await page.goto(`${commerce()}/hq/customers?lang=en`);
    await page.getByRole("grid", { name: "All customers" }).getByText("Fabrikam Oy").first().waitFor();
    await shot("1-hq-customers");

    const opportunities = await fetch(`${sandbox.apiUrl}opportunities?$select=opportunityid&$filter=_parentaccountid_value ne null`, {
      headers: { Authorization: "Bearer salesrep", Accept: "application/json" },
    });
    const [opportunity] = ((await opportunities.json()) as { value: { opportunityid: string }[] }).value;
    await page.goto(`${sandbox.dataverseUrl}/main.aspx?pagetype=entityrecord&etn=opportunity&id=${opportunity.opportunityid}`);
    await notification(/comes from Commerce B2B prospect/).waitFor();
    // Dual-write wrote the customers back: nothing blocks Close as Won any more.
    expect(await notification(/Close as Won is not available/).count()).toBe(0);
    const won = page.getByRole("menuitem", { name: "Close as Won", exact: true });
    await page.waitForFunction(() => document.querySelector('[role="menuitem"][aria-label="Close as Won"]')?.getAttribute("aria-disabled") !== "true");
    await won.click();
    const close = page.getByRole("dialog", { name: "Close Opportunity" });
    await close.waitFor({ state: "attached" });
    await close.getByRole("button", { name: "OK" }).click();
    await page.getByText("Read-only: this record's status is Won.").waitFor();
    await shot("1-opportunity-won");

    // The webhook's hand-off approves the prospect; dual-write carries it to Commerce.
    await page.goto(`${commerce()}/hq?lang=en`);
    await runDualWrite();
    const approved = await prospectRow("Fabrikam Oy");
    await approved.getByText("Approved", { exact: true }).waitFor();
    await shot("1-hq-approved");
    await page.goto(`${commerce()}/hq/hierarchies?lang=en`);
    const hierarchies = page.getByRole("grid", { name: "Customer hierarchies" });
    await hierarchies.getByText("Fabrikam Oy").first().waitFor();
    await page.getByText("Admin", { exact: true }).first().waitFor();
    expect(await page.locator("body").innerText()).toContain("Aino");
    await shot("1-hq-hierarchy");
    await page.goto(`${commerce()}/hq/outbox?lang=en`);
    const outbox = page.getByRole("grid", { name: "Email outbox" });
    await outbox.getByText(/approved/i).first().waitFor();
    expect(await outbox.innerText()).toContain("aino.virtanen@fabrikam.example");
    await shot("1-hq-approval-email");
  });

  it("2. sign up → Disqualify (the form asks first) → Commerce shows Rejected and the rejection email", async () => {
    await signUp("Northwind Oy", "Eero", "Laine", "eero@northwind.example");
    await runCommerceJobs();
    await openLeadFromView("Northwind Oy");
    await page.getByRole("menuitem", { name: "Disqualify", exact: true }).click();
    await page.getByRole("menuitem", { name: "No Longer Interested" }).click();
    const confirm = page.getByRole("dialog", { name: "Disqualify the Commerce B2B partner?" });
    await confirm.waitFor({ state: "attached" });
    await shot("2-disqualify-confirmation");
    await confirm.getByRole("button", { name: "Disqualify" }).click();
    await page.getByText("Read-only: this record's status is Disqualified.").waitFor();

    await page.goto(`${commerce()}/hq?lang=en`);
    await runDualWrite();
    const rejected = await prospectRow("Northwind Oy");
    await rejected.getByText("Rejected", { exact: true }).waitFor();
    await shot("2-hq-rejected");
    await page.goto(`${commerce()}/hq/outbox?lang=en`);
    const outbox = page.getByRole("grid", { name: "Email outbox" });
    await outbox.getByRole("row").filter({ hasText: "eero@northwind.example" }).filter({ hasText: /not approved|rejected|declined/i }).first().waitFor();
    await shot("2-hq-rejection-email");
  });

  it("3. a company name holding HTML and script is text on the site, in HQ, in the Sales view, on the form and in the control", async () => {
    await signUp(HOSTILE, "Mallory", "Attacker", "mallory@evil.example");
    await shot("3-xss-site");
    await runCommerceJobs();
    const row = await prospectRow(HOSTILE);
    await row.getByText(HOSTILE, { exact: true }).waitFor();
    await shot("3-xss-hq");
    await openLeadFromView(HOSTILE);
    await expect(page.getByRole("textbox", { name: "Company name" }).inputValue()).resolves.toBe(HOSTILE);
    await page.getByRole("list", { name: "Commerce onboarding steps" }).waitFor();
    await shot("3-xss-sales-form");
    expect(await page.locator("script:not([src])").count()).toBe(0);
  });
});
