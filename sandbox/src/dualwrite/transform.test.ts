import { ProspectStatus } from "../../../core/src";
import { CommerceHq } from "../commerce/commerceHq";
import { financeToCustomer, financeToProspect, prospectToFinance } from "./financeEntities";
import { customersV3AccountsMap, customersV3ContactsMap, prospectsLeadsMap } from "./maps";
import { dataverseToFinance, financeToDataverse, selectColumns } from "./transform";

function pendingProspect() {
  const hq = new CommerceHq({ dbFile: ":memory:", now: () => new Date("2026-03-02T10:00:00.000Z") });
  hq.submitSignup(
    { companyName: "Contoso", firstName: "Aino", lastName: "Virtanen", email: "aino@contoso.example", numberOfEmployees: 12, channel: "B2B-FI" },
    1033,
  );
  const [prospect] = hq.runJobs().prospects;
  hq.close();
  return prospect;
}

describe("dual-write map transforms", () => {
  it("Prospects (leads) turns a Commerce prospect into the lead columns, lookups and choice values", () => {
    const writes = financeToDataverse(prospectsLeadsMap, prospectToFinance(pendingProspect()));
    const columns = Object.fromEntries(writes.filter((w) => w.kind === "column").map((w) => [w.column, w.kind === "column" ? w.value : null]));
    expect(columns).toMatchObject({
      msdyn_prospectid: "PRO-000001",
      companyname: "Contoso",
      firstname: "Aino",
      lastname: "Virtanen",
      emailaddress1: "aino@contoso.example",
      numberofemployees: 12,
      telephone1: null,
      msdyn_retailchannel: "000151",
      msdyn_b2bcommerceprospect: true,
      msdyn_b2bprospectstatus: ProspectStatus.Pending,
    });
    expect(writes.filter((w) => w.kind === "lookup")).toEqual([
      { kind: "lookup", column: "transactioncurrencyid", keyColumn: "isocurrencycode", keyValue: "EUR" },
      { kind: "lookup", column: "msdyn_customergroupid", keyColumn: "msdyn_groupid", keyValue: "30" },
    ]);
  });

  it("carries the lead's prospect status back to Commerce and refuses unknown choice values", () => {
    const lead: Record<string, unknown> = {
      msdyn_prospectid: "PRO-000001",
      companyname: "Contoso Oy",
      firstname: "Aino",
      lastname: "Virtanen",
      emailaddress1: "aino@contoso.example",
      msdyn_b2bcommerceprospect: true,
      msdyn_b2bprospectstatus: ProspectStatus.Approved,
      "transactioncurrencyid.isocurrencycode": "EUR",
    };
    const finance = dataverseToFinance(prospectsLeadsMap, (column) => (lead[column] ?? null) as string | number | boolean | null);
    expect(finance).toMatchObject({ PROSPECTID: "PRO-000001", COMPANYNAME: "Contoso Oy", B2BPROSPECTSTATUS: "Approved", ISB2BPROSPECT: "Yes", CURRENCYCODE: "EUR" });
    expect(financeToProspect(finance)).toMatchObject({ status: "Approved", changes: { companyName: "Contoso Oy" } });
    expect(() => financeToProspect({ ...finance, COMPANYNAME: null })).toThrow("COMPANYNAME cannot be empty");
    expect(() =>
      dataverseToFinance(prospectsLeadsMap, (column) => (column === "msdyn_b2bprospectstatus" ? 1 : null)),
    ).toThrow("B2BPROSPECTSTATUS: the value 1 has no entry in the value map.");
  });

  it("Customers V3 reads accounts as organizations and sellable contacts as persons, keyed by the customer account", () => {
    const account = dataverseToFinance(customersV3AccountsMap, (c) => ({ name: "Contoso", accountnumber: null, customertypecode: 3 })[c] ?? null);
    expect(financeToCustomer(account)).toEqual({
      partyType: "Organization",
      accountNumber: null,
      fields: expect.objectContaining({ organizationName: "Contoso" }),
    });
    const contact = dataverseToFinance(customersV3ContactsMap, (c) => ({ lastname: "Virtanen", msdyn_contactpersonid: "CUS-000002" })[c] ?? null);
    expect(financeToCustomer(contact)).toMatchObject({ partyType: "Person", accountNumber: "CUS-000002", fields: { lastName: "Virtanen" } });
    // The account map also writes the Customer relationship type to Dataverse.
    expect(financeToDataverse(customersV3AccountsMap, {})).toContainEqual({ kind: "column", column: "customertypecode", value: 3 });
    expect(selectColumns(customersV3AccountsMap)).toEqual(expect.arrayContaining(["accountid", "modifiedon", "accountnumber", "_transactioncurrencyid_value"]));
  });
});
