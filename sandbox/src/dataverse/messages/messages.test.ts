/** QualifyLead, WinOpportunity, LoseOpportunity and state/status validation as Sales behaves. */
import { Currencies } from "../storage/seed";
import { rows, startClient, type Client } from "../test/harness";
import { SandboxUsers } from "../users";

let client: Client;
beforeEach(async () => {
  client = await startClient();
});
afterEach(async () => {
  await client.server.close();
});

async function newLead(extra: Record<string, unknown> = {}): Promise<string> {
  return client.create(
    "leads",
    {
      subject: "Partner sign-up: Kahvila Oy",
      firstname: "Aino",
      lastname: "Virtanen",
      companyname: "Kahvila Oy",
      emailaddress1: "aino@kahvila.example",
      telephone1: "+358 40 111",
      address1_city: "Tampere",
      "transactioncurrencyid@odata.bind": `/transactioncurrencies(${Currencies.euro.id})`,
      ...extra,
    },
    SandboxUsers.dualWrite.token,
  );
}

const qualify = (leadId: string, body: Record<string, unknown> = {}) =>
  client.request("POST", `leads(${leadId})/Microsoft.Dynamics.CRM.QualifyLead`, {
    body: { CreateAccount: true, CreateContact: true, CreateOpportunity: true, Status: 3, ...body },
    token: SandboxUsers.salesRep.token,
  });

describe("QualifyLead", () => {
  test("creates account, contact and opportunity from the lead and closes the lead as qualified", async () => {
    const leadId = await newLead();
    const answer = await qualify(leadId);
    expect(answer.status).toBe(200);
    expect(answer.body["@odata.context"]).toBe(`${client.server.apiUrl}$metadata#Collection(Microsoft.Dynamics.CRM.crmbaseentity)`);
    const created = rows(answer);
    expect(created.map((r) => r["@odata.type"])).toEqual([
      "#Microsoft.Dynamics.CRM.account",
      "#Microsoft.Dynamics.CRM.contact",
      "#Microsoft.Dynamics.CRM.opportunity",
    ]);
    const [accountId, contactId, opportunityId] = [created[0].accountid, created[1].contactid, created[2].opportunityid] as string[];

    const account = (await client.get(`accounts(${accountId})`)).body;
    expect(account).toMatchObject({
      name: "Kahvila Oy",
      emailaddress1: "aino@kahvila.example",
      address1_city: "Tampere",
      _originatingleadid_value: leadId,
      _primarycontactid_value: contactId,
      _transactioncurrencyid_value: Currencies.euro.id,
      _ownerid_value: SandboxUsers.dualWrite.id,
      _createdby_value: SandboxUsers.salesRep.id,
    });
    const contact = (await client.get(`contacts(${contactId})`)).body;
    expect(contact).toMatchObject({ fullname: "Aino Virtanen", _parentcustomerid_value: accountId, _originatingleadid_value: leadId });
    const opportunity = (await client.get(`opportunities(${opportunityId})`)).body;
    expect(opportunity).toMatchObject({
      name: "Partner sign-up: Kahvila Oy",
      _customerid_value: accountId,
      _parentaccountid_value: accountId,
      _parentcontactid_value: contactId,
      _originatingleadid_value: leadId,
      statecode: 0,
      statuscode: 1,
    });
    const lead = (await client.get(`leads(${leadId})`)).body;
    expect(lead).toMatchObject({
      statecode: 1,
      statuscode: 3,
      _qualifyingopportunityid_value: opportunityId,
      _parentaccountid_value: accountId,
      _parentcontactid_value: contactId,
    });
  });

  test("creates only what is asked, and the opportunity customer parameter wins", async () => {
    const existing = await client.create("accounts", { name: "Existing customer" });
    const leadId = await newLead();
    const answer = await qualify(leadId, {
      CreateAccount: false,
      CreateContact: false,
      OpportunityCustomerId: { "@odata.type": "Microsoft.Dynamics.CRM.account", accountid: existing },
      OpportunityCurrencyId: { "@odata.type": "Microsoft.Dynamics.CRM.transactioncurrency", transactioncurrencyid: Currencies.usDollar.id },
    });
    expect(rows(answer).map((r) => r["@odata.type"])).toEqual(["#Microsoft.Dynamics.CRM.opportunity"]);
    const opportunity = (await client.get(`opportunities(${String(rows(answer)[0].opportunityid)})`)).body;
    expect(opportunity._customerid_value).toBe(existing);
    expect(opportunity._transactioncurrencyid_value).toBe(Currencies.usDollar.id);
    expect(rows(await client.get("accounts?$select=name"))).toHaveLength(1);
  });

  test("an invalid status or a closed lead is refused and nothing is created", async () => {
    const leadId = await newLead();
    const invalid = await qualify(leadId, { Status: 4 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toEqual({
      code: "0x80048408",
      message: `4 is not a valid status code for state code LeadState.Qualified on lead with Id ${leadId}.`,
    });
    expect(rows(await client.get("accounts"))).toHaveLength(0);
    expect((await qualify(leadId)).status).toBe(200);
    const again = await qualify(leadId);
    expect(again.status).toBe(400);
    expect(rows(await client.get("opportunities"))).toHaveLength(1);
  });
});

describe("WinOpportunity and LoseOpportunity", () => {
  async function openOpportunity(): Promise<string> {
    const answer = await qualify(await newLead());
    return String(rows(answer)[2].opportunityid);
  }

  test("WinOpportunity closes the opportunity as won and records a completed opportunity close", async () => {
    const opportunityId = await openOpportunity();
    const answer = await client.post("WinOpportunity", {
      Status: 3,
      OpportunityClose: { subject: "Won: partner approved", actualrevenue: 12000, "opportunityid@odata.bind": `/opportunities(${opportunityId})` },
    });
    expect(answer.status).toBe(204);
    const opportunity = (await client.get(`opportunities(${opportunityId})`)).body;
    expect(opportunity).toMatchObject({ statecode: 1, statuscode: 3, actualvalue: 12000 });
    expect(opportunity.actualclosedate).toEqual(expect.stringMatching(/^2026-03-02T/));
    const closes = rows(await client.get(`opportunitycloses?$filter=_opportunityid_value eq ${opportunityId}`));
    expect(closes).toHaveLength(1);
    expect(closes[0]).toMatchObject({ subject: "Won: partner approved", statecode: 1, statuscode: 2, actualrevenue: 12000 });
  });

  test("LoseOpportunity closes it as lost with a completed close activity; closing twice is refused", async () => {
    const opportunityId = await openOpportunity();
    const close = { subject: "Lost", "opportunityid@odata.bind": `/opportunities(${opportunityId})` };
    expect((await client.post("LoseOpportunity", { Status: 5, OpportunityClose: close })).status).toBe(204);
    expect((await client.get(`opportunities(${opportunityId})?$select=statecode,statuscode`)).body).toMatchObject({ statecode: 2, statuscode: 5 });
    // Completed, as for a win: the OpportunityClose table reference cancels close activities only when the opportunity is reopened.
    expect(rows(await client.get(`opportunitycloses?$filter=_opportunityid_value eq ${opportunityId}`))[0]).toMatchObject({ statecode: 1, statuscode: 2 });
    const twice = await client.post("WinOpportunity", { Status: 3, OpportunityClose: close });
    expect(twice.status).toBe(400);
    expect(rows(await client.get("opportunitycloses"))).toHaveLength(1);
  });

  test("a status that does not belong to the target state is refused with the platform message", async () => {
    const opportunityId = await openOpportunity();
    const answer = await client.post("WinOpportunity", {
      Status: 4,
      OpportunityClose: { subject: "x", "opportunityid@odata.bind": `/opportunities(${opportunityId})` },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({
      code: "0x80048408",
      message: `4 is not a valid status code for state code OpportunityState.Won on opportunity with Id ${opportunityId}.`,
    });
    expect(rows(await client.get("opportunitycloses"))).toHaveLength(0);
  });
});

describe("state changes through PATCH", () => {
  test("disqualifying a lead with a valid pair works; the default status follows the state", async () => {
    const leadId = await newLead();
    expect((await client.patch(`leads(${leadId})`, { statecode: 2, statuscode: 6 })).status).toBe(204);
    expect((await client.get(`leads(${leadId})?$select=statecode,statuscode`)).body).toMatchObject({ statecode: 2, statuscode: 6 });
    expect((await client.patch(`leads(${leadId})`, { statecode: 0 })).status).toBe(204);
    expect((await client.get(`leads(${leadId})?$select=statecode,statuscode`)).body).toMatchObject({ statecode: 0, statuscode: 1 });
  });

  test("an invalid state/status pair is 400 with Dataverse's message and changes nothing", async () => {
    const leadId = await newLead();
    const answer = await client.patch(`leads(${leadId})`, { statecode: 0, statuscode: 4, subject: "changed" });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({
      code: "0x80048408",
      message: `4 is not a valid status code for state code LeadState.Open on lead with Id ${leadId}.`,
    });
    expect((await client.get(`leads(${leadId})?$select=subject,statuscode`)).body).toMatchObject({ subject: "Partner sign-up: Kahvila Oy", statuscode: 1 });
    const statusOnly = await client.patch(`leads(${leadId})`, { statuscode: 3 });
    expect(statusOnly.status).toBe(400);
  });
});
