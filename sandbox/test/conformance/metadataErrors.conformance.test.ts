/**
 * Unknown versus unmodelled: a running stand-in driven by dataverse-ify's Node transport (its
 * `sendWebApiRequest`, unchanged). Each case names the page its expected answer comes from:
 * - Troubleshoot Dataverse Web API client errors (TROUBLESHOOT): the 404 for an unknown segment, the 400
 *   texts for an unknown property in a query and in a body, the payload error for an unknown navigation
 *   property, the 404 for a function called with the wrong method;
 * - the table reference pages (ACCOUNT, ANNOTATION, QUOTE): which columns and tables Dataverse has, and
 *   the Boolean DefaultValue a create fills in;
 * - the Web API function and action reference (FUNCTIONS, CLOSE_INCIDENT): which messages Dataverse has;
 * - "Associate table rows on create" (ASSOCIATE) for `@odata.bind`, and Dataverse's own refusal of an
 *   annotation name without a period, quoted in Capgemini/powerapps-specflow-bindings#185 (ANNOTATION_NAME).
 * What the sandbox does not model answers 501 naming it, never a 404 or a 400 that says it does not exist.
 */
import { startConformanceSandbox, type ConformanceSandbox } from "./independentClient";

const TROUBLESHOOT = "https://learn.microsoft.com/troubleshoot/power-platform/dataverse/dataverse-web-api-and-sdk/web-api-client-errors";
const ACCOUNT = "https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/account";
const ANNOTATION = "https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/annotation";
const QUOTE = "https://learn.microsoft.com/dynamics365/developer/reference/entities/quote";
const FUNCTIONS = "https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/functions";
const CLOSE_INCIDENT = "https://learn.microsoft.com/previous-versions/dynamicscrm-2016/developers-guide/mt607498(v=crm.8)";
const ASSOCIATE = "https://learn.microsoft.com/power-apps/developer/data-platform/webapi/associate-disassociate-entities-using-web-api";
const ANNOTATION_NAME = "https://github.com/Capgemini/powerapps-specflow-bindings/issues/185";

const unmodelledColumn = (table: string, column: string) => ({
  code: "0x80060890",
  message: `The Dataverse sandbox does not support the column '${column}' of the table '${table}' (Dataverse has it; the sandbox does not store it).`,
});

/** The transport answers the raw body; the Web API's `error` object from it. */
const errorOf = (answer: { body?: string }): unknown => (JSON.parse(answer.body ?? "{}") as { error?: unknown }).error;

let dv: ConformanceSandbox;
let accountId: string;
beforeAll(async () => {
  dv = await startConformanceSandbox();
  accountId = await dv.create("accounts", { name: "Alpha Oy" });
});
afterAll(() => dv.server.close());

describe("columns on create and update", () => {
  test(`an unknown property on create: 400 0x0 "Invalid property 'Name' was found in entity …" (${TROUBLESHOOT})`, async () => {
    const answer = await dv.send("POST", "accounts", {}, { Name: "Account name" });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toEqual({
      code: "0x0",
      message:
        "An error occurred while validating input parameters: Microsoft.Crm.CrmException: Invalid property 'Name' was found in entity 'Microsoft.Dynamics.CRM.account'. ---> Microsoft.OData.ODataException: Does not support untyped value in non-open type.",
    });
  });

  test(`a published column the sandbox does not store, creditlimit (Money) on create: 501 naming it (${ACCOUNT})`, async () => {
    const answer = await dv.send("POST", "accounts", {}, { name: "Beta Oy", creditlimit: 1000 });
    expect(answer.status).toBe(501);
    expect(errorOf(answer)).toEqual(unmodelledColumn("account", "creditlimit"));
    // The library surfaces the Web API's error object as is.
    await expect(dv.call({ action: "POST", path: "accounts", data: { name: "Beta Oy", creditlimit: 1000 } })).rejects.toMatchObject(
      unmodelledColumn("account", "creditlimit"),
    );
  });

  test(`update: accountcategorycode is 501, an unknown name the same 400 as on create (${ACCOUNT}, ${TROUBLESHOOT})`, async () => {
    const unmodelled = await dv.send("PATCH", `accounts(${accountId})`, {}, { accountcategorycode: 1 });
    expect(unmodelled.status).toBe(501);
    expect(errorOf(unmodelled)).toEqual(unmodelledColumn("account", "accountcategorycode"));
    const unknown = await dv.send("PATCH", `accounts(${accountId})`, {}, { nosuchcolumn: 1 });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown)).toMatchObject({ code: "0x0", message: expect.stringContaining("Invalid property 'nosuchcolumn' was found in entity 'Microsoft.Dynamics.CRM.account'.") });
  });
});

describe("columns in query options and FetchXML", () => {
  test(`$select of an unknown property: 400 0x0 "Could not find a property named 'Name' …" (${TROUBLESHOOT})`, async () => {
    const answer = await dv.send("GET", "accounts?$select=Name");
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toEqual({ code: "0x0", message: "Could not find a property named 'Name' on type 'Microsoft.Dynamics.CRM.account'." });
  });

  test(`$select, $filter, $orderby, $expand and a property path on published columns the sandbox does not store: 501 naming each (${ACCOUNT})`, async () => {
    for (const [query, column] of [
      ["$select=name,creditlimit", "creditlimit"],
      ["$filter=accountcategorycode eq 1", "accountcategorycode"],
      ["$orderby=revenue desc", "revenue"],
      ["$select=_preferredsystemuserid_value", "preferredsystemuserid"],
      ["$expand=preferredsystemuserid($select=fullname)", "preferredsystemuserid"],
    ]) {
      const answer = await dv.send("GET", `accounts?${query}`);
      expect([query, answer.status]).toEqual([query, 501]);
      expect(errorOf(answer)).toEqual(unmodelledColumn("account", column));
    }
    const property = await dv.send("GET", `accounts(${accountId})/creditlimit`);
    expect(property.status).toBe(501);
    expect(errorOf(property)).toEqual(unmodelledColumn("account", "creditlimit"));
    const unknown = await dv.send("GET", "accounts?$filter=nosuch eq 1");
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown)).toEqual({ code: "0x0", message: "Could not find a property named 'nosuch' on type 'Microsoft.Dynamics.CRM.account'." });
  });

  test(`FetchXML naming a published column the sandbox does not store, or a standard table it does not model: 501 (${ACCOUNT}, ${QUOTE})`, async () => {
    const column = `<fetch><entity name="account"><attribute name="name" /><attribute name="creditlimit" /></entity></fetch>`;
    const byColumn = await dv.send("GET", `accounts?fetchXml=${encodeURIComponent(column)}`);
    expect(byColumn.status).toBe(501);
    expect(errorOf(byColumn)).toEqual(unmodelledColumn("account", "creditlimit"));
    const table = `<fetch><entity name="account"><attribute name="name" /><link-entity name="quote" from="customerid" to="accountid"><attribute name="name" /></link-entity></entity></fetch>`;
    const byTable = await dv.send("GET", `accounts?fetchXml=${encodeURIComponent(table)}`);
    expect(byTable.status).toBe(501);
    expect(errorOf(byTable)).toMatchObject({ code: "0x80060890", message: expect.stringContaining("the table 'quote' (entity set 'quotes'") });
  });
});

describe("tables and messages", () => {
  test(`an unknown segment stays Dataverse's 404 "Resource not found for the segment 'Account'." (${TROUBLESHOOT})`, async () => {
    const answer = await dv.send("GET", "Account");
    expect(answer.status).toBe(404);
    expect(errorOf(answer)).toEqual({ code: "0x8006088a", message: "Resource not found for the segment 'Account'." });
  });

  test(`a standard table the sandbox does not model is a 501 naming it, never a 404 (${QUOTE})`, async () => {
    for (const path of ["quotes", "quotes?$select=name", `quotes(${accountId})`]) {
      const answer = await dv.send("GET", path);
      expect([path, answer.status]).toEqual([path, 501]);
      expect(errorOf(answer)).toEqual({
        code: "0x80060890",
        message: "The Dataverse sandbox does not support the table 'quote' (entity set 'quotes'; Dataverse has it, the sandbox does not model it).",
      });
    }
    const definition = await dv.send("GET", "EntityDefinitions(LogicalName='quote')");
    expect(definition.status).toBe(501);
  });

  test(`unbound and bound Dataverse messages the sandbox does not run are 501 naming them (${FUNCTIONS}, ${CLOSE_INCIDENT})`, async () => {
    const message = (name: string) => ({
      code: "0x80060890",
      message: `The Dataverse sandbox does not support the message '${name}' (a Dataverse action or function the sandbox does not run).`,
    });
    const target = encodeURIComponent(JSON.stringify({ "@odata.id": `accounts(${accountId})` }));
    const rollup = await dv.send("GET", `CalculateRollupField(Target=@t,FieldName=@f)?@t=${target}&@f='openrevenue'`);
    expect(rollup.status).toBe(501);
    expect(errorOf(rollup)).toEqual(message("CalculateRollupField"));
    const count = await dv.send("GET", `RetrieveTotalRecordCount(EntityNames=@p)?@p=${encodeURIComponent('["account"]')}`);
    expect(errorOf(count)).toEqual(message("RetrieveTotalRecordCount"));
    const close = await dv.send("POST", "Microsoft.Dynamics.CRM.CloseIncident", {}, { IncidentResolution: {}, Status: 5 });
    expect(close.status).toBe(501);
    expect(errorOf(close)).toEqual(message("CloseIncident"));
    const bound = await dv.send("POST", `accounts(${accountId})/Microsoft.Dynamics.CRM.Merge`, {}, {});
    expect(bound.status).toBe(501);
    expect(errorOf(bound)).toEqual(message("Merge"));
  });

  test(`a function called with the wrong method: 404 "No HTTP resource was found that matches the request URI" (${TROUBLESHOOT})`, async () => {
    const answer = await dv.send("POST", "WhoAmI", {}, {});
    expect(answer.status).toBe(404);
    expect(errorOf(answer)).toEqual({ code: "", message: `No HTTP resource was found that matches the request URI '${dv.server.apiUrl}WhoAmI'.` });
  });
});

describe("Boolean defaults", () => {
  test(`a note created without isdocument reads back its published default, false (${ANNOTATION})`, async () => {
    const noteId = await dv.create("annotations", { subject: "Call", notetext: "Called the partner.", "objectid_account@odata.bind": `/accounts(${accountId})` });
    const note = await dv.call({ action: "GET", path: `annotations(${noteId})`, options: "$select=isdocument,subject" });
    expect(note.data).toMatchObject({ isdocument: false, subject: "Call" });
    const attachment = await dv.create("annotations", { subject: "File", isdocument: true, "objectid_account@odata.bind": `/accounts(${accountId})` });
    expect((await dv.call({ action: "GET", path: `annotations(${attachment})`, options: "$select=isdocument" })).data.isdocument).toBe(true);
  });
});

describe("annotations in request bodies", () => {
  test(`@odata.bind and @odata.type of the set's own type are honoured (${ASSOCIATE})`, async () => {
    const id = await dv.create("contacts", {
      "@odata.type": "Microsoft.Dynamics.CRM.contact",
      lastname: "Virtanen",
      "parentcustomerid_account@odata.bind": `/accounts(${accountId})`,
    });
    const contact = await dv.call({ action: "GET", path: `contacts(${id})`, options: "$select=lastname,_parentcustomerid_value" });
    expect(contact.data).toMatchObject({ lastname: "Virtanen", _parentcustomerid_value: accountId });
  });

  test(`a bind to a navigation property the type lacks: the payload error of the troubleshooting article (${TROUBLESHOOT})`, async () => {
    const answer = await dv.send("POST", "contacts", {}, { firstname: "test", lastname: "contact", "parentcustomerid@odata.bind": `accounts(${accountId})` });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({
      code: "0x80048d19",
      message: expect.stringContaining("An undeclared property 'parentcustomerid' which only has property annotations in the payload but no property value was found in the payload."),
    });
  });

  test(`a bind to a published lookup the sandbox does not store is a 501 naming the column (${ACCOUNT})`, async () => {
    const answer = await dv.send("POST", "accounts", {}, { name: "Gamma Oy", "preferredsystemuserid@odata.bind": "/systemusers(6f0e2c4a-0000-4000-8000-000000000001)" });
    expect(answer.status).toBe(501);
    expect(errorOf(answer)).toEqual(unmodelledColumn("account", "preferredsystemuserid"));
  });

  test(`an instance annotation name without a period is Dataverse's own 400 (${ANNOTATION_NAME})`, async () => {
    const answer = await dv.send("POST", "contacts", {}, { firstname: "John", lastname: "Smith", "@logicalName": "contact" });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({
      code: "0x80048d19",
      message: expect.stringContaining(
        "InnerException : System.ArgumentException: 'logicalName' is an invalid instance annotation name. An instance annotation name must contain a period that is not at the start or end of the name.",
      ),
    });
  });

  test("other annotations (a FormattedValue sent back, @odata.etag) are refused by name, nothing is written", async () => {
    for (const key of ["name@OData.Community.Display.V1.FormattedValue", "@odata.etag"]) {
      const answer = await dv.send("POST", "accounts", {}, { name: "Delta Oy", [key]: "x" });
      expect([key, answer.status]).toEqual([key, 501]);
      expect(errorOf(answer)).toEqual({
        code: "0x80060890",
        message: `The Dataverse sandbox does not support the annotation '${key}' in a request body (what Dataverse does with it there is not modelled).`,
      });
    }
    const written = await dv.call({ action: "GET", path: "accounts", options: "$select=name&$filter=name eq 'Delta Oy'" });
    expect(written.data.value).toEqual([]);
  });
});
