/**
 * Request bodies: names the type lacks get Dataverse's texts ("Troubleshoot Dataverse Web API client
 * errors"), columns Dataverse has but the sandbox does not store a 501, and annotations are honoured
 * (`@odata.bind`, `@odata.type`), refused as Dataverse refuses them, or refused by name — never dropped.
 */
import type { DataverseError } from "../errors";
import { entityByLogicalName, type EntityMetadata } from "../metadata";
import { deserializeRecord } from "./deserialize";

const account = entityByLogicalName("account") as EntityMetadata;
const contact = entityByLogicalName("contact") as EntityMetadata;

function refusal(entity: EntityMetadata, body: Record<string, unknown>): { status: number; code: string; message: string } | undefined {
  try {
    deserializeRecord(entity, body);
    return undefined;
  } catch (error) {
    const e = error as DataverseError;
    return { status: e.status, code: e.code, message: e.message };
  }
}

test("a property the type does not have: Dataverse's 'Invalid property … was found in entity …', code 0x0", () => {
  expect(refusal(account, { name: "A", Name: "B" })).toEqual({
    status: 400,
    code: "0x0",
    message:
      "An error occurred while validating input parameters: Microsoft.Crm.CrmException: Invalid property 'Name' was found in entity 'Microsoft.Dynamics.CRM.account'. ---> Microsoft.OData.ODataException: Does not support untyped value in non-open type.",
  });
});

test("a column Dataverse publishes but the sandbox does not store: 501 naming table and column", () => {
  for (const [body, column] of [
    [{ creditlimit: 1000 }, "creditlimit"],
    [{ accountcategorycode: 1 }, "accountcategorycode"],
    [{ _preferredsystemuserid_value: "6f0e2c4a-0000-4000-8000-000000000001" }, "preferredsystemuserid"],
    [{ "preferredsystemuserid@odata.bind": "/systemusers(6f0e2c4a-0000-4000-8000-000000000001)" }, "preferredsystemuserid"],
  ] as const) {
    expect(refusal(account, body)).toEqual({
      status: 501,
      code: "0x80060890",
      message: `The Dataverse sandbox does not support the column '${column}' of the table 'account' (Dataverse has it; the sandbox does not store it).`,
    });
  }
});

test("a bind to a navigation property that exists nowhere: the payload error Dataverse answers", () => {
  // The exact case of the troubleshooting article: parentcustomerid is the column, parentcustomerid_account the navigation property.
  expect(refusal(contact, { lastname: "X", "parentcustomerid@odata.bind": "accounts(a779956b-d748-ed11-bb44-6045bd01152a)" })).toMatchObject({
    status: 400,
    code: "0x80048d19",
    message: expect.stringContaining(
      "InnerException : Microsoft.OData.ODataException: An undeclared property 'parentcustomerid' which only has property annotations in the payload but no property value was found in the payload.",
    ),
  });
});

test("@odata.type of the set's own type is honoured; another type is refused by name", () => {
  expect(deserializeRecord(account, { "@odata.type": "Microsoft.Dynamics.CRM.account", name: "A" })).toEqual({ name: "A" });
  expect(deserializeRecord(account, { "@odata.type": "#Microsoft.Dynamics.CRM.account", name: "A" })).toEqual({ name: "A" });
  expect(refusal(account, { "@odata.type": "Microsoft.Dynamics.CRM.contact", name: "A" })).toMatchObject({
    status: 501,
    message: expect.stringContaining("'@odata.type' naming 'Microsoft.Dynamics.CRM.contact'"),
  });
});

test("an instance annotation name without an inner period: Dataverse's payload error (System.ArgumentException)", () => {
  expect(refusal(account, { name: "A", "@logicalName": "account" })).toEqual({
    status: 400,
    code: "0x80048d19",
    message:
      "Error identified in Payload provided by the user for Entity :'accounts', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ---->  InnerException : System.ArgumentException: 'logicalName' is an invalid instance annotation name. An instance annotation name must contain a period that is not at the start or end of the name.",
  });
});

test("any other annotation in a body is a 501 naming it, never silently dropped", () => {
  for (const key of ["name@OData.Community.Display.V1.FormattedValue", "@odata.etag", "@odata.context", "@Microsoft.Dynamics.CRM.totalrecordcount"]) {
    expect(refusal(account, { name: "A", [key]: "x" })).toEqual({
      status: 501,
      code: "0x80060890",
      message: `The Dataverse sandbox does not support the annotation '${key}' in a request body (what Dataverse does with it there is not modelled).`,
    });
  }
});

test("stored columns and binds still read as before", () => {
  expect(deserializeRecord(contact, { lastname: "K", "parentcustomerid_account@odata.bind": "/accounts(a779956b-d748-ed11-bb44-6045bd01152a)" })).toEqual({
    lastname: "K",
    parentcustomerid: { logicalName: "account", id: "a779956b-d748-ed11-bb44-6045bd01152a" },
  });
});
