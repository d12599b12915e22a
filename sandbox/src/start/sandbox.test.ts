import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SandboxUsers } from "../dataverse/users";
import { WebApiClient } from "../dualwrite/webApiClient";
import { resetSandbox, sandboxFiles, type SandboxFiles } from "./paths";
import { startSandbox, type RunningSandbox } from "./sandbox";

/** `npm start` without the solution build/import and the webhook host: persistence and `--reset`. */
describe("sandbox start, restart and reset", () => {
  let files: SandboxFiles;
  let running: RunningSandbox | undefined;

  beforeEach(() => {
    files = sandboxFiles(mkdtempSync(join(tmpdir(), "cb2b-sandbox-")));
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    rmSync(files.dir, { recursive: true, force: true });
  });

  const start = () => startSandbox({ files, port: 0, commercePort: 0, solutionZip: null, webhook: false, demo: false, seed: true });

  async function commerceB2BLeads(sandbox: RunningSandbox): Promise<string[]> {
    const client = new WebApiClient({ apiUrl: sandbox.apiUrl, accessToken: SandboxUsers.salesRep.token });
    const leads = await client.list("leads?$select=msdyn_prospectid&$filter=msdyn_b2bcommerceprospect eq true&$orderby=msdyn_prospectid");
    return leads.map((l) => String(l.msdyn_prospectid));
  }

  it("seeds a fresh sandbox: sign-ups → prospects → leads, and serves the Commerce API", async () => {
    running = await start();
    expect(running.commerce.prospects().map((p) => p.status)).toEqual(["Pending", "Pending", "Pending"]);
    expect(await commerceB2BLeads(running)).toEqual(["PRO-000001", "PRO-000002", "PRO-000003"]);
    const response = await fetch(`${running.commerceUrl}/prospects`);
    expect(((await response.json()) as { value: unknown[] }).value).toHaveLength(3);
    expect(existsSync(files.dataverseDb) && existsSync(files.commerceDb)).toBe(true);
  });

  it("keeps the data across a restart without seeding or syncing it twice", async () => {
    running = await start();
    running.commerce.submitSignup({ companyName: "Northwind", firstName: "Maria", lastName: "Anders", email: "maria@northwind.example", channel: "B2B-US" }, 1033);
    running.commerce.runJobs();
    await running.dualWrite.syncNow();
    await running.close();

    running = await start();
    expect(running.commerce.signupRequests()).toHaveLength(4);
    expect(await commerceB2BLeads(running)).toEqual(["PRO-000001", "PRO-000002", "PRO-000003", "PRO-000004"]);
  });

  it("--reset removes both databases so the next start begins again", async () => {
    running = await start();
    running.commerce.submitSignup({ companyName: "Northwind", firstName: "Maria", lastName: "Anders", email: "maria@northwind.example", channel: "B2B-US" }, 1033);
    await running.close();
    running = undefined;

    const removed = resetSandbox(files);
    expect(removed).toEqual(expect.arrayContaining([files.dataverseDb, files.commerceDb]));
    expect(existsSync(files.dataverseDb) || existsSync(files.commerceDb)).toBe(false);

    running = await start();
    expect(running.commerce.signupRequests()).toHaveLength(3);
    expect(await commerceB2BLeads(running)).toEqual(["PRO-000001", "PRO-000002", "PRO-000003"]);
  });
});
