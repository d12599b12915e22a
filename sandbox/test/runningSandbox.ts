import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LeadState, LeadStatus, OpportunityStatus } from "../../core/src";
import { SandboxUsers } from "../src/dataverse/users";
import { WebApiClient, type WebApiRecord } from "../src/dualwrite/webApiClient";
import { managedSolutionZip, sandboxFiles } from "../src/start/paths";
import { startSandbox, type RunningSandbox, type SandboxOptions } from "../src/start/sandbox";

/** The built managed zip on a fresh sandbox in a temporary folder, as the tests over the Web API use it. */
export interface TestSandbox {
  sandbox: RunningSandbox;
  rep: WebApiClient;
  admin: WebApiClient;
  close(): Promise<void>;
}

/** A sandbox clock a test can set back: what the sandbox creates inside `hoursAgo` is that many hours old. */
export class TestClock {
  private offsetMs = 0;

  readonly now = (): Date => new Date(Date.now() - this.offsetMs);

  async hoursAgo<T>(hours: number, step: () => Promise<T>): Promise<T> {
    this.offsetMs = hours * 3_600_000;
    try {
      return await step();
    } finally {
      this.offsetMs = 0;
    }
  }
}

export async function startTestSandbox(
  folderPrefix: string,
  webhook: SandboxOptions["webhook"],
  log?: (line: string) => void,
  more: Pick<SandboxOptions, "webBundleDir" | "now"> = {},
): Promise<TestSandbox> {
  const files = sandboxFiles(mkdtempSync(join(tmpdir(), folderPrefix)));
  const sandbox = await startSandbox({ files, port: 0, commercePort: 0, solutionZip: managedSolutionZip, webhook, demo: false, seed: false, log, ...more });
  return {
    sandbox,
    rep: new WebApiClient({ apiUrl: sandbox.apiUrl, accessToken: SandboxUsers.salesRep.token }),
    admin: new WebApiClient({ apiUrl: sandbox.apiUrl, accessToken: SandboxUsers.admin.token }),
    close: async () => {
      await sandbox.close();
      rmSync(files.dir, { recursive: true, force: true });
    },
  };
}

/** A partner signs up; the Commerce jobs and a dual-write sync turn it into an open Commerce B2B lead. */
export async function commerceLead(t: TestSandbox, companyName: string): Promise<{ prospectId: string; leadId: string }> {
  const submitted = t.sandbox.commerce.submitSignup(
    { companyName, firstName: "Aino", lastName: "Virtanen", email: `aino@${companyName.toLowerCase()}.example`, channel: "B2B-US" },
    1033,
  );
  if (!submitted.ok) throw new Error("sign-up refused");
  const [prospect] = t.sandbox.commerce.runJobs().prospects;
  await t.sandbox.dualWrite.syncNow();
  const [lead] = await t.rep.list(`leads?$select=leadid&$filter=msdyn_prospectid eq '${prospect.prospectId}'`);
  return { prospectId: prospect.prospectId, leadId: String(lead.leadid) };
}

/** QualifyLead into account, contact and opportunity, as the caller (the rep); the created opportunity's id. */
export async function qualify(rep: WebApiClient, leadId: string): Promise<string> {
  const created = (await rep.action(`leads(${leadId})/Microsoft.Dynamics.CRM.QualifyLead`, {
    CreateAccount: true,
    CreateContact: true,
    CreateOpportunity: true,
    Status: LeadStatus.Qualified,
  })) as { value: WebApiRecord[] };
  return String(created.value.find((r) => typeof r.opportunityid === "string")?.opportunityid);
}

const closing = (opportunityId: string, subject: string) => ({ subject, "opportunityid@odata.bind": `/opportunities(${opportunityId})` });

export const win = (rep: WebApiClient, opportunityId: string) =>
  rep.action("WinOpportunity", { OpportunityClose: closing(opportunityId, "Won"), Status: OpportunityStatus.Won });

export const lose = (rep: WebApiClient, opportunityId: string) =>
  rep.action("LoseOpportunity", { OpportunityClose: closing(opportunityId, "Lost"), Status: OpportunityStatus.OutSold });

export const disqualify = (rep: WebApiClient, leadId: string) =>
  rep.update("leads", leadId, { statecode: LeadState.Disqualified, statuscode: LeadStatus.NoLongerInterested });
