import { LeadState, LeadStatus } from "../../../../core/src";
import { startDataverse, type DataverseServer } from "../../../src/dataverse/server";
import { Currencies } from "../../../src/dataverse/storage/seed";
import { SandboxUsers } from "../../../src/dataverse/users";
import { createFetchApi } from "../../shared/fetchApi";
import type { SalesSession } from "../../shared/session";
import { loadAttributeMetadata } from "./attributeMetadata";
import { FormModel } from "./formModel";
import { createGlobalContext, loadUserRoles } from "./globalContext";
import { readRecord, saveBody, writeRecord } from "./recordData";
import { createWebApi } from "./webApi";

/** Xrm.WebApi and the form's record reads/writes against the sandbox's real Web API. */
let server: DataverseServer;
let session: SalesSession;
let webApi: Xrm.WebApi;

beforeAll(async () => {
  server = await startDataverse({ dbFile: ":memory:", port: 0 });
  const rep = SandboxUsers.salesRep;
  session = {
    clientUrl: server.url,
    apiUrl: server.apiUrl,
    user: { id: rep.id, token: rep.token, fullname: rep.fullname },
    languageId: 1033,
    fetchApi: createFetchApi(server.apiUrl, rep.token),
  };
  webApi = createWebApi(session);
});

afterAll(() => server.close());

const newLead = (data: Record<string, unknown> = {}) =>
  webApi.createRecord("lead", {
    lastname: "Virtanen",
    firstname: "Aino",
    companyname: "Fabrikam Oy",
    emailaddress1: "aino@fabrikam.example",
    "transactioncurrencyid@odata.bind": `/transactioncurrencies(${Currencies.euro.id})`,
    ...data,
  });

describe("Xrm.WebApi", () => {
  it("creates, retrieves with formatted values, updates and deletes, with the platform's result shapes", async () => {
    const created = await newLead();
    expect(created).toEqual({ entityType: "lead", id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const read = await webApi.retrieveRecord("lead", `{${created.id.toUpperCase()}}`, "?$select=companyname,statuscode,_transactioncurrencyid_value");
    expect(read).toMatchObject({
      companyname: "Fabrikam Oy",
      statuscode: LeadStatus.New,
      "statuscode@OData.Community.Display.V1.FormattedValue": "New",
      _transactioncurrencyid_value: Currencies.euro.id,
      "_transactioncurrencyid_value@OData.Community.Display.V1.FormattedValue": "Euro",
    });
    await expect(webApi.updateRecord("lead", created.id, { companyname: "Fabrikam Group" })).resolves.toEqual({ entityType: "lead", id: created.id });
    const list = await webApi.retrieveMultipleRecords("lead", `?$select=companyname&$filter=leadid eq ${created.id}`);
    expect(list.entities.map((e) => e.companyname)).toEqual(["Fabrikam Group"]);
    expect(list.nextLink).toBeUndefined();
    await expect(webApi.deleteRecord("lead", created.id)).resolves.toEqual({ entityType: "lead", id: created.id });
  });

  it("pages with maxPageSize and gives the nextLink", async () => {
    await newLead({ companyname: "Paging A" });
    await newLead({ companyname: "Paging B" });
    const first = await webApi.retrieveMultipleRecords("lead", "?$select=companyname&$filter=startswith(companyname,'Paging')", 1);
    expect(first.entities).toHaveLength(1);
    expect(first.nextLink).toEqual(expect.stringContaining("leads"));
  });

  it("rejects with { errorCode, message } as the platform does", async () => {
    const missing = "00000000-0000-4000-8000-000000000999";
    await expect(webApi.retrieveRecord("lead", missing)).rejects.toMatchObject({
      errorCode: 0x80040217,
      message: expect.stringContaining(missing),
    });
  });

  it("executes a bound action request (QualifyLead) built with getMetadata, entity references included", async () => {
    const lead = await newLead();
    const response = await webApi.online.execute({
      entity: { entityType: "lead", id: lead.id },
      CreateAccount: true,
      CreateContact: true,
      CreateOpportunity: true,
      Status: LeadStatus.Qualified,
      OpportunityCurrencyId: { entityType: "transactioncurrency", id: `{${Currencies.usDollar.id.toUpperCase()}}` },
      getMetadata: () => ({
        boundParameter: "entity",
        operationType: 0,
        operationName: "QualifyLead",
        parameterTypes: {
          entity: { typeName: "mscrm.lead", structuralProperty: 5 },
          CreateAccount: { typeName: "Edm.Boolean", structuralProperty: 1 },
          CreateContact: { typeName: "Edm.Boolean", structuralProperty: 1 },
          CreateOpportunity: { typeName: "Edm.Boolean", structuralProperty: 1 },
          Status: { typeName: "Edm.Int32", structuralProperty: 1 },
          OpportunityCurrencyId: { typeName: "mscrm.transactioncurrency", structuralProperty: 5 },
        },
      }),
    });
    expect(response.ok).toBe(true);
    const created = ((await response.json()) as { value: Record<string, unknown>[] }).value.map((r) => r["@odata.type"]);
    expect(created.sort()).toEqual(["#Microsoft.Dynamics.CRM.account", "#Microsoft.Dynamics.CRM.contact", "#Microsoft.Dynamics.CRM.opportunity"]);
    const stored = await webApi.retrieveRecord("lead", lead.id, "?$select=statecode");
    expect(stored.statecode).toBe(LeadState.Qualified);
    const opportunity = await webApi.retrieveMultipleRecords("opportunity", `?$select=_transactioncurrencyid_value&$filter=_originatingleadid_value eq ${lead.id}`);
    expect(opportunity.entities[0]._transactioncurrencyid_value).toBe(Currencies.usDollar.id);
  });

  it("names what it does not implement", () => {
    expect(() => webApi.online.executeMultiple([])).toThrow("The sandbox does not implement Xrm.WebApi.online.executeMultiple");
    expect(() => (webApi as unknown as Record<string, unknown>).offline).toThrow("The sandbox does not implement Xrm.WebApi.offline");
  });
});

describe("form record reads and saves", () => {
  it("reads the form's columns as the Client API holds them and saves only what changed, guarded by the etag", async () => {
    const { id } = await newLead();
    const attributes = await loadAttributeMetadata(session, "lead", 1033);
    const model = new FormModel("lead", id, "fullname");
    for (const column of ["companyname", "emailaddress1", "transactioncurrencyid", "statuscode", "numberofemployees"]) model.addAttribute(attributes.get(column)!);
    const columns = [...model.attributes.values()].map((a) => a.info);
    const read = await readRecord(session, "lead", id, columns);
    expect(read.values).toEqual({
      companyname: "Fabrikam Oy",
      emailaddress1: "aino@fabrikam.example",
      transactioncurrencyid: [{ id: `{${Currencies.euro.id.toUpperCase()}}`, name: "Euro", entityType: "transactioncurrency" }],
      statuscode: LeadStatus.New,
      numberofemployees: null,
    });
    expect(read).toMatchObject({ stateCode: LeadState.Open, primaryName: "Aino Virtanen", etag: expect.stringMatching(/^W\//) });
    model.loadValues(read.values);
    model.setValue("emailaddress1", null);
    model.setValue("transactioncurrencyid", [{ id: Currencies.usDollar.id, name: "US Dollar", entityType: "transactioncurrency" }]);
    const body = await saveBody(session, [...model.attributes.values()], (name) => model.isDirty(name));
    expect(body).toEqual({ emailaddress1: null, "transactioncurrencyid@odata.bind": `/transactioncurrencies(${Currencies.usDollar.id})` });
    await writeRecord(session, "lead", id, read.etag, body);
    const again = await readRecord(session, "lead", id, columns);
    expect(again.values).toMatchObject({ emailaddress1: null, transactioncurrencyid: [expect.objectContaining({ name: "US Dollar" })] });
    // The etag read before the save is stale now: the platform's concurrency error.
    await expect(writeRecord(session, "lead", id, read.etag, { companyname: "Late edit" })).rejects.toMatchObject({ status: 412 });
  });
});

describe("the user's security roles (userSettings.roles)", () => {
  it("are read in one request, and name the roles an administrator assigned", async () => {
    const admin = createFetchApi(server.apiUrl, SandboxUsers.admin.token);
    // The seeded roles (the sales rep holds Salesperson), and not yet ours.
    const before = await loadUserRoles(session);
    expect(before.map((role) => role.name)).not.toContain("Commerce B2B approver");
    const created = await admin("roles", { method: "POST", body: JSON.stringify({ name: "Commerce B2B approver" }) });
    const roleId = /\(([0-9a-f-]{36})\)/.exec(created.headers.get("OData-EntityId") ?? "")?.[1];
    const assigned = await admin(`systemusers(${session.user.id})/systemuserroles_association/$ref`, {
      method: "POST",
      body: JSON.stringify({ "@odata.id": `${server.apiUrl}roles(${roleId})` }),
    });
    expect(assigned.status).toBe(204);

    const roles = await loadUserRoles(session);

    expect(roles).toHaveLength(before.length + 1);
    expect(roles).toEqual(expect.arrayContaining([...before, { id: roleId, name: "Commerce B2B approver" }]));
    const names: string[] = [];
    createGlobalContext(session, roles).userSettings.roles.forEach((role) => names.push(role.name ?? ""));
    expect(names).toEqual(roles.map((role) => role.name));
    expect(names).toContain("Commerce B2B approver");
  });
});
