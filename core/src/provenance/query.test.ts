import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { validateXML } from "xmllint-wasm";
import { AccountColumns, ContactColumns, LeadColumns, OpportunityColumns, ProspectStatus } from "../columns";
import { buildProvenanceFetchXml, parseGuid, parseProvenanceRows, ProvenanceFields, provenanceQueryOptions } from "./query";

const leadId = "8d1f0b7e-3c4a-4f5e-9a6b-7c8d9e0f1a2b";

describe("provenance query", () => {
  it("reads the lead, its creator, its opportunity and that opportunity's account and contact in one FetchXML", () => {
    const doc = new DOMParser().parseFromString(buildProvenanceFetchXml(`{${leadId.toUpperCase()}}`), "text/xml");
    const entity = doc.getElementsByTagName("entity")[0];
    expect(entity.getAttribute("name")).toBe("lead");
    const condition = doc.getElementsByTagName("condition")[0];
    expect([condition.getAttribute("attribute"), condition.getAttribute("operator"), condition.getAttribute("value")]).toEqual(["leadid", "eq", leadId]);
    const links = Array.from(doc.getElementsByTagName("link-entity")).map((l) =>
      [l.getAttribute("name"), l.getAttribute("from"), l.getAttribute("to"), l.getAttribute("link-type")].join(" "),
    );
    expect(links).toEqual([
      "systemuser systemuserid createdby outer",
      "opportunity opportunityid qualifyingopportunityid outer",
      "account accountid parentaccountid outer",
      "contact contactid parentcontactid outer",
    ]);
    const leadColumns = Array.from(entity.getElementsByTagName("attribute"))
      .filter((a) => a.parentNode === entity)
      .map((a) => a.getAttribute("name"));
    expect(leadColumns).toEqual(expect.arrayContaining(["msdyn_b2bcommerceprospect", "msdyn_prospectid", "msdyn_b2bprospectstatus", "msdyn_retailchannel", "createdby"]));
  });

  it("reads every snapshot field from the column core names for it", () => {
    const named = { lead: LeadColumns, opportunity: OpportunityColumns, account: AccountColumns, contact: ContactColumns } as const;
    for (const [record, fields] of Object.entries(ProvenanceFields)) {
      const columns: Record<string, string> = named[record as keyof typeof named];
      for (const [field, spec] of Object.entries(fields)) {
        // AccountColumns and ContactColumns name only what other parts use; createdon is the platform's on every table.
        const expected = columns[field] ?? (field === "createdOn" ? "createdon" : undefined);
        expect({ record, field, column: spec[0] }).toEqual({ record, field, column: expected });
      }
    }
  });

  const fetchXsd = resolve(__dirname, "../../../../shared/reference/schemas/libxml2-compat/Fetch.xsd");
  (existsSync(fetchXsd) ? it : it.skip)("is valid against Microsoft's Fetch.xsd (skipped when ../shared/reference is absent)", async () => {
    const result = await validateXML({
      xml: [{ fileName: "provenance.fetch.xml", contents: buildProvenanceFetchXml(leadId) }],
      schema: [{ fileName: "Fetch.xsd", contents: readFileSync(fetchXsd, "utf8") }],
    });
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  });

  it("refuses anything but a GUID as the lead id", () => {
    expect(() => buildProvenanceFetchXml(`${leadId}" operator="ne`)).toThrow("not a GUID");
    expect(parseGuid("not-a-guid")).toBeNull();
    expect(parseGuid(` {${leadId.toUpperCase()}} `)).toBe(leadId);
  });

  it("passes the FetchXML URL-encoded as the fetchXml option", () => {
    const options = provenanceQueryOptions(leadId);
    expect(options.startsWith("?fetchXml=%3Cfetch")).toBe(true);
    expect(decodeURIComponent(options.slice("?fetchXml=".length))).toBe(buildProvenanceFetchXml(leadId));
  });

  it("turns a Web API row (annotations, aliased link columns) into records", () => {
    const records = parseProvenanceRows([
      {
        "@odata.etag": 'W/"1"',
        leadid: leadId,
        msdyn_b2bcommerceprospect: true,
        msdyn_prospectid: "PR-1",
        msdyn_b2bprospectstatus: ProspectStatus.Pending,
        companyname: "<b>Evil</b> Oy",
        fullname: "Aino",
        _msdyn_retailchannel_value: "aaaaaaaa-0000-4000-8000-000000000001",
        "_msdyn_retailchannel_value@OData.Community.Display.V1.FormattedValue": "B2B site",
        "_msdyn_retailchannel_value@Microsoft.Dynamics.CRM.lookuplogicalname": "msdyn_retailchannel",
        statecode: 1,
        statuscode: 3,
        createdon: "2026-03-02T09:00:00Z",
        _createdby_value: "aaaaaaaa-0000-4000-8000-000000000002",
        "_createdby_value@OData.Community.Display.V1.FormattedValue": "Dual-write",
        "creator.applicationid": "aaaaaaaa-0000-4000-8000-000000000003",
        modifiedon: "2026-03-02T10:00:00Z",
        "opp.opportunityid": "aaaaaaaa-0000-4000-8000-000000000004",
        "opp.name": "Deal",
        "opp.statecode": 0,
        "opp.createdon": "2026-03-02T10:00:00Z",
        "acct.accountid": "aaaaaaaa-0000-4000-8000-000000000005",
        "acct.accountnumber": "CUS-1",
        "acct.customertypecode": 3,
        "cont.contactid": "aaaaaaaa-0000-4000-8000-000000000006",
        "cont.msdyn_sellable": false,
      },
    ]);
    expect(records).not.toBeNull();
    expect(records!.lead).toMatchObject({
      id: leadId,
      isCommerceB2BProspect: true,
      prospectStatus: ProspectStatus.Pending,
      companyName: "<b>Evil</b> Oy",
      retailChannel: { entityType: "msdyn_retailchannel", name: "B2B site" },
      createdBy: { name: "Dual-write" },
      createdByApplicationUser: true,
      createdOn: new Date("2026-03-02T09:00:00Z"),
    });
    expect(records!.opportunity).toMatchObject({ name: "Deal", stateCode: 0, actualCloseDate: null });
    expect(records!.account).toMatchObject({ accountNumber: "CUS-1", customerTypeCode: 3 });
    expect(records!.contact).toMatchObject({ contactPersonId: null, sellable: false, fullName: null });
  });

  it("leaves out the records an outer link did not find, and knows a creator without applicationid is a person", () => {
    const records = parseProvenanceRows([{ leadid: leadId, msdyn_b2bcommerceprospect: false, _createdby_value: leadId, msdyn_b2bprospectstatus: 5 }]);
    expect(records).toMatchObject({ opportunity: null, account: null, contact: null });
    expect(records!.lead).toMatchObject({ isCommerceB2BProspect: false, prospectStatus: null, createdByApplicationUser: false });
  });

  it("reads a channel kept as text as well as the lookup", () => {
    expect(parseProvenanceRows([{ leadid: leadId, msdyn_retailchannel: "OU-000042" }])!.lead.retailChannel).toEqual({ entityType: "", id: "", name: "OU-000042" });
    expect(parseProvenanceRows([{ leadid: leadId }])!.lead.retailChannel).toBeNull();
  });

  it("returns null when the lead is not in the answer (deleted or not readable)", () => {
    expect(parseProvenanceRows([])).toBeNull();
    expect(parseProvenanceRows([{ name: "no id" }])).toBeNull();
  });
});
