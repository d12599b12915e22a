import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AccountCustomerType, LeadState, LeadStatus, OpportunityStatus, ProspectStatus } from "../../../core/src";
import { CommerceHq } from "../commerce/commerceHq";
import { startDataverse } from "../dataverse/server";
import { SandboxUsers } from "../dataverse/users";
import { DualWrite } from "./dualWrite";
import { WebApiClient, type WebApiRecord } from "./webApiClient";

/**
 * The onboarding flow end to end over the Web API: Commerce sign-up → jobs → dual-write lead →
 * QualifyLead → customers in Commerce → WinOpportunity / disqualify / LoseOpportunity → Commerce.
 * The webhook handlers are not running here; where the flow needs what their async steps write
 * (customer type, sellable, the prospect status), the test writes it as they do, through the Web API.
 */
describe("dual-write between Commerce and the Dataverse stand-in", () => {
  let dir: string;
  let dataverse: Awaited<ReturnType<typeof startDataverse>>;
  let commerce: CommerceHq;
  let dualWrite: DualWrite;
  let rep: WebApiClient;
  let handler: WebApiClient;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "cb2b-dualwrite-"));
    dataverse = await startDataverse({ dbFile: join(dir, "dataverse.db"), port: 0 });
    commerce = new CommerceHq({ dbFile: join(dir, "commerce.db") });
    dualWrite = new DualWrite({ commerce, apiUrl: dataverse.apiUrl, accessToken: SandboxUsers.dualWrite.token });
    rep = new WebApiClient({ apiUrl: dataverse.apiUrl, accessToken: SandboxUsers.salesRep.token });
    handler = new WebApiClient({ apiUrl: dataverse.apiUrl, accessToken: SandboxUsers.admin.token });
  });
  afterEach(async () => {
    await dualWrite?.stop();
    commerce?.close();
    await dataverse?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function signUpAndSync(companyName = "Contoso Pharmaceuticals"): Promise<{ prospectId: string; lead: WebApiRecord }> {
    const submitted = commerce.submitSignup(
      {
        companyName,
        firstName: "Aino",
        lastName: "Virtanen",
        email: "aino@contoso.example",
        phone: "+358 40 123 4567",
        website: "https://contoso.example",
        city: "Helsinki",
        numberOfEmployees: 250,
        channel: "B2B-US",
      },
      1033,
    );
    if (!submitted.ok) throw new Error("sign-up refused");
    const [prospect] = commerce.runJobs().prospects;
    await dualWrite.syncNow();
    const [lead] = await rep.list(
      `leads?$filter=msdyn_prospectid eq '${prospect.prospectId}'&$select=leadid,fullname,companyname,emailaddress1,telephone1,websiteurl,address1_city,numberofemployees,msdyn_b2bcommerceprospect,msdyn_b2bprospectstatus,msdyn_retailchannel,_ownerid_value,_createdby_value,_transactioncurrencyid_value,_msdyn_customergroupid_value`,
    );
    return { prospectId: prospect.prospectId, lead };
  }

  async function qualify(leadId: string): Promise<{ accountId: string; contactId: string; opportunityId: string }> {
    const result = (await rep.action(`leads(${leadId})/Microsoft.Dynamics.CRM.QualifyLead`, {
      CreateAccount: true,
      CreateContact: true,
      CreateOpportunity: true,
      Status: LeadStatus.Qualified,
    })) as { value: WebApiRecord[] };
    const idOf = (key: string): string => String(result.value.find((r) => typeof r[key] === "string")?.[key]);
    const ids = { accountId: idOf("accountid"), contactId: idOf("contactid"), opportunityId: idOf("opportunityid") };
    // What the QualifyLead async handler writes: the account is a Customer, the contact is sellable.
    await handler.update("accounts", ids.accountId, { customertypecode: AccountCustomerType.Customer });
    await handler.update("contacts", ids.contactId, { msdyn_sellable: true });
    return ids;
  }

  const setProspectStatus = (leadId: string, status: number) => handler.update("leads", leadId, { msdyn_b2bprospectstatus: status });

  it("creates the lead as the dual-write user with the mapped columns and the timeline note", async () => {
    const { prospectId, lead } = await signUpAndSync();
    expect(lead).toMatchObject({
      fullname: "Aino Virtanen",
      companyname: "Contoso Pharmaceuticals",
      emailaddress1: "aino@contoso.example",
      telephone1: "+358 40 123 4567",
      websiteurl: "https://contoso.example",
      address1_city: "Helsinki",
      numberofemployees: 250,
      msdyn_b2bcommerceprospect: true,
      msdyn_b2bprospectstatus: ProspectStatus.Pending,
      msdyn_retailchannel: "000150",
      _ownerid_value: SandboxUsers.dualWrite.id,
      _createdby_value: SandboxUsers.dualWrite.id,
    });
    const [currency] = await rep.list(`transactioncurrencies?$select=isocurrencycode&$filter=transactioncurrencyid eq ${String(lead._transactioncurrencyid_value)}`);
    expect(currency.isocurrencycode).toBe("USD");
    const [group] = await rep.list(`msdyn_customergroups?$select=msdyn_groupid&$filter=msdyn_customergroupid eq ${String(lead._msdyn_customergroupid_value)}`);
    expect(group.msdyn_groupid).toBe("30");
    const notes = await rep.list(`annotations?$select=subject,notetext,_ownerid_value&$filter=_objectid_value eq ${String(lead.leadid)}`);
    expect(notes).toEqual([expect.objectContaining({ subject: "Created by dual-write", _ownerid_value: SandboxUsers.dualWrite.id })]);
    expect(String(notes[0].notetext)).toContain(prospectId);

    // A second pass changes nothing: no duplicate lead, no echo.
    expect(await dualWrite.syncNow()).toMatchObject({ leadsCreated: 0, leadsUpdated: 0, prospectsUpdated: 0, failed: 0 });
    expect(await rep.list(`leads?$select=leadid&$filter=msdyn_b2bcommerceprospect eq true`)).toHaveLength(1);
  });

  it("qualify → customers written back → won: the prospect is approved with its hierarchy and the approval email", async () => {
    const { prospectId, lead } = await signUpAndSync();
    const { accountId, contactId, opportunityId } = await qualify(String(lead.leadid));
    expect(await dualWrite.syncNow()).toMatchObject({ customersWritten: 2, keysWrittenBack: 2, failed: 0 });

    const account = await rep.get(`accounts(${accountId})?$select=accountnumber`);
    const contact = await rep.get(`contacts(${contactId})?$select=msdyn_contactpersonid`);
    expect(account.accountnumber).toBe("CUS-000001");
    expect(contact.msdyn_contactpersonid).toBe("CUS-000002");
    expect(commerce.customer("CUS-000001")).toMatchObject({ partyType: "Organization", organizationName: "Contoso Pharmaceuticals", prospectId });
    expect(commerce.customer("CUS-000002")).toMatchObject({ partyType: "Person", lastName: "Virtanen", prospectId });

    await rep.action("WinOpportunity", {
      OpportunityClose: { subject: "Won", "opportunityid@odata.bind": `/opportunities(${opportunityId})` },
      Status: OpportunityStatus.Won,
    });
    await setProspectStatus(String(lead.leadid), ProspectStatus.Approved); // the WinOpportunity async handler's write
    await dualWrite.syncNow();

    expect(commerce.prospect(prospectId)?.status).toBe("Approved");
    expect(commerce.hierarchyOfProspect(prospectId)).toMatchObject({
      purpose: "B2BOrganization",
      organizationAccount: "CUS-000001",
      members: [expect.objectContaining({ customerAccount: "CUS-000002", role: "Admin" })],
    });
    expect(commerce.outbox(prospectId)).toEqual([
      expect.objectContaining({ notificationType: "B2BProspectApproved", sender: "Commerce", toAddress: "aino@contoso.example" }),
    ]);
    expect(dualWrite.errors()).toEqual([]);
  });

  it("disqualifying the lead rejects the prospect and Commerce sends the rejection email", async () => {
    const { prospectId, lead } = await signUpAndSync();
    await rep.update("leads", String(lead.leadid), { statecode: LeadState.Disqualified, statuscode: LeadStatus.NoLongerInterested });
    await setProspectStatus(String(lead.leadid), ProspectStatus.Rejected); // the disqualify handler's write
    await dualWrite.syncNow();
    expect(commerce.prospect(prospectId)?.status).toBe("Rejected");
    expect(commerce.outbox(prospectId).map((e) => e.notificationType)).toEqual(["B2BProspectRejected"]);
    expect(commerce.hierarchies()).toEqual([]);
  });

  it("losing the opportunity rejects the prospect and Commerce sends the rejection email", async () => {
    const first = await signUpAndSync("Fabrikam");
    const { opportunityId } = await qualify(String(first.lead.leadid));
    await dualWrite.syncNow();
    await rep.action("LoseOpportunity", {
      OpportunityClose: { subject: "Lost", "opportunityid@odata.bind": `/opportunities(${opportunityId})` },
      Status: OpportunityStatus.Canceled,
    });
    await setProspectStatus(String(first.lead.leadid), ProspectStatus.Rejected); // the LoseOpportunity handler's write
    await dualWrite.syncNow();
    expect(commerce.prospect(first.prospectId)?.status).toBe("Rejected");
    expect(commerce.outbox(first.prospectId).map((e) => e.notificationType)).toEqual(["B2BProspectRejected"]);
    expect(commerce.hierarchies()).toEqual([]);
  });

  it("an approved prospect stays approved: Commerce refuses the change and dual-write records the failed record", async () => {
    const { prospectId, lead } = await signUpAndSync();
    await qualify(String(lead.leadid));
    await dualWrite.syncNow();
    await setProspectStatus(String(lead.leadid), ProspectStatus.Approved);
    await dualWrite.syncNow();
    await setProspectStatus(String(lead.leadid), ProspectStatus.Rejected);
    expect(await dualWrite.syncNow()).toMatchObject({ failed: 1 });
    // Re-read at the watermark, the unchanged failed row is neither retried nor reported twice.
    expect(await dualWrite.syncNow()).toMatchObject({ failed: 0 });
    expect(commerce.prospect(prospectId)?.status).toBe("Approved");
    expect(dualWrite.errors()).toEqual([expect.objectContaining({ map: "Prospects (leads)", message: expect.stringContaining("approved") })]);
    expect(commerce.outbox(prospectId).map((e) => e.notificationType)).toEqual(["B2BProspectApproved"]);
  });
});
