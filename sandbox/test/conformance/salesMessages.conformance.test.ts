/**
 * The Sales messages the product relies on, driven by an independent client (dataverse-ify's Node
 * transport and request sender, see independentClient.ts) against a running stand-in, and checked against
 * what Microsoft's pages show. The stand-in here is Dataverse alone: no solution, no webhook steps, so what
 * answers is the platform's behaviour, not ours.
 *
 * - QualifyLead: "QualifyLead Action" (Web API reference; parameters and the Collection(crmbaseentity)
 *   return type, https://learn.microsoft.com/previous-versions/dynamicscrm-2016/developers-guide/mt491164(v=crm.8),
 *   current page https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/qualifylead),
 *   its example request and response, and QualifyLeadRequest's "Notes for Callers"
 *   (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.qualifyleadrequest).
 * - WinOpportunity / LoseOpportunity: "Use Web API actions", Unbound actions
 *   (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/use-web-api-actions#unbound-actions).
 */
import { SandboxUsers } from "../../src/dataverse/users";
import { Currencies } from "../../src/dataverse/storage/seed";
import { startConformanceSandbox, type ConformanceSandbox } from "./independentClient";

const QUALIFY_LEAD = "https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/qualifylead";
const ACTIONS = "https://learn.microsoft.com/power-apps/developer/data-platform/webapi/use-web-api-actions#unbound-actions";
const NOTES_FOR_CALLERS = "https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.qualifyleadrequest";
/** "Troubleshooting the Lead entity (Dynamics 365 Sales)", error 5; now this troubleshooting article. */
const LEAD_CLOSED = "https://learn.microsoft.com/troubleshoot/dynamics-365/sales/troubleshoot-lead-qualification-issues-for-salespeople";
const OPPORTUNITY_CLOSE = "https://learn.microsoft.com/dynamics365/developer/reference/entities/opportunityclose";

let dv: ConformanceSandbox;
beforeEach(async () => {
  dv = await startConformanceSandbox(SandboxUsers.admin.token);
});
afterEach(() => dv.server.close());

type Row = Record<string, unknown>;

async function read(path: string, options = ""): Promise<Row> {
  return (await dv.call({ action: "GET", path, options })).data as Row;
}

async function rows(path: string, options = ""): Promise<Row[]> {
  return (await read(path, options)).value as Row[];
}

const newLead = () =>
  dv.create("leads", {
    subject: "Partner sign-up: Kahvila Oy",
    firstname: "Aino",
    lastname: "Virtanen",
    companyname: "Kahvila Oy",
    emailaddress1: "aino@kahvila.example",
    "transactioncurrencyid@odata.bind": `/transactioncurrencies(${Currencies.euro.id})`,
  });

const qualifyPath = (leadId: string) => `leads(${leadId})/Microsoft.Dynamics.CRM.QualifyLead`;
const qualifyAll = { CreateAccount: true, CreateContact: true, CreateOpportunity: true, Status: 3 };

/** The error dataverse-ify's call rejects with: the Web API's `error` object, as its users see it. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  return promise.then(
    () => {
      throw new Error("expected the request to be refused");
    },
    (error: { code: string; message: string }) => error,
  );
}

describe(`QualifyLead (${QUALIFY_LEAD})`, () => {
  test("bound to a lead, answers 200 with a Collection(crmbaseentity) of the created account, contact and opportunity, each typed with @odata.type", async () => {
    const leadId = await newLead();
    // The reference's example request sends Prefer: return=representation; the answer is the same collection.
    const response = await dv.call({ action: "POST", path: qualifyPath(leadId), data: qualifyAll, additionalHeaders: { Prefer: "return=representation" } });
    expect(response.status).toBe(200);
    expect(response.data["@odata.context"]).toBe(`${dv.server.apiUrl}$metadata#Collection(Microsoft.Dynamics.CRM.crmbaseentity)`);
    const created = response.data.value as Row[];
    // crmbaseentity values name their entity type ("Specify entity parameter type", use-web-api-actions).
    expect(created.map((r) => r["@odata.type"])).toEqual(["#Microsoft.Dynamics.CRM.account", "#Microsoft.Dynamics.CRM.contact", "#Microsoft.Dynamics.CRM.opportunity"]);
    const [accountId, contactId, opportunityId] = [created[0].accountid, created[1].contactid, created[2].opportunityid] as string[];
    for (const id of [accountId, contactId, opportunityId]) expect(id).toMatch(/^[0-9a-f-]{36}$/);

    // "the created account becomes a parent (Contact.Parentcustomerid) of the contact and the contact becomes a
    // primary contact (Account.PrimaryContactId) for the account" (QualifyLeadRequest, Notes for Callers).
    expect(await read(`accounts(${accountId})`, "$select=name,_primarycontactid_value,_originatingleadid_value")).toMatchObject({
      name: "Kahvila Oy",
      _primarycontactid_value: contactId,
      _originatingleadid_value: leadId,
    });
    expect(await read(`contacts(${contactId})`, "$select=fullname,_parentcustomerid_value")).toMatchObject({ fullname: "Aino Virtanen", _parentcustomerid_value: accountId });
    expect(await read(`opportunities(${opportunityId})`, "$select=_originatingleadid_value,statecode")).toMatchObject({ _originatingleadid_value: leadId, statecode: 0 });
    // The lead is Qualified (statecode 1) with the status asked for (Status: 3, Qualified).
    expect(await read(`leads(${leadId})`, "$select=statecode,statuscode,_qualifyingopportunityid_value")).toMatchObject({
      statecode: 1,
      statuscode: 3,
      _qualifyingopportunityid_value: opportunityId,
    });
  });

  test(`takes the example's entity-typed parameters: OpportunityCurrencyId and OpportunityCustomerId with @odata.type (${NOTES_FOR_CALLERS})`, async () => {
    const customer = await dv.create("contacts", { firstname: "Existing", lastname: "Customer" });
    const leadId = await newLead();
    const response = await dv.call({
      action: "POST",
      path: qualifyPath(leadId),
      data: {
        CreateAccount: false,
        CreateContact: false,
        CreateOpportunity: true,
        Status: 3,
        OpportunityCurrencyId: { "@odata.type": "Microsoft.Dynamics.CRM.transactioncurrency", transactioncurrencyid: Currencies.usDollar.id },
        OpportunityCustomerId: { "@odata.type": "Microsoft.Dynamics.CRM.contact", contactid: customer },
      },
    });
    const created = response.data.value as Row[];
    expect(created.map((r) => r["@odata.type"])).toEqual(["#Microsoft.Dynamics.CRM.opportunity"]);
    expect(await read(`opportunities(${String(created[0].opportunityid)})`, "$select=_customerid_value,_transactioncurrencyid_value")).toMatchObject({
      _customerid_value: customer,
      _transactioncurrencyid_value: Currencies.usDollar.id,
    });
    expect(await rows("accounts", "$select=name")).toEqual([]);
  });

  test("SourceCampaignId (the example's third record parameter) is a 501 naming it: the sandbox models no campaigns", async () => {
    const leadId = await newLead();
    const answer = await dv.send("POST", qualifyPath(leadId), {}, { ...qualifyAll, SourceCampaignId: { "@odata.type": "Microsoft.Dynamics.CRM.campaign", campaignid: "260dd88f-fece-e711-80f3-00155d889a3b" } });
    expect(answer.status).toBe(501);
    expect(JSON.parse(answer.body ?? "{}")).toMatchObject({ error: { message: expect.stringContaining("SourceCampaignId") } });
    expect((await read(`leads(${leadId})`, "$select=statecode")).statecode).toBe(0);
  });

  test(`a lead that is already closed is refused with Sales' text and nothing is created (${LEAD_CLOSED})`, async () => {
    const leadId = await newLead();
    await dv.call({ action: "POST", path: qualifyPath(leadId), data: qualifyAll });
    // The troubleshooting article quotes the text; Microsoft publishes no error code for it (0x80040203 is the sandbox's).
    expect(await refusal(dv.call({ action: "POST", path: qualifyPath(leadId), data: qualifyAll }))).toEqual({
      code: "0x80040203",
      message: "The lead is closed. You cannot convert or qualify a lead that is already closed.",
    });
    expect(await rows("opportunities", "$select=name")).toHaveLength(1);
    expect(await rows("accounts", "$select=name")).toHaveLength(1);
  });

  test("a Status that is not one of the Qualified state's status reasons is refused, nothing created", async () => {
    const leadId = await newLead();
    // 4 is Lost, a reason of the Disqualified state (lead StatusCode options in the lead table reference).
    expect(await refusal(dv.call({ action: "POST", path: qualifyPath(leadId), data: { ...qualifyAll, Status: 4 } }))).toEqual({
      code: "0x80048408",
      message: `4 is not a valid status code for state code LeadState.Qualified on lead with Id ${leadId}.`,
    });
    expect(await rows("accounts", "$select=name")).toEqual([]);
  });
});

describe(`WinOpportunity and LoseOpportunity (${ACTIONS})`, () => {
  async function openOpportunity(): Promise<string> {
    const response = await dv.call({ action: "POST", path: qualifyPath(await newLead()), data: qualifyAll });
    return String((response.data.value as Row[])[2].opportunityid);
  }

  test("WinOpportunity as the article's example: the OpportunityClose bound with a full URL and Status 3 answers 204 No Content", async () => {
    const opportunityId = await openOpportunity();
    const response = await dv.call({
      action: "POST",
      path: "WinOpportunity",
      data: { Status: 3, OpportunityClose: { subject: "Won Opportunity", "opportunityid@odata.bind": `${dv.server.apiUrl}opportunities(${opportunityId})` } },
    });
    expect(response.status).toBe(204);
    expect(response.body).toBe("");
    expect(response.headers["odata-version"]).toBe("4.0");
    expect(await read(`opportunities(${opportunityId})`, "$select=statecode,statuscode")).toMatchObject({ statecode: 1, statuscode: 3 });
    // "creates an opportunityclose … to record the event"; close activities are Completed (StateCode 1, StatusCode 2) (OpportunityClose reference).
    expect(await rows("opportunitycloses", `$select=subject,statecode,statuscode&$filter=_opportunityid_value eq ${opportunityId}`)).toEqual([
      expect.objectContaining({ subject: "Won Opportunity", statecode: 1, statuscode: 2 }),
    ]);
  });

  test(`LoseOpportunity closes the opportunity as lost with the Status given and a completed close activity (${OPPORTUNITY_CLOSE})`, async () => {
    const opportunityId = await openOpportunity();
    const response = await dv.call({
      action: "POST",
      path: "LoseOpportunity",
      data: { Status: 5, OpportunityClose: { subject: "Out-sold", "opportunityid@odata.bind": `/opportunities(${opportunityId})` } },
    });
    expect(response.status).toBe(204);
    expect(await read(`opportunities(${opportunityId})`, "$select=statecode,statuscode")).toMatchObject({ statecode: 2, statuscode: 5 });
    expect(await rows("opportunitycloses", `$select=statecode,statuscode&$filter=_opportunityid_value eq ${opportunityId}`)).toEqual([
      expect.objectContaining({ statecode: 1, statuscode: 2 }),
    ]);
  });

  test("a Status of the other state is refused with the state/status error and nothing is closed", async () => {
    const opportunityId = await openOpportunity();
    // 4 is Canceled, a Lost reason: not a status of the Won state (opportunity StatusCode options).
    expect(
      await refusal(dv.call({ action: "POST", path: "WinOpportunity", data: { Status: 4, OpportunityClose: { subject: "x", "opportunityid@odata.bind": `/opportunities(${opportunityId})` } } })),
    ).toEqual({ code: "0x80048408", message: `4 is not a valid status code for state code OpportunityState.Won on opportunity with Id ${opportunityId}.` });
    expect(await rows("opportunitycloses", "$select=subject")).toEqual([]);
    expect((await read(`opportunities(${opportunityId})`, "$select=statecode")).statecode).toBe(0);
  });

  test("closing an opportunity that is already closed is refused and writes no second close activity (text and code are the sandbox's: Microsoft publishes neither)", async () => {
    const opportunityId = await openOpportunity();
    const close = { subject: "Won", "opportunityid@odata.bind": `/opportunities(${opportunityId})` };
    await dv.call({ action: "POST", path: "WinOpportunity", data: { Status: 3, OpportunityClose: close } });
    const refused = await refusal(dv.call({ action: "POST", path: "LoseOpportunity", data: { Status: 5, OpportunityClose: close } }));
    expect(refused.code).toBe("0x80040203");
    expect(refused.message).toBe("The opportunity is already closed: reopen it before closing it again.");
    expect(await rows("opportunitycloses", "$select=subject")).toHaveLength(1);
    expect(await read(`opportunities(${opportunityId})`, "$select=statecode,statuscode")).toMatchObject({ statecode: 1, statuscode: 3 });
  });
});

describe("a Sales message the sandbox does not model", () => {
  test("WinQuote (a Sales action on the quote table) is a 501 naming it; a name Dataverse does not have is a 404", async () => {
    const unmodelled = await dv.send("POST", "WinQuote", {}, { QuoteClose: { subject: "Won" }, Status: 4 });
    expect(unmodelled.status).toBe(501);
    expect(JSON.parse(unmodelled.body ?? "{}")).toMatchObject({ error: { code: "0x80060890", message: expect.stringContaining("'WinQuote'") } });

    const unknown = await dv.send("POST", "WinQuoteX", {}, {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body ?? "{}")).toMatchObject({ error: { message: "Resource not found for the segment 'WinQuoteX'." } });
  });

  test("a Sales function the sandbox does not run, CalculateActualValueOpportunity, is a 501 naming it", async () => {
    const answer = await dv.send("GET", "CalculateActualValueOpportunity(OpportunityId=00000000-0000-0000-0000-000000000001)");
    expect(answer.status).toBe(501);
    expect(JSON.parse(answer.body ?? "{}")).toMatchObject({ error: { message: expect.stringContaining("'CalculateActualValueOpportunity'") } });
  });
});
