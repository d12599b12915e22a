/** Web API conformance: status codes, headers, bodies, annotations and errors as Dataverse returns them. */
import { Currencies } from "./storage/seed";
import { ANNOTATIONS, rows, startClient, type Client } from "./test/harness";
import { SandboxUsers } from "./users";

let client: Client;
const euro = `/transactioncurrencies(${Currencies.euro.id})`;

beforeEach(async () => {
  client = await startClient();
});
afterEach(async () => {
  await client.server.close();
});

const newLead = (overrides: Record<string, unknown> = {}) => ({
  firstname: "Aino",
  lastname: "Virtanen",
  companyname: "Kahvila Oy",
  subject: "Partner sign-up",
  emailaddress1: "aino@kahvila.example",
  msdyn_b2bcommerceprospect: true,
  msdyn_b2bprospectstatus: 192350000,
  "transactioncurrencyid@odata.bind": euro,
  ...overrides,
});

describe("create, retrieve, update, delete", () => {
  test("POST answers 204 with OData-EntityId, and GET by key returns the record with its etag", async () => {
    const created = await client.post("leads", newLead());
    expect(created.status).toBe(204);
    const entityId = created.headers.get("odata-entityid") ?? "";
    expect(entityId).toMatch(new RegExp(`^${client.server.apiUrl.replace(/[.]/g, "\\.")}leads\\([0-9a-f-]{36}\\)$`));
    const id = /\(([^)]+)\)/.exec(entityId)?.[1];
    const read = await client.get(`leads(${id})?$select=fullname,companyname,_ownerid_value,statecode,statuscode`);
    expect(read.status).toBe(200);
    expect(read.headers.get("odata-version")).toBe("4.0");
    expect(read.body).toEqual({
      "@odata.context": `${client.server.apiUrl}$metadata#leads(fullname,companyname,_ownerid_value,statecode,statuscode)/$entity`,
      "@odata.etag": expect.stringMatching(/^W\/"\d+"$/),
      leadid: id,
      fullname: "Aino Virtanen",
      companyname: "Kahvila Oy",
      _ownerid_value: SandboxUsers.admin.id,
      statecode: 0,
      statuscode: 1,
    });
  });

  test("Prefer: return=representation answers 201 with the created record", async () => {
    const answer = await client.post("leads?$select=fullname", newLead(), { Prefer: "return=representation" });
    expect(answer.status).toBe(201);
    expect(answer.headers.get("preference-applied")).toBe("return=representation");
    expect(answer.body.fullname).toBe("Aino Virtanen");
    expect(answer.body["@odata.context"]).toBe(`${client.server.apiUrl}$metadata#leads(fullname)/$entity`);
  });

  test("the owner, created/modified by and on, and versionnumber are maintained", async () => {
    const id = await client.create("leads", newLead(), SandboxUsers.dualWrite.token);
    const first = (await client.get(`leads(${id})`)).body;
    expect(first._ownerid_value).toBe(SandboxUsers.dualWrite.id);
    expect(first._createdby_value).toBe(SandboxUsers.dualWrite.id);
    const patched = await client.request("PATCH", `leads(${id})`, { body: { telephone1: "+358 40 123" }, token: SandboxUsers.salesRep.token });
    expect(patched.status).toBe(204);
    const second = (await client.get(`leads(${id})`)).body;
    expect(second._createdby_value).toBe(SandboxUsers.dualWrite.id);
    expect(second._modifiedby_value).toBe(SandboxUsers.salesRep.id);
    expect(String(second.modifiedon) > String(first.modifiedon)).toBe(true);
    expect(Number(second.versionnumber)).toBeGreaterThan(Number(first.versionnumber));
    expect(second.createdon).toBe(first.createdon);
  });

  test("If-Match with a stale etag is refused with 412 and the record is unchanged", async () => {
    const id = await client.create("leads", newLead());
    const etag = String((await client.get(`leads(${id})`)).body["@odata.etag"]);
    expect((await client.patch(`leads(${id})`, { subject: "First" }, { "If-Match": etag })).status).toBe(204);
    const stale = await client.patch(`leads(${id})`, { subject: "Second" }, { "If-Match": etag });
    expect(stale.status).toBe(412);
    expect(stale.body).toEqual({
      error: { code: "0x80060882", message: "The version of the existing record doesn't match the RowVersion property provided." },
    });
    expect((await client.get(`leads(${id})?$select=subject`)).body.subject).toBe("First");
  });

  test("PATCH to a new id creates (upsert); If-Match: * refuses to create; If-None-Match: * refuses to update", async () => {
    const id = "11111111-2222-4333-8444-555555555555";
    const missing = await client.patch(`accounts(${id})`, { name: "Nope" }, { "If-Match": "*" });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: "0x80040217", message: `Entity 'account' With Id = ${id} Does Not Exist` } });
    expect((await client.patch(`accounts(${id})`, { name: "Upserted" })).status).toBe(204);
    expect((await client.get(`accounts(${id})?$select=name`)).body.name).toBe("Upserted");
    const again = await client.patch(`accounts(${id})`, { name: "Again" }, { "If-None-Match": "*" });
    expect(again.status).toBe(412);
    expect(again.body.error).toEqual({ code: "0x80040237", message: "A record with matching key values already exists." });
  });

  test("concurrent writes are each applied once, with distinct row versions", async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => client.create("accounts", { name: `Parallel ${i}` })));
    expect(new Set(ids).size).toBe(40);
    const all = rows(await client.get("accounts?$select=versionnumber&$count=true"));
    expect(all).toHaveLength(40);
    expect(new Set(all.map((a) => a.versionnumber)).size).toBe(40);
  });

  test("DELETE answers 204 and the record is gone (404 with Dataverse's code and message)", async () => {
    const id = await client.create("accounts", { name: "Temporary" });
    expect((await client.request("DELETE", `accounts(${id})`)).status).toBe(204);
    const gone = await client.get(`accounts(${id})`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ error: { code: "0x80040217", message: `Entity 'account' With Id = ${id} Does Not Exist` } });
  });

  test("deleting a record deletes its notes and clears the lookups that pointed at it", async () => {
    const accountId = await client.create("accounts", { name: "Going Oy" });
    const contactId = await client.create("contacts", { lastname: "Stays", "parentcustomerid_account@odata.bind": `/accounts(${accountId})` });
    await client.create("annotations", { subject: "Note", "objectid_account@odata.bind": `/accounts(${accountId})` });
    expect((await client.request("DELETE", `accounts(${accountId})`)).status).toBe(204);
    expect((await client.get(`contacts(${contactId})?$select=_parentcustomerid_value`)).body._parentcustomerid_value).toBeNull();
    expect(rows(await client.get("annotations"))).toHaveLength(0);
  });

  test("lookups are set with @odata.bind; _x_value in a body and binds to missing records are refused", async () => {
    const accountId = await client.create("accounts", { name: "Parent Oy" });
    const contactId = await client.create("contacts", { lastname: "Korhonen", "parentcustomerid_account@odata.bind": `/accounts(${accountId})` });
    const contact = (await client.get(`contacts(${contactId})?$select=_parentcustomerid_value`, ANNOTATIONS)).body;
    expect(contact._parentcustomerid_value).toBe(accountId);
    expect(contact["_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]).toBe("account");
    expect(contact["_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty"]).toBe("parentcustomerid_account");
    expect(contact["_parentcustomerid_value@OData.Community.Display.V1.FormattedValue"]).toBe("Parent Oy");

    const direct = await client.post("contacts", { lastname: "X", _parentcustomerid_value: accountId });
    expect(direct.status).toBe(400);
    expect(direct.body.error).toEqual({
      code: "0x80060888",
      message: "CRM do not support direct update of Entity Reference properties, Use Navigation properties insted.",
    });
    const dangling = await client.post("contacts", { lastname: "X", "parentcustomerid_account@odata.bind": "/accounts(00000000-0000-4000-8000-000000000009)" });
    expect(dangling.status).toBe(404);
    expect(dangling.body.error).toMatchObject({ code: "0x80040217" });
    const wrongTarget = await client.post("contacts", { lastname: "X", "parentcustomerid_account@odata.bind": euro });
    expect(wrongTarget.status).toBe(400);
  });

  test("payload errors: unknown property, wrong type, value outside an option set", async () => {
    // Troubleshoot Dataverse Web API client errors: "Invalid property … was found in entity …", code 0x0.
    const unknown = await client.post("leads", { nosuchcolumn: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "0x0" });
    expect(String((unknown.body.error as { message: string }).message)).toContain(
      "Invalid property 'nosuchcolumn' was found in entity 'Microsoft.Dynamics.CRM.lead'.",
    );
    const wrongType = await client.post("leads", { numberofemployees: "many" });
    expect(wrongType.status).toBe(400);
    expect(String((wrongType.body.error as { message: string }).message)).toContain("Cannot convert the literal 'many' to the expected type 'Edm.Int32'.");
    const outside = await client.post("leads", { msdyn_b2bprospectstatus: 5 });
    expect(outside.status).toBe(400);
    expect(outside.body.error).toEqual({
      code: "0x80044331",
      message: "A validation error occurred. The value 5 of 'msdyn_b2bprospectstatus' on record of type 'lead' is outside the valid range.",
    });
    const badJson = await client.request("POST", "leads", { body: "{not json" });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error).toMatchObject({ code: "0x80048d19" });
  });

  test("without a bearer token the answer is 401 with a challenge and nothing is written", async () => {
    const answer = await client.request("POST", "accounts", { body: { name: "Anonymous" }, token: null });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(rows(await client.get("accounts?$filter=name eq 'Anonymous'"))).toHaveLength(0);
  });

  test("unknown entity sets are 404 with the OData segment message", async () => {
    const answer = await client.get("nosuchthings");
    expect(answer.status).toBe(404);
    expect(answer.body.error).toEqual({ code: "0x8006088a", message: "Resource not found for the segment 'nosuchthings'." });
  });
});

describe("annotations and formatted values", () => {
  test("annotations appear only when Prefer asks, in the user's language", async () => {
    const id = await client.create("leads", newLead({ estimatedamount: 1500 }));
    const plain = (await client.get(`leads(${id})?$select=statecode,msdyn_b2bprospectstatus`)).body;
    expect(Object.keys(plain).some((k) => k.includes("@OData"))).toBe(false);

    const english = (await client.get(`leads(${id})?$select=statecode,msdyn_b2bprospectstatus,msdyn_b2bcommerceprospect,estimatedamount,_transactioncurrencyid_value`, ANNOTATIONS)).body;
    expect(english["statecode@OData.Community.Display.V1.FormattedValue"]).toBe("Open");
    expect(english["msdyn_b2bprospectstatus@OData.Community.Display.V1.FormattedValue"]).toBe("Pending");
    expect(english["msdyn_b2bcommerceprospect@OData.Community.Display.V1.FormattedValue"]).toBe("Yes");
    expect(english["estimatedamount@OData.Community.Display.V1.FormattedValue"]).toBe("€1,500.00");
    expect(english["_transactioncurrencyid_value@OData.Community.Display.V1.FormattedValue"]).toBe("Euro");

    expect((await client.patch(`usersettingscollection(${SandboxUsers.admin.id})`, { uilanguageid: 1035 })).status).toBe(204);
    const finnish = (await client.get(`leads(${id})?$select=statecode,msdyn_b2bprospectstatus,msdyn_b2bcommerceprospect`, ANNOTATIONS)).body;
    expect(finnish["statecode@OData.Community.Display.V1.FormattedValue"]).toBe("Avoin");
    expect(finnish["msdyn_b2bprospectstatus@OData.Community.Display.V1.FormattedValue"]).toBe("Odottaa");
    expect(finnish["msdyn_b2bcommerceprospect@OData.Community.Display.V1.FormattedValue"]).toBe("Kyllä");
  });

  test("a specific annotation can be asked for on its own", async () => {
    const id = await client.create("leads", newLead());
    const answer = await client.get(`leads(${id})?$select=statecode,_ownerid_value`, {
      Prefer: 'odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname"',
    });
    expect(answer.body["_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]).toBe("systemuser");
    expect(answer.body["statecode@OData.Community.Display.V1.FormattedValue"]).toBeUndefined();
  });
});

describe("query options", () => {
  let ids: Record<string, string>;
  beforeEach(async () => {
    const account = await client.create("accounts", { name: "Northwind Oy" });
    ids = {
      account,
      a: await client.create("leads", newLead({ companyname: "Alpha Trading", numberofemployees: 10, "parentaccountid@odata.bind": `/accounts(${account})` })),
      b: await client.create("leads", newLead({ companyname: "Beta Foods", lastname: "Beta", numberofemployees: 250, msdyn_b2bcommerceprospect: false })),
      c: await client.create("leads", newLead({ companyname: "Gamma O'Brien", lastname: "Gamma", numberofemployees: 50, emailaddress1: null })),
    };
  });

  const names = (answer: { body: Record<string, unknown> }) => rows(answer as never).map((r) => r.companyname);

  test("$filter comparisons, and/or/not, parentheses", async () => {
    expect(names(await client.get("leads?$select=companyname&$filter=numberofemployees gt 10&$orderby=companyname"))).toEqual(["Beta Foods", "Gamma O'Brien"]);
    expect(names(await client.get("leads?$select=companyname&$filter=numberofemployees ge 10 and numberofemployees le 50&$orderby=companyname desc"))).toEqual([
      "Gamma O'Brien",
      "Alpha Trading",
    ]);
    expect(names(await client.get("leads?$select=companyname&$filter=(numberofemployees lt 20 or numberofemployees eq 250) and not msdyn_b2bcommerceprospect eq false&$orderby=companyname"))).toEqual([
      "Alpha Trading",
    ]);
    expect(names(await client.get("leads?$select=companyname&$filter=companyname ne 'Beta Foods'&$orderby=companyname"))).toEqual(["Alpha Trading", "Gamma O'Brien"]);
  });

  test("$filter string functions (case-insensitive), quotes, null checks, lookups and GUIDs", async () => {
    expect(names(await client.get("leads?$select=companyname&$filter=contains(companyname,'FOOD')"))).toEqual(["Beta Foods"]);
    expect(names(await client.get("leads?$select=companyname&$filter=startswith(companyname,'gam')"))).toEqual(["Gamma O'Brien"]);
    expect(names(await client.get("leads?$select=companyname&$filter=endswith(companyname,'Trading')"))).toEqual(["Alpha Trading"]);
    expect(names(await client.get("leads?$select=companyname&$filter=companyname eq 'Gamma O''Brien'"))).toEqual(["Gamma O'Brien"]);
    expect(names(await client.get("leads?$select=companyname&$filter=emailaddress1 eq null"))).toEqual(["Gamma O'Brien"]);
    expect(names(await client.get(`leads?$select=companyname&$filter=_parentaccountid_value eq ${ids.account}`))).toEqual(["Alpha Trading"]);
    expect(names(await client.get(`leads?$select=companyname&$filter=_parentaccountid_value ne null`))).toEqual(["Alpha Trading"]);
    expect(names(await client.get(`leads?$select=companyname&$filter=leadid eq ${ids.b}`))).toEqual(["Beta Foods"]);
  });

  test("change tracking by versionnumber: rows written after a version, in write order", async () => {
    const since = Number((await client.get(`leads(${ids.c})?$select=versionnumber`)).body.versionnumber);
    expect((await client.patch(`leads(${ids.a})`, { subject: "touched" })).status).toBe(204);
    const changed = rows(await client.get(`leads?$select=companyname&$filter=versionnumber gt ${since}&$orderby=versionnumber`));
    expect(changed.map((r) => r.companyname)).toEqual(["Alpha Trading"]);
  });

  test("$filter datetime literals", async () => {
    const created = String((await client.get(`leads(${ids.b})?$select=createdon`)).body.createdon);
    expect(names(await client.get(`leads?$select=companyname&$filter=createdon ge ${created}&$orderby=createdon`))).toEqual(["Beta Foods", "Gamma O'Brien"]);
    expect(names(await client.get(`leads?$select=companyname&$filter=createdon lt 2000-01-01`))).toEqual([]);
  });

  test("$top, $count and paging with odata.maxpagesize", async () => {
    const top = await client.get("leads?$select=companyname&$orderby=numberofemployees desc&$top=2&$count=true");
    expect(names(top)).toEqual(["Beta Foods", "Gamma O'Brien"]);
    expect(top.body["@odata.count"]).toBe(3);
    const first = await client.get("leads?$select=companyname&$orderby=companyname", { Prefer: "odata.maxpagesize=2" });
    expect(names(first)).toEqual(["Alpha Trading", "Beta Foods"]);
    const next = String(first.body["@odata.nextLink"]);
    expect(next).toContain("$skiptoken=");
    const second = await client.get(next.slice(client.server.apiUrl.length), { Prefer: "odata.maxpagesize=2" });
    expect(names(second)).toEqual(["Gamma O'Brien"]);
    expect(second.body["@odata.nextLink"]).toBeUndefined();
  });

  test("<set>/$count answers the filtered count as plain text", async () => {
    const answer = await client.get("leads/$count?$filter=numberofemployees ge 50");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toContain("text/plain");
    expect(answer.text).toBe("2");
  });

  test("$expand of a single-valued navigation property with nested $select", async () => {
    const answer = await client.get(`leads?$select=companyname&$filter=leadid eq ${ids.a} or leadid eq ${ids.b}&$orderby=companyname&$expand=parentaccountid($select=name)`);
    const [a, b] = rows(answer);
    expect(a.parentaccountid).toEqual({ "@odata.etag": expect.any(String), accountid: ids.account, name: "Northwind Oy" });
    expect(b.parentaccountid).toBeNull();
    expect(answer.body["@odata.context"]).toBe(`${client.server.apiUrl}$metadata#leads(companyname,parentaccountid(name))`);
  });

  test("unknown properties are 400 0x0; unsupported options and operators are 501 naming them", async () => {
    const unknown = await client.get("leads?$select=nosuch");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toEqual({ code: "0x0", message: "Could not find a property named 'nosuch' on type 'Microsoft.Dynamics.CRM.lead'." });
    for (const [query, named] of [
      ["$skip=1", "$skip"],
      ["$apply=groupby((statecode))", "$apply"],
      ["$filter=numberofemployees in (1,2)", "'in'"],
      ["$filter=Microsoft.Dynamics.CRM.Today(PropertyName='createdon')", "'Today'"],
      ["$filter=parentaccountid/name eq 'x'", "parentaccountid/name"],
      ["$expand=lead_addresses", "lead_addresses"],
    ]) {
      const answer = await client.get(`leads?${query}`);
      expect(answer.status).toBe(501);
      expect(String((answer.body.error as { message: string }).message)).toContain(named);
    }
  });
});

describe("WhoAmI, EntityDefinitions and $batch", () => {
  test("WhoAmI returns the caller's ids", async () => {
    const answer = await client.request("GET", "WhoAmI", { token: SandboxUsers.salesRep.token });
    expect(answer.status).toBe(200);
    expect(answer.body.UserId).toBe(SandboxUsers.salesRep.id);
    expect(answer.body["@odata.context"]).toBe(`${client.server.apiUrl}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`);
  });

  test("EntityDefinitions gives the entity set name", async () => {
    const answer = await client.get("EntityDefinitions(LogicalName='opportunityclose')?$select=EntitySetName");
    expect(answer.body.EntitySetName).toBe("opportunitycloses");
  });

  // "Execute batch operations using the Web API", Handling errors: the first failing request is the batch's
  // last answer and its status is the batch's (the conformance suite in sandbox/test/conformance covers the rest).
  test("$batch runs GET parts and answers multipart/mixed in order, a failing part last with its status", async () => {
    const id = await client.create("accounts", { name: "Batch Oy" });
    const boundary = "batch_123";
    const body = [
      `--${boundary}`,
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      "",
      `GET ${client.server.apiUrl}accounts(${id})?$select=name HTTP/1.1`,
      "Accept: application/json",
      "",
      `--${boundary}`,
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      "",
      "GET accounts(00000000-0000-4000-8000-000000000009) HTTP/1.1",
      "",
      `--${boundary}--`,
      "",
    ].join("\r\n");
    const answer = await client.request("POST", "$batch", { body, headers: { "Content-Type": `multipart/mixed; boundary=${boundary}` } });
    expect(answer.status).toBe(404);
    const responseBoundary = /boundary=(\S+)/.exec(answer.headers.get("content-type") ?? "")?.[1] ?? "";
    const parts = answer.text.split(`--${responseBoundary}`).slice(1, -1);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toContain("HTTP/1.1 200 OK");
    expect(parts[0]).toContain('"name":"Batch Oy"');
    expect(parts[1]).toContain("HTTP/1.1 404 Not Found");
    expect(parts[1]).toContain("0x80040217");
  });

  const changeSet = (bodies: unknown[]) => {
    const lines = ["--batch_1", "Content-Type: multipart/mixed; boundary=changeset_1", ""];
    bodies.forEach((body, index) => {
      lines.push("--changeset_1", "Content-Type: application/http", "Content-Transfer-Encoding: binary", `Content-ID: ${index + 1}`, "");
      lines.push("POST accounts HTTP/1.1", "Content-Type: application/json", "", JSON.stringify(body));
    });
    lines.push("--changeset_1--", "--batch_1--", "");
    return client.request("POST", "$batch", { body: lines.join("\r\n"), headers: { "Content-Type": "multipart/mixed; boundary=batch_1" } });
  };

  test("a change set commits all its requests together and answers each with its Content-ID", async () => {
    const answer = await changeSet([{ name: "First Oy" }, { name: "Second Oy" }]);
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/Content-Type: multipart\/mixed; boundary=changesetresponse_/);
    expect(answer.text).toMatch(/Content-ID: 1\r\n\r\nHTTP\/1.1 204 No Content/);
    expect(answer.text).toMatch(/Content-ID: 2\r\n\r\nHTTP\/1.1 204 No Content/);
    expect(rows(await client.get("accounts?$select=name&$orderby=name")).map((a) => a.name)).toEqual(["First Oy", "Second Oy"]);
  });

  test("a failing request rolls its whole change set back and is the change set's answer", async () => {
    const answer = await changeSet([{ name: "Rolled back Oy" }, { name: "Bad", customertypecode: 999 }]);
    expect(answer.status).toBe(400);
    // As Dataverse answers (MicrosoftDocs/powerapps-docs#2843): a change set response holding only the failing part.
    expect(answer.text).toMatch(/boundary=changesetresponse_[^\r]*\r\n\r\n--changesetresponse_[^\r]*\r\nContent-Type: application\/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\nHTTP\/1.1 400 Bad Request/);
    expect(answer.text).toContain("0x80044331");
    expect(answer.text).not.toContain("Content-ID: 1");
    expect(rows(await client.get("accounts"))).toHaveLength(0);
  });
});
