/**
 * dataverse-ify's own Node client, unchanged, against the stand-in: its Xrm.WebApi implementation
 * (entity set names through EntityDefinitions, OData-EntityId, annotations, fetchXml, execute) and its
 * early-bound XrmContextDataverseClient with the metadata the package ships.
 */
import { Entity, setMetadataCache, XrmContextDataverseClient, type CreateRequest, type CreateResponse } from "dataverse-ify";
// The package's dataverse-gen index requires a file its published build lacks, so the generated
// types and metadata are imported file by file.
import { WinOpportunityMetadata, type WinOpportunityRequest } from "dataverse-ify/lib/dataverse-gen/actions/WinOpportunity";
import { accountMetadata, type Account } from "dataverse-ify/lib/dataverse-gen/entities/Account";
import { contactMetadata, type Contact } from "dataverse-ify/lib/dataverse-gen/entities/Contact";
import { opportunityMetadata, type Opportunity } from "dataverse-ify/lib/dataverse-gen/entities/Opportunity";
import { opportunitycloseMetadata } from "dataverse-ify/lib/dataverse-gen/entities/OpportunityClose";
import { metadataCache } from "dataverse-ify/lib/dataverse-gen/metadata";
import { NodeWebApi } from "dataverse-ify/lib/webapi/node/NodeWebApi";
import type { NodeWebApiRequest } from "dataverse-ify/lib/webapi/node/NodeWebApiRequest";
import { XrmApi } from "dataverse-ify/lib/webapi/XrmApi";
import { rows, startClient, type Client } from "./test/harness";
import { SandboxUsers } from "./users";

let client: Client;
let webApi: Xrm.WebApi;

// XrmApi keeps one static instance per process, so one stand-in serves the whole file.
beforeAll(async () => {
  client = await startClient();
  // The Node client as its docs configure it: the environment URL, an API version and an access token.
  const nodeWebApi = new NodeWebApi(client.server.url, "9.2");
  (nodeWebApi.getRequestImplementation() as NodeWebApiRequest).setAccessToken(SandboxUsers.salesRep.token);
  webApi = XrmApi.createInstance(nodeWebApi).WebApi;
  setMetadataCache(metadataCache);
});
afterAll(async () => {
  await client.server.close();
});

test("Xrm.WebApi: create, retrieve with annotations, update, fetchXml, delete", async () => {
  const created = await webApi.createRecord("lead", { firstname: "Aino", lastname: "Virtanen", companyname: "Kahvila Oy", msdyn_b2bcommerceprospect: true });
  expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
  const lead = await webApi.retrieveRecord("lead", created.id, "?$select=fullname,statecode,_ownerid_value");
  expect(lead).toMatchObject({
    fullname: "Aino Virtanen",
    "statecode@OData.Community.Display.V1.FormattedValue": "Open",
    _ownerid_value: SandboxUsers.salesRep.id,
    "_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "systemuser",
  });
  await webApi.updateRecord("lead", created.id, { companyname: "Kahvila Virtanen Oy" });
  const fetchXml = `<fetch><entity name="lead"><attribute name="companyname" /><filter><condition attribute="msdyn_b2bcommerceprospect" operator="eq" value="1" /></filter></entity></fetch>`;
  const result = await webApi.retrieveMultipleRecords("lead", `?fetchXml=${encodeURIComponent(fetchXml)}`);
  expect(result.entities.map((e) => e.companyname)).toEqual(["Kahvila Virtanen Oy"]);
  await webApi.deleteRecord("lead", created.id);
  // dataverse-ify rethrows the Web API's `error` object as is: the code and message come through.
  await expect(webApi.retrieveRecord("lead", created.id)).rejects.toMatchObject({
    code: "0x80040217",
    message: `Entity 'lead' With Id = ${created.id} Does Not Exist`,
  });
});

test("XrmContextDataverseClient: early-bound create with lookups, retrieve, retrieveMultiple and WinOpportunity", async () => {
  const service = new XrmContextDataverseClient(webApi);
  const account = { logicalName: accountMetadata.logicalName, name: "Contoso Oy" } as Account;
  account.id = await service.create(account);
  const contact = { logicalName: contactMetadata.logicalName, firstname: "Jazzy", lastname: "Jeff", parentcustomerid: Entity.toEntityReference(account) } as Contact;
  contact.id = await service.create(contact);

  const retrieved = await service.retrieve<Contact>(contactMetadata.logicalName, contact.id, ["fullname", "parentcustomerid"]);
  expect(retrieved.fullname).toBe("Jazzy Jeff");
  expect(retrieved.parentcustomerid).toMatchObject({ id: account.id, entityType: "account", name: "Contoso Oy" });

  const opportunity = {
    logicalName: opportunityMetadata.logicalName,
    name: "Partner onboarding",
    customerid: Entity.toEntityReference(account),
  } as Opportunity;
  opportunity.id = await service.create(opportunity);

  const found = await service.retrieveMultiple<Opportunity>(
    `<fetch><entity name="opportunity"><attribute name="name" /><attribute name="customerid" /><filter><condition attribute="customerid" operator="eq" value="${account.id}" /></filter></entity></fetch>`,
  );
  expect(found.entities.map((o) => o.name)).toEqual(["Partner onboarding"]);

  const win = {
    logicalName: WinOpportunityMetadata.operationName,
    Status: 3,
    OpportunityClose: {
      logicalName: opportunitycloseMetadata.logicalName,
      subject: "Won through dataverse-ify",
      opportunityid: Entity.toEntityReference(opportunity),
    },
  } as WinOpportunityRequest;
  await service.execute(win);
  expect((await client.get(`opportunities(${opportunity.id})?$select=statecode,statuscode`)).body).toMatchObject({ statecode: 1, statuscode: 3 });
  expect(rows(await client.get("opportunitycloses?$select=subject"))).toEqual([expect.objectContaining({ subject: "Won through dataverse-ify" })]);
});

test("XrmContextDataverseClient.executeMultiple: a change set of creates through $batch", async () => {
  const service = new XrmContextDataverseClient(webApi);
  const create = (name: string) => ({ logicalName: "Create", target: { logicalName: accountMetadata.logicalName, name } as Account }) as CreateRequest;
  const responses = await service.executeMultiple<CreateResponse>([[create("Batch One Oy"), create("Batch Two Oy")]]);
  expect(responses?.map((r) => typeof r.id)).toEqual(["string", "string"]);
  const names = rows(await client.get(`accounts?$select=name&$filter=startswith(name,'Batch ')&$orderby=name`)).map((a) => a.name);
  expect(names).toEqual(["Batch One Oy", "Batch Two Oy"]);
});
