/**
 * EntityDefinitions for the standard tables ("Query table definitions using the Web API",
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query-metadata-web-api): what the
 * sandbox knows is answered in Dataverse's shape, the MetadataId always with it; what it does not know is a
 * 501 naming it. Imported tables: import/customTables.test.ts and the conformance suite.
 */
import { rows, startClient, type Client } from "../test/harness";

let client: Client;
beforeAll(async () => {
  client = await startClient();
});
afterAll(() => client.server.close());

test("a table by logical name: the selected properties and its MetadataId, in an $entity context", async () => {
  const answer = await client.get("EntityDefinitions(LogicalName='lead')?$select=EntitySetName,PrimaryIdAttribute");
  expect(answer.status).toBe(200);
  expect(answer.body).toEqual({
    "@odata.context": `${client.server.apiUrl}$metadata#EntityDefinitions(EntitySetName,PrimaryIdAttribute)/$entity`,
    MetadataId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    EntitySetName: "leads",
    PrimaryIdAttribute: "leadid",
  });
  const byId = await client.get(`EntityDefinitions(${String(answer.body.MetadataId)})?$select=LogicalName`);
  expect(byId.body).toMatchObject({ LogicalName: "lead" });
});

test("the collection: every table, filtered with eq/ne on a primitive property, no paging", async () => {
  const all = await client.get("EntityDefinitions?$select=LogicalName");
  expect(rows(all).map((t) => t.LogicalName)).toEqual(expect.arrayContaining(["lead", "opportunity", "account", "contact", "systemuser"]));
  expect(all.body["@odata.nextLink"]).toBeUndefined();
  const some = await client.get("EntityDefinitions?$select=LogicalName,OwnershipType&$filter=LogicalName eq 'lead' or LogicalName eq 'solution'");
  expect(rows(some)).toEqual([
    { MetadataId: expect.any(String), LogicalName: "lead", OwnershipType: "UserOwned" },
    { MetadataId: expect.any(String), LogicalName: "solution", OwnershipType: "OrganizationOwned" },
  ]);
});

test.each([
  ["a property the sandbox does not know for a standard table", "EntityDefinitions(LogicalName='lead')?$select=DisplayName", "the property 'DisplayName' of the table 'lead'"],
  ["a filter on such a property", "EntityDefinitions?$filter=IsCustomEntity eq true", "filtering EntityDefinitions on 'IsCustomEntity'"],
  ["the Attributes of a standard table", "EntityDefinitions(LogicalName='lead')/Attributes", "the Attributes of the standard table 'lead'"],
  ["another query option", "EntityDefinitions?$top=1", "the query option '$top' on EntityDefinitions"],
])("%s is a 501 naming it", async (_what, path, named) => {
  const answer = await client.get(path);
  expect(answer.status).toBe(501);
  expect(answer.body).toMatchObject({ error: { code: "0x80060890", message: expect.stringContaining(named) } });
});

test("creating a table through EntityDefinitions is a 501; an unknown table is 404 0x80040217", async () => {
  expect((await client.post("EntityDefinitions", { SchemaName: "new_Thing" })).status).toBe(501);
  expect((await client.get("EntityDefinitions(LogicalName='new_nothing')")).body).toMatchObject({ error: { code: "0x80040217" } });
});
