/**
 * Aggregate FetchXML with the data and answers of "Aggregate data using FetchXml"
 * (learn.microsoft.com/power-apps/developer/data-platform/fetchxml/aggregate-data): the ten sample accounts,
 * their aggregates, grouping by city and by parts of the creation date, and the 50,000-row limit.
 */
import { ANNOTATIONS, rows, startClient, type Client } from "../test/harness";
import { SandboxUsers } from "../users";

let client: Client;
let clock = new Date("2023-03-25T10:00:00Z");

const FV = "@OData.Community.Display.V1.FormattedValue";
const accounts = (xml: string, headers?: Record<string, string>) => client.get(`accounts?fetchXml=${encodeURIComponent(xml)}`, headers);
const leads = (xml: string, headers?: Record<string, string>) => client.get(`leads?fetchXml=${encodeURIComponent(xml)}`, headers);

/** Learn's example: number of employees, name, city; all created 3/25/2023 but the first (created in August). */
const SAMPLE: [number | null, string, string | null][] = [
  [null, "Example Account", null],
  [1500, "Contoso Pharmaceuticals (sample)", "Redmond"],
  [2700, "Fabrikam, Inc. (sample)", "Lynnwood"],
  [2900, "Blue Yonder Airlines (sample)", "Los Angeles"],
  [2900, "City Power & Light (sample)", "Redmond"],
  [3900, "Coho Winery (sample)", "Phoenix"],
  [4300, "Adventure Works (sample)", "Santa Cruz"],
  [4800, "Alpine Ski House (sample)", "Missoula"],
  [6000, "Litware, Inc. (sample)", "Dallas"],
  [6200, "A. Datum Corporation (sample)", "Redmond"],
];

beforeEach(async () => {
  client = await startClient(":memory:", () => clock);
  for (const [employees, name, city] of SAMPLE) {
    // The example's grouped results put the account without employees on 27 August 2023.
    clock = new Date(employees === null ? "2023-08-27T10:00:00Z" : "2023-03-25T10:00:00Z");
    await client.create("accounts", { name, numberofemployees: employees, address1_city: city });
  }
  clock = new Date("2023-09-01T12:00:00Z");
});
afterEach(async () => {
  await client.server.close();
});

test("avg, count, countcolumn, max, min and sum over the sample: one row, as Learn's table shows", async () => {
  const answer = await accounts(`<fetch aggregate='true'><entity name='account'>
    <attribute name='numberofemployees' alias='Average' aggregate='avg' />
    <attribute name='numberofemployees' alias='Count' aggregate='count' />
    <attribute name='numberofemployees' alias='ColumnCount' aggregate='countcolumn' />
    <attribute name='numberofemployees' alias='Maximum' aggregate='max' />
    <attribute name='numberofemployees' alias='Minimum' aggregate='min' />
    <attribute name='numberofemployees' alias='Sum' aggregate='sum' />
  </entity></fetch>`);
  expect(answer.status).toBe(200);
  // An aggregate row is no record: no @odata.etag, keyed by the aliases.
  expect(rows(answer)).toEqual([{ Average: 3911, Count: 10, ColumnCount: 9, Maximum: 6200, Minimum: 1500, Sum: 35200 }]);
  const distinct = await accounts(`<fetch aggregate='true'><entity name='account'><attribute name='numberofemployees' alias='ColumnCount' aggregate='countcolumn' distinct='true' /></entity></fetch>`, ANNOTATIONS);
  expect(rows(distinct)).toEqual([{ [`ColumnCount${FV}`]: "8", ColumnCount: 8 }]);
});

test("grouping by city, ordered by the group's alias; the null city has no property", async () => {
  const answer = await accounts(`<fetch aggregate='true'><entity name='account'>
    <attribute name='numberofemployees' alias='Total' aggregate='sum' />
    <attribute name='address1_city' alias='Count' aggregate='count' />
    <attribute name='address1_city' alias='City' groupby='true' />
    <order alias='City' />
  </entity></fetch>`);
  expect(rows(answer)).toEqual([
    { Total: 0, Count: 1 },
    { Total: 6000, Count: 1, City: "Dallas" },
    { Total: 2900, Count: 1, City: "Los Angeles" },
    { Total: 2700, Count: 1, City: "Lynnwood" },
    { Total: 4800, Count: 1, City: "Missoula" },
    { Total: 3900, Count: 1, City: "Phoenix" },
    { Total: 10600, Count: 3, City: "Redmond" },
    { Total: 4300, Count: 1, City: "Santa Cruz" },
  ]);
});

test("grouping by parts of a date: day, week, month, quarter, year (Learn's example rows)", async () => {
  const answer = await accounts(
    `<fetch aggregate='true'><entity name='account'>
      <attribute name='numberofemployees' alias='Total' aggregate='sum' />
      <attribute name='createdon' alias='Day' groupby='true' dategrouping='day' />
      <attribute name='createdon' alias='Week' groupby='true' dategrouping='week' />
      <attribute name='createdon' alias='Month' groupby='true' dategrouping='month' />
      <attribute name='createdon' alias='Quarter' groupby='true' dategrouping='quarter' />
      <attribute name='createdon' alias='Year' groupby='true' dategrouping='year' />
      <order alias='Month' />
    </entity></fetch>`,
    ANNOTATIONS,
  );
  expect(rows(answer).map((r) => [r.Total, r.Day, r.Week, r.Month, r.Quarter, r.Year])).toEqual([
    [35200, 25, 12, 3, 1, 2023],
    [0, 27, 35, 8, 3, 2023],
  ]);
  // Learn's table shows the formatted year, "2,023".
  expect(rows(answer)[0][`Year${FV}`]).toBe("2,023");
  const fiscal = await accounts(`<fetch aggregate='true'><entity name='account'><attribute name='createdon' alias='FY' groupby='true' dategrouping='fiscal-year' /></entity></fetch>`);
  expect(fiscal.status).toBe(501);
  expect((fiscal.body.error as { message: string }).message).toContain("fiscal-year");
});

test("count by status and by owner with formatted values, in English and Finnish; group order by label", async () => {
  await client.create("leads", { lastname: "A", companyname: "A" });
  await client.create("leads", { lastname: "B", companyname: "B" });
  await client.create("leads", { lastname: "C", companyname: "C", statuscode: 2 });
  await client.create("leads", { lastname: "D", companyname: "D" }, SandboxUsers.salesRep.token);
  const byStatus = `<fetch aggregate="true"><entity name="lead">
    <attribute name="statuscode" groupby="true" alias="status" /><attribute name="leadid" aggregate="count" alias="n" />
    <order alias="status" /></entity></fetch>`;
  expect(rows(await leads(byStatus, ANNOTATIONS))).toEqual([
    { [`status${FV}`]: "Contacted", status: 2, [`n${FV}`]: "1", n: 1 },
    { [`status${FV}`]: "New", status: 1, [`n${FV}`]: "3", n: 3 },
  ]);
  // Without the Prefer header: values only.
  expect(rows(await leads(byStatus))).toEqual([
    { status: 2, n: 1 },
    { status: 1, n: 3 },
  ]);
  const finnish = await client.patch(`usersettingscollection(${SandboxUsers.admin.id})`, { uilanguageid: 1035 });
  expect(finnish.status).toBe(204);
  expect(rows(await leads(byStatus, ANNOTATIONS)).map((r) => r[`status${FV}`])).toEqual(["Uusi", "Yhteyttä otettu"]);

  const byOwner = await leads(
    `<fetch aggregate="true"><entity name="lead"><attribute name="ownerid" groupby="true" alias="owner" /><attribute name="leadid" aggregate="count" alias="n" /><order alias="n" descending="true" /></entity></fetch>`,
    ANNOTATIONS,
  );
  expect(rows(byOwner)[0]).toMatchObject({
    owner: SandboxUsers.admin.id,
    [`owner${FV}`]: "# Sandbox Admin",
    "owner@Microsoft.Dynamics.CRM.lookuplogicalname": "systemuser",
    n: 3,
  });
  expect(rows(byOwner)[1]).toMatchObject({ owner: SandboxUsers.salesRep.id, n: 1 });
});

test("aggregates on a link-entity: count of accounts' leads grouped by the account", async () => {
  const redmond = rows(await accounts(`<fetch><entity name='account'><attribute name='name' /><filter><condition attribute='name' operator='begins-with' value='Contoso' /></filter></entity></fetch>`))[0]
    .accountid as string;
  await client.create("leads", { lastname: "A", "parentaccountid@odata.bind": `/accounts(${redmond})` });
  await client.create("leads", { lastname: "B", "parentaccountid@odata.bind": `/accounts(${redmond})` });
  await client.create("leads", { lastname: "C" });
  const answer = await leads(`<fetch aggregate="true"><entity name="lead"><attribute name="leadid" aggregate="count" alias="leads" />
      <link-entity name="account" from="accountid" to="parentaccountid" alias="a"><attribute name="name" groupby="true" alias="account" /></link-entity>
    </entity></fetch>`);
  expect(rows(answer)).toEqual([{ leads: 2, account: "Contoso Pharmaceuticals (sample)" }]);
});

test("more rows than the aggregate limit is AggregateQueryRecordLimit exceeded (0x8004E023)", async () => {
  const over = await accounts(`<fetch aggregate='true' aggregatelimit='9'><entity name='account'><attribute name='name' alias='n' aggregate='count' /></entity></fetch>`);
  expect(over.status).toBe(400);
  expect(over.body.error).toEqual({ code: "0x8004E023", message: "AggregateQueryRecordLimit exceeded. Cannot perform this operation." });
  const within = await accounts(`<fetch aggregate='true' aggregatelimit='10'><entity name='account'><attribute name='name' alias='n' aggregate='count' /></entity></fetch>`);
  expect(rows(within)).toEqual([{ n: 10 }]);
});

test("an aggregate query must alias and aggregate or group every attribute; what the sandbox does not aggregate is a 501", async () => {
  const refused = async (xml: string, status: number) => {
    const answer = await accounts(xml);
    expect(answer.status).toBe(status);
    return (answer.body.error as { message: string }).message;
  };
  expect(await refused(`<fetch aggregate='true'><entity name='account'><attribute name='name' aggregate='count' /></entity></fetch>`, 400)).toContain("alias");
  expect(await refused(`<fetch aggregate='true'><entity name='account'><attribute name='name' alias='n' /></entity></fetch>`, 400)).toContain("groupby");
  expect(await refused(`<fetch aggregate='true'><entity name='account'><all-attributes /></entity></fetch>`, 400)).toContain("all-attributes");
  expect(await refused(`<fetch aggregate='true'><entity name='account'><attribute name='name' alias='n' aggregate='median' /></entity></fetch>`, 400)).toContain("median");
  expect(await refused(`<fetch aggregate='true'><entity name='account'><attribute name='name' alias='n' aggregate='sum' /></entity></fetch>`, 501)).toContain("sum");
  expect(await refused(`<fetch aggregate='true'><entity name='account'><attribute name='createdon' alias='d' groupby='true' /></entity></fetch>`, 400)).toContain("dategrouping");
  expect(await refused(`<fetch aggregate='true'><entity name='account'><attribute name='name' alias='n' aggregate='count' /><order attribute='name' /></entity></fetch>`, 501)).toContain("order");
});
