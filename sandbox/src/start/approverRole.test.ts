import { setTimeout as sleep } from "node:timers/promises";
import { ApproverRoleId, describeApproverRequired, EnvironmentVariables, LeadState, type ApproverEvent } from "../../../core/src";
import { SandboxUsers } from "../dataverse/users";
import { WebApiClient, WebApiError } from "../dualwrite/webApiClient";
import { whyBuiltSolutionMissing } from "../../test/builtSolution";
import type { RunningSandbox } from "./sandbox";
import { commerceLead, disqualify as disqualifyAs, lose as loseAs, qualify, startTestSandbox, win as winAs, type TestSandbox } from "../../test/runningSandbox";

/**
 * `cb2b_RequireApproverRole` over the running sandbox: the built managed zip imported, the webhook host
 * answering the registered steps. With the variable on, the sales rep — through the Web API alone, no
 * form and no script — cannot win, lose or disqualify a Commerce B2B record until the *Commerce B2B
 * approver* role is granted to them, directly or through a team. Only the admin turns the variable on
 * and grants roles, as a System Administrator would.
 */
const notReady = whyBuiltSolutionMissing({ webhook: true });
if (notReady) console.warn(`Skipping the approver-role end-to-end test: ${notReady}.`);

(notReady === null ? describe : describe.skip)("cb2b_RequireApproverRole on the server, through the Web API alone", () => {
  let t: TestSandbox;
  let sandbox: RunningSandbox;
  let rep: WebApiClient;
  let admin: WebApiClient;
  const repId = SandboxUsers.salesRep.id;
  const hostLog: string[] = [];
  /** The webhook host's one JSON line per delivery (`[webhook] {…}`), for one record. */
  const deliveriesFor = (recordId: string) =>
    hostLog
      .filter((line) => line.startsWith("[webhook] {"))
      .map((line) => JSON.parse(line.slice("[webhook] ".length)) as Record<string, unknown>)
      .filter((entry) => entry.event === "webhook.delivery" && entry.recordId === recordId);
  /**
   * What `read` gives once it holds `count` items, or after 5 s whatever it holds then: the host writes its
   * log lines in batches (plugins-ts/src/webhook/logger.ts), so a line can follow the answer by a few ms.
   */
  async function logged<T>(read: () => T[], count: number): Promise<T[]> {
    for (const started = Date.now(); read().length < count && Date.now() - started < 5000; ) await sleep(10);
    return read();
  }

  beforeAll(async () => {
    t = await startTestSandbox("cb2b-approver-", { port: 0 }, (line) => hostLog.push(line));
    ({ sandbox, rep, admin } = t);
    // The admin switches the requirement on: a current value for the imported definition.
    const [definition] = await admin.list(
      `environmentvariabledefinitions?$select=environmentvariabledefinitionid,defaultvalue&$filter=schemaname eq '${EnvironmentVariables.requireApproverRole}'`,
    );
    expect(definition.defaultvalue).toBe("no");
    await admin.create("environmentvariablevalues", {
      schemaname: EnvironmentVariables.requireApproverRole,
      value: "yes",
      "EnvironmentVariableDefinitionId@odata.bind": `/environmentvariabledefinitions(${String(definition.environmentvariabledefinitionid)})`,
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const speak = (languageId: number) => rep.update("usersettingscollection", repId, { uilanguageid: languageId });

  /** A sign-up that became a lead, qualified, with both customers back from Commerce: only the role can stand in the way. */
  async function readyToClose(companyName: string): Promise<{ leadId: string; opportunityId: string; prospectId: string }> {
    const { leadId, prospectId } = await commerceLead(t, companyName);
    const opportunityId = await qualify(t.rep, leadId);
    await sandbox.whenIdle();
    await sandbox.dualWrite.syncNow();
    return { leadId, opportunityId, prospectId };
  }

  /** A Commerce B2B lead as dual-write created it, still open. */
  const openLead = async (companyName: string): Promise<string> => (await commerceLead(t, companyName)).leadId;
  const win = (opportunityId: string) => winAs(t.rep, opportunityId);
  const lose = (opportunityId: string) => loseAs(t.rep, opportunityId);
  const disqualify = (leadId: string) => disqualifyAs(t.rep, leadId);

  /**
   * The webhook refuses with the rule's text in the user's language, but Dataverse reads only a webhook's
   * status code (sandbox/src/dataverse/README.md, Plug-in pipeline): the Web API caller gets the platform's
   * "Endpoint unavailable" failure, never that text. Returns the caller's message, checked to be that.
   */
  async function refusal(request: Promise<unknown>, ruleText: string): Promise<string> {
    const error = await request.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WebApiError);
    const message = (error as WebApiError).message;
    expect(message).toMatch(/^Endpoint unavailable: /);
    expect(message).not.toContain(ruleText);
    return message;
  }

  /** Associates, as the Web API does: POST <record>/<relationship>/$ref with the other record's URL. */
  const grant = (path: string, target: string) => admin.action(`${path}/$ref`, { "@odata.id": `${sandbox.apiUrl}${target}` });
  /** Disassociates: DELETE <record>/<relationship>(<other id>)/$ref. */
  async function ungrant(path: string): Promise<void> {
    const response = await fetch(`${sandbox.apiUrl}${path}/$ref`, { method: "DELETE", headers: { Authorization: `Bearer ${SandboxUsers.admin.token}` } });
    expect(response.status).toBe(204);
  }

  it.each([
    [1033, "English"],
    [1035, "Finnish"],
  ])("refuses Close as Won, Close as Lost and disqualify without the role, the webhook saying why in the user's language (%s, %s)", async (languageId) => {
    await speak(languageId);
    const text = (event: ApproverEvent) => describeApproverRequired(event, languageId);
    try {
      const won = await readyToClose(`Wonless${languageId}`);
      await refusal(win(won.opportunityId), text("win"));
      await refusal(lose(won.opportunityId), text("lose"));
      const leadId = await openLead(`Keepme${languageId}`);
      await refusal(disqualify(leadId), text("disqualify"));
      // The webhook refused each one with the approver reason (its answer, which Dataverse does not pass on).
      const refusals = await logged(() => deliveriesFor(won.opportunityId).filter((d) => d.outcome === "refused"), 2);
      expect(refusals.map((d) => [d.message, d.status, d.reason])).toEqual([
        ["WinOpportunity", 409, "approverRoleRequired"],
        ["LoseOpportunity", 409, "approverRoleRequired"],
      ]);
      // Nothing changed: the opportunity is open, the lead too, and Commerce heard nothing.
      expect((await rep.get(`opportunities(${won.opportunityId})?$select=statecode`)).statecode).toBe(0);
      expect((await rep.get(`leads(${leadId})?$select=statecode`)).statecode).toBe(LeadState.Open);
      expect(sandbox.commerce.prospect(won.prospectId)?.status).toBe("Pending");
    } finally {
      await speak(1033);
    }
  }, 60_000);

  it("leaves leads that are not Commerce B2B leads alone: the rep disqualifies one without the role", async () => {
    const leadId = String((await rep.create("leads", { firstname: "Walk", lastname: "In", companyname: "Walk-in Oy", subject: "Phone call" })).leadid);
    await disqualify(leadId);
    await sandbox.whenIdle();
    expect((await rep.get(`leads(${leadId})?$select=statecode`)).statecode).toBe(LeadState.Disqualified);
    // Both Update steps fired and answered from the delivery (PreImage) that there was nothing to do.
    expect((await logged(() => deliveriesFor(leadId), 2)).map((d) => [d.step, d.status, d.outcome])).toEqual([
      ["Cb2b.Webhook.Validate: Update of lead", 200, "notApplicable"],
      ["Cb2b.Webhook.Handoff: Update of lead", 200, "notApplicable"],
    ]);
  }, 30_000);

  it("lets the rep win, lose and disqualify once the role is granted directly", async () => {
    await grant(`systemusers(${repId})/systemuserroles_association`, `roles(${ApproverRoleId})`);
    try {
      const won = await readyToClose("Directwin");
      await win(won.opportunityId);
      await sandbox.whenIdle();
      await sandbox.dualWrite.syncNow();
      expect(sandbox.commerce.prospect(won.prospectId)?.status).toBe("Approved");

      const lost = await readyToClose("Directlose");
      await lose(lost.opportunityId);
      const leadId = await openLead("Directdisq");
      await disqualify(leadId);
      await sandbox.whenIdle();
      await sandbox.dualWrite.syncNow();
      expect(sandbox.commerce.prospect(lost.prospectId)?.status).toBe("Rejected");
      expect((await rep.get(`leads(${leadId})?$select=statecode`)).statecode).toBe(LeadState.Disqualified);
    } finally {
      await ungrant(`systemusers(${repId})/systemuserroles_association(${ApproverRoleId})`);
    }
  }, 60_000);

  it("lets the rep win once a team they are a member of holds the role, and not after leaving it", async () => {
    // The rep holds Salesperson directly (seeded), but not the approver role.
    const direct = await admin.list(`systemuserrolescollection?$select=roleid&$filter=systemuserid eq ${repId} and roleid eq ${ApproverRoleId}`);
    expect(direct).toEqual([]);
    const teamId = String((await admin.create("teams", { name: "Partner approvals", teamtype: 0 })).teamid);
    await grant(`teams(${teamId})/teamroles_association`, `roles(${ApproverRoleId})`);

    const before = await readyToClose("Teamless");
    await refusal(win(before.opportunityId), describeApproverRequired("win", 1033));

    await grant(`teams(${teamId})/teammembership_association`, `systemusers(${repId})`);
    await win(before.opportunityId);
    await sandbox.whenIdle();
    await sandbox.dualWrite.syncNow();
    expect(sandbox.commerce.prospect(before.prospectId)?.status).toBe("Approved");

    await ungrant(`teams(${teamId})/teammembership_association(${repId})`);
    const after = await readyToClose("Teamleft");
    await refusal(lose(after.opportunityId), describeApproverRequired("lose", 1033));
  }, 60_000);
});
