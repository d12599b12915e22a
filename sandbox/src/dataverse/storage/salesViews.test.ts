import { rows, startClient, type Client } from "../test/harness";
import { SandboxUsers } from "../users";
import { SalesSystemViews } from "./salesViews";

let client: Client;
beforeAll(async () => {
  client = await startClient();
});
afterAll(() => client?.server.close());

const MY_OPEN_LEADS = SalesSystemViews.find((v) => v.names[1033] === "My Open Leads")!.savedqueryid;
const OPEN_LEADS = SalesSystemViews.find((v) => v.names[1033] === "Open Leads")!.savedqueryid;

it("seeds the Sales system views as public views (querytype 0), My Open Leads the lead default", async () => {
  const views = rows(await client.get("savedqueries?$select=name,returnedtypecode,querytype,isdefault,layoutxml&$filter=solutionid eq null&$orderby=name"));
  expect(views.map((v) => [v.returnedtypecode, v.name, v.querytype, v.isdefault])).toEqual(
    expect.arrayContaining([
      ["lead", "My Open Leads", 0, true],
      ["lead", "Open Leads", 0, false],
      ["lead", "All Leads", 0, false],
      ["opportunity", "My Open Opportunities", 0, true],
      ["account", "Active Accounts", 0, true],
      ["contact", "Active Contacts", 0, true],
    ]),
  );
  const myOpen = views.find((v) => v.name === "My Open Leads")!;
  expect(String(myOpen.layoutxml)).toContain('<cell name="fullname" width="200" />');
  // One default per table.
  for (const table of ["lead", "opportunity", "account", "contact"]) {
    expect(views.filter((v) => v.returnedtypecode === table && v.isdefault)).toHaveLength(1);
  }
});

it("every seeded view's FetchXML runs through ?savedQuery=", async () => {
  for (const view of SalesSystemViews) {
    const sets: Record<string, string> = { lead: "leads", opportunity: "opportunities", account: "accounts", contact: "contacts" };
    const answer = await client.get(`${sets[view.returnedtypecode]}?savedQuery=${view.savedqueryid}`);
    expect([view.names[1033], answer.status]).toEqual([view.names[1033], 200]);
  }
});

it("My Open Leads shows the signed-in user's open leads only; Open Leads shows everyone's", async () => {
  const mine = await client.create("leads", { lastname: "Rep's own", companyname: "Mine Oy" }, "salesrep");
  const dualWrites = await client.create("leads", { lastname: "From dual-write", companyname: "Fabrikam Oy", msdyn_b2bcommerceprospect: true }, "dualwrite");
  const closed = await client.create("leads", { lastname: "Disqualified", companyname: "Gone Oy" }, "salesrep");
  expect((await client.patch(`leads(${closed})`, { statecode: 2, statuscode: 4 })).status).toBe(204);

  const asRep = await client.request("GET", `leads?savedQuery=${MY_OPEN_LEADS}`, { token: SandboxUsers.salesRep.token });
  expect(rows(asRep).map((r) => r.leadid)).toEqual([mine]);
  const open = await client.request("GET", `leads?savedQuery=${OPEN_LEADS}`, { token: SandboxUsers.salesRep.token });
  expect(rows(open).map((r) => r.leadid).sort()).toEqual([mine, dualWrites].sort());
});
