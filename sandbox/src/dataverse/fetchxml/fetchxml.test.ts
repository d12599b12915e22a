/** FetchXML through `?fetchXml=` and `?savedQuery=`: attributes, filters, conditions, link-entities, order, paging. */
import { Currencies } from "../storage/seed";
import { ANNOTATIONS, rows, startClient, type Client } from "../test/harness";
import { SandboxUsers } from "../users";

let client: Client;
let ids: Record<string, string>;

const fetch = (xml: string, headers?: Record<string, string>) => client.get(`leads?fetchXml=${encodeURIComponent(xml)}`, headers);
const companies = (answer: { body: Record<string, unknown> }) => rows(answer as never).map((r) => r.companyname);

beforeEach(async () => {
  client = await startClient();
  const north = await client.create("accounts", { name: "Northwind Oy", accountnumber: "CUS-000001" });
  const south = await client.create("accounts", { name: "Southwind Ab" });
  const lead = (data: Record<string, unknown>, token: string = SandboxUsers.dualWrite.token) =>
    client.create("leads", { "transactioncurrencyid@odata.bind": `/transactioncurrencies(${Currencies.euro.id})`, ...data }, token);
  ids = {
    north,
    south,
    a: await lead({ companyname: "Alpha", lastname: "A", msdyn_b2bcommerceprospect: true, msdyn_b2bprospectstatus: 192350000, numberofemployees: 5, "parentaccountid@odata.bind": `/accounts(${north})` }),
    b: await lead({ companyname: "Beta", lastname: "B", msdyn_b2bcommerceprospect: true, msdyn_b2bprospectstatus: 192350001, numberofemployees: 50, "parentaccountid@odata.bind": `/accounts(${south})` }),
    c: await lead({ companyname: "Gamma", lastname: "C", msdyn_b2bcommerceprospect: false, numberofemployees: 500 }, SandboxUsers.salesRep.token),
    d: await lead({ companyname: "Delta", lastname: "D", numberofemployees: 5000 }, SandboxUsers.salesRep.token),
  };
});
afterEach(async () => {
  await client.server.close();
});

test("attributes, a filter and order: root lookups come back as _x_value", async () => {
  const answer = await fetch(`<fetch version="1.0" output-format="xml-platform" mapping="logical" distinct="false">
    <entity name="lead">
      <attribute name="companyname" /><attribute name="ownerid" /><attribute name="leadid" />
      <order attribute="companyname" descending="true" />
      <filter type="and"><condition attribute="msdyn_b2bcommerceprospect" operator="eq" value="1" /></filter>
    </entity></fetch>`);
  expect(answer.status).toBe(200);
  expect(answer.body["@odata.context"]).toBe(`${client.server.apiUrl}$metadata#leads`);
  expect(rows(answer)).toEqual([
    { "@odata.etag": expect.any(String), leadid: ids.b, companyname: "Beta", _ownerid_value: SandboxUsers.dualWrite.id },
    { "@odata.etag": expect.any(String), leadid: ids.a, companyname: "Alpha", _ownerid_value: SandboxUsers.dualWrite.id },
  ]);
});

test("nested and/or filters, in, like, null and not-null, ne keeping empty values", async () => {
  const names = async (filter: string) =>
    companies(await fetch(`<fetch><entity name="lead"><attribute name="companyname" /><order attribute="companyname" />${filter}</entity></fetch>`));
  expect(await names(`<filter type="or"><condition attribute="numberofemployees" operator="lt" value="10" />
      <filter type="and"><condition attribute="numberofemployees" operator="ge" value="500" /><condition attribute="companyname" operator="like" value="%mm%" /></filter></filter>`)).toEqual(["Alpha", "Gamma"]);
  expect(await names(`<filter><condition attribute="msdyn_b2bprospectstatus" operator="in"><value>192350000</value><value>192350001</value></condition></filter>`)).toEqual(["Alpha", "Beta"]);
  expect(await names(`<filter><condition attribute="msdyn_b2bprospectstatus" operator="null" /></filter>`)).toEqual(["Delta", "Gamma"]);
  expect(await names(`<filter><condition attribute="parentaccountid" operator="not-null" /></filter>`)).toEqual(["Alpha", "Beta"]);
  expect(await names(`<filter><condition attribute="msdyn_b2bcommerceprospect" operator="ne" value="1" /></filter>`)).toEqual(["Delta", "Gamma"]);
  expect(await names(`<filter><condition attribute="companyname" operator="begins-with" value="de" /></filter>`)).toEqual(["Delta"]);
  expect(await names(`<filter><condition attribute="createdon" operator="on-or-after" value="2026-03-02" /><condition attribute="ownerid" operator="eq-userid" /></filter>`)).toEqual([]);
  expect(await names(`<filter><condition attribute="parentaccountid" operator="eq" value="{${ids.north.toUpperCase()}}" /></filter>`)).toEqual(["Alpha"]);
});

test("link-entity inner and outer with alias, filters inside, order on the link, annotations", async () => {
  const inner = await fetch(
    `<fetch><entity name="lead"><attribute name="companyname" />
      <link-entity name="account" from="accountid" to="parentaccountid" alias="acc" link-type="inner">
        <attribute name="name" /><attribute name="accountnumber" />
        <order attribute="name" descending="true" />
        <filter><condition attribute="name" operator="like" value="%wind%" /></filter>
      </link-entity></entity></fetch>`,
    ANNOTATIONS,
  );
  expect(rows(inner).map((r) => [r.companyname, r["acc.name"], r["acc.accountnumber"]])).toEqual([
    ["Beta", "Southwind Ab", undefined],
    ["Alpha", "Northwind Oy", "CUS-000001"],
  ]);
  expect(rows(inner)[0]["acc.name@OData.Community.Display.V1.AttributeName"]).toBe("name");

  const aliased = await fetch(`<fetch><entity name="lead"><attribute name="companyname" /><order attribute="companyname" />
      <link-entity name="account" from="accountid" to="parentaccountid" alias="acc"><attribute name="name" alias="accountname" /></link-entity></entity></fetch>`);
  expect(rows(aliased).map((r) => [r.companyname, r.accountname])).toEqual([
    ["Alpha", "Northwind Oy"],
    ["Beta", "Southwind Ab"],
  ]);

  const outer = await fetch(`<fetch><entity name="lead"><attribute name="companyname" /><order attribute="companyname" />
      <link-entity name="account" from="accountid" to="parentaccountid" alias="acc" link-type="outer"><attribute name="name" /></link-entity>
      <filter><condition entityname="acc" attribute="accountid" operator="null" /></filter></entity></fetch>`);
  expect(rows(outer).map((r) => [r.companyname, r["acc.name"]])).toEqual([
    ["Delta", undefined],
    ["Gamma", undefined],
  ]);

  const owner = await fetch(`<fetch><entity name="lead"><attribute name="companyname" /><order attribute="companyname" />
      <link-entity name="systemuser" from="systemuserid" to="owninguser_missing" /></entity></fetch>`);
  expect(owner.status).toBe(400);
  expect(owner.body.error).toEqual({
    code: "0x80041103",
    message: "'lead' entity doesn't contain attribute with Name = 'owninguser_missing' and NameMapping = 'Logical'.",
  });
});

test("ordering by a lookup sorts by the referenced record's name, in FetchXML and in $orderby", async () => {
  const byFetch = companies(
    await fetch(`<fetch><entity name="lead"><attribute name="companyname" /><order attribute="parentaccountid" descending="true" /><order attribute="companyname" /></entity></fetch>`),
  );
  expect(byFetch).toEqual(["Beta", "Alpha", "Delta", "Gamma"]);
  const byOData = rows(await client.get("leads?$select=companyname&$orderby=_parentaccountid_value asc,companyname asc")).map((r) => r.companyname);
  expect(byOData).toEqual(["Delta", "Gamma", "Alpha", "Beta"]);
});

test("top, count/page with morerecords, and the total record count (Count rows using FetchXml)", async () => {
  expect(companies(await fetch(`<fetch top="2"><entity name="lead"><attribute name="companyname" /><order attribute="numberofemployees" descending="true" /></entity></fetch>`))).toEqual([
    "Delta",
    "Gamma",
  ]);
  const page1 = await fetch(`<fetch count="3" page="1" returntotalrecordcount="true"><entity name="lead"><attribute name="companyname" /><order attribute="companyname" /></entity></fetch>`, ANNOTATIONS);
  expect(companies(page1)).toEqual(["Alpha", "Beta", "Delta"]);
  expect(page1.body["@odata.count"]).toBe(4);
  expect(page1.body["@Microsoft.Dynamics.CRM.morerecords"]).toBe(true);
  expect(page1.body["@Microsoft.Dynamics.CRM.totalrecordcount"]).toBe(4);
  expect(page1.body["@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded"]).toBe(false);
  // The annotations come only when the Prefer header asks for them; @odata.count always does.
  const plain = await fetch(`<fetch count="3" page="1" returntotalrecordcount="true"><entity name="lead"><attribute name="companyname" /></entity></fetch>`);
  expect(Object.keys(plain.body).sort()).toEqual(["@odata.context", "@odata.count", "value"]);
  const page2 = await fetch(`<fetch count="3" page="2"><entity name="lead"><attribute name="companyname" /><order attribute="companyname" /></entity></fetch>`, ANNOTATIONS);
  expect(companies(page2)).toEqual(["Gamma"]);
  expect(page2.body["@Microsoft.Dynamics.CRM.morerecords"]).toBeUndefined();
  expect(page2.body["@Microsoft.Dynamics.CRM.totalrecordcount"]).toBe(-1);
  const both = await fetch(`<fetch top="2" page="1"><entity name="lead"><attribute name="companyname" /></entity></fetch>`);
  expect(both.status).toBe(400);
  expect(both.body.error).toEqual({ code: "0x80040203", message: "The top attribute can't be specified with paging attribute page" });
  const counted = await fetch(`<fetch top="2" returntotalrecordcount="true"><entity name="lead"><attribute name="companyname" /></entity></fetch>`);
  expect((counted.body.error as { message: string }).message).toBe("The top attribute can't be specified with paging attribute returntotalrecordcount");
});

test("null values are left out of FetchXML rows (Use FetchXml with Web API)", async () => {
  const answer = await fetch(`<fetch><entity name="lead"><attribute name="companyname" /><attribute name="msdyn_prospectid" /><order attribute="companyname" /></entity></fetch>`);
  expect(rows(answer)[0]).toEqual({ "@odata.etag": expect.any(String), leadid: ids.a, companyname: "Alpha" });
});

test("unsupported FetchXML is a 501 naming it; malformed FetchXML and a mismatched entity are 400", async () => {
  const fiscal = await fetch(`<fetch aggregate="true"><entity name="lead"><attribute name="leadid" aggregate="count" alias="n" /><attribute name="createdon" groupby="true" dategrouping="fiscal-year" alias="fy" /></entity></fetch>`);
  expect(fiscal.status).toBe(501);
  expect(String((fiscal.body.error as { message: string }).message)).toContain("fiscal-year");
  const rowAggregate = await fetch(`<fetch><entity name="lead"><attribute name="leadid" alias="children" rowaggregate="CountChildren" /></entity></fetch>`);
  expect(rowAggregate.status).toBe(501);
  expect(String((rowAggregate.body.error as { message: string }).message)).toContain("rowaggregate");
  const operator = await fetch(`<fetch><entity name="lead"><filter><condition attribute="createdon" operator="last-fiscal-year" /></filter></entity></fetch>`);
  expect(operator.status).toBe(501);
  expect(String((operator.body.error as { message: string }).message)).toContain("last-fiscal-year");
  const linkType = await fetch(`<fetch><entity name="lead"><link-entity name="account" from="accountid" to="parentaccountid" link-type="exists" /></entity></fetch>`);
  expect(linkType.status).toBe(501);
  const retained = await fetch(`<fetch datasource="retained"><entity name="lead"><attribute name="companyname" /></entity></fetch>`);
  expect(retained.status).toBe(501);
  const grouped = await fetch(`<fetch><entity name="lead"><attribute name="statuscode" groupby="true" alias="s" /></entity></fetch>`);
  expect(grouped.status).toBe(400);
  expect((await fetch(`<fetch><entity name="lead">`)).status).toBe(400);
  expect((await fetch(`<fetch><entity name="account" /></fetch>`)).status).toBe(400);
  expect((await fetch(`<fetch page="0"><entity name="lead" /></fetch>`)).status).toBe(400);
});

test("a saved view runs by id (savedQuery=)", async () => {
  const viewId = await client.create("savedqueries", {
    name: "Open B2B leads",
    returnedtypecode: "lead",
    querytype: 0,
    fetchxml: `<fetch><entity name="lead"><attribute name="companyname" /><order attribute="companyname" /><filter><condition attribute="msdyn_b2bcommerceprospect" operator="eq" value="1" /><condition attribute="statecode" operator="eq" value="0" /></filter></entity></fetch>`,
  });
  const answer = await client.get(`leads?savedQuery=${viewId}`);
  expect(companies(answer)).toEqual(["Alpha", "Beta"]);
  expect((await client.get(`accounts?savedQuery=${viewId}`)).status).toBe(400);
});
