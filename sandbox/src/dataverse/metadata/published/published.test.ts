/**
 * The transcribed reference pages agree with themselves and with what the sandbox stores: every stored
 * column of these tables is a published column of a matching type (or a named sandbox/dual-write
 * extra), the unmodelled-table list never shadows a modelled set, and no message the sandbox runs is
 * listed as unmodelled.
 */
import { allEntities, entityByLogicalName, type AttributeMetadata } from "../index";
import { publishedColumn, publishedTable, publishedTables, unmodelledTableBySetName, unmodelledTableByLogicalName, isUnmodelledMessage, type PublishedType } from "./index";
import { unmodelledStandardTables } from "./standardTables";

/** Stored columns that are not on the Microsoft reference pages, and why. */
const NOT_ON_THE_REFERENCE_PAGES: Record<string, string[]> = {
  // Dual-write's Prospects (leads) and Customers V3 maps (ARCHITECTURE.md, "Names"): the dual-write solutions add them.
  lead: ["msdyn_prospectid", "msdyn_retailchannel", "msdyn_b2bcommerceprospect", "msdyn_b2bprospectstatus", "msdyn_customergroupid"],
  account: ["msdyn_customergroupid"],
  contact: ["msdyn_contactpersonid", "msdyn_sellable"],
  // Where the sandbox keeps an imported role's privileges (README, "Security roles and privileges").
  role: ["privilegesxml"],
};

const COMPATIBLE: Record<AttributeMetadata["type"], PublishedType[]> = {
  uniqueidentifier: ["Uniqueidentifier"],
  string: ["String", "Memo"],
  memo: ["Memo", "String"],
  integer: ["Integer"],
  bigint: ["BigInt"],
  decimal: ["Decimal"],
  money: ["Money"],
  boolean: ["Boolean"],
  datetime: ["DateTime"],
  picklist: ["Picklist"],
  state: ["State"],
  status: ["Status"],
  entityname: ["EntityName"],
  lookup: ["Lookup", "Customer", "Owner"],
};

test("all nine tables are transcribed, each with its primary key and entity set name as the sandbox has them", () => {
  expect(publishedTables.map((t) => t.logicalName).sort()).toEqual(
    ["account", "annotation", "contact", "lead", "opportunity", "opportunityclose", "role", "systemuser", "team"],
  );
  for (const table of publishedTables) {
    const entity = entityByLogicalName(table.logicalName);
    expect(entity?.entitySetName).toBe(table.entitySetName);
    expect(table.columns.get(entity!.primaryIdAttribute)?.type).toBe("Uniqueidentifier");
    expect(table.sources.every((s) => s.startsWith("https://learn.microsoft.com/"))).toBe(true);
  }
});

test("what the pages say about a few columns: types, access and Boolean defaults", () => {
  expect(publishedColumn("account", "creditlimit")).toEqual({
    logicalName: "creditlimit",
    type: "Money",
    validForCreate: true,
    validForUpdate: true,
    validForRead: true,
  });
  expect(publishedColumn("account", "statecode")).toMatchObject({ validForCreate: false, validForUpdate: true });
  expect(publishedColumn("lead", "donotemail")).toMatchObject({ type: "Boolean", defaultValue: false });
  expect(publishedColumn("lead", "followemail")).toMatchObject({ type: "Boolean", defaultValue: true });
  expect(publishedColumn("lead", "isprivate")).toMatchObject({ validForCreate: false, validForUpdate: false, validForRead: false });
  expect(publishedColumn("contact", "address3_city")?.type).toBe("String");
  expect(publishedColumn("annotation", "isdocument")?.defaultValue).toBe(false);
  expect(publishedColumn("lead", "nosuchcolumn")).toBeUndefined();
  expect(publishedTable("savedquery")).toBeUndefined();
});

test("every stored column of these tables is a published column of a compatible type, or a named extra", () => {
  for (const table of publishedTables) {
    const entity = entityByLogicalName(table.logicalName)!;
    const extras = NOT_ON_THE_REFERENCE_PAGES[table.logicalName] ?? [];
    for (const attribute of entity.attributes) {
      const column = table.columns.get(attribute.logicalName);
      if (!column) {
        expect(extras).toContain(attribute.logicalName);
        continue;
      }
      expect([table.logicalName, attribute.logicalName, COMPATIBLE[attribute.type]]).toEqual(
        expect.arrayContaining([table.logicalName, attribute.logicalName, expect.arrayContaining([column.type])]),
      );
      if (attribute.notValidForRead) expect(column.validForRead).toBe(false);
    }
    for (const extra of extras) expect(table.columns.has(extra)).toBe(false);
  }
});

test("the standard tables: unique names, and one the sandbox models is served rather than refused", () => {
  expect(new Set(unmodelledStandardTables.map((t) => t.entitySetName)).size).toBe(unmodelledStandardTables.length);
  expect(new Set(unmodelledStandardTables.map((t) => t.logicalName)).size).toBe(unmodelledStandardTables.length);
  for (const standard of unmodelledStandardTables) {
    const modelled = allEntities.some((e) => e.entitySetName === standard.entitySetName || e.logicalName === standard.logicalName);
    expect(unmodelledTableBySetName(standard.entitySetName) === undefined).toBe(modelled);
    expect(unmodelledTableByLogicalName(standard.logicalName) === undefined).toBe(modelled);
  }
  expect(unmodelledTableBySetName("quotes")).toEqual({ logicalName: "quote", entitySetName: "quotes" });
  expect(unmodelledTableByLogicalName("incident")?.entitySetName).toBe("incidents");
  expect(unmodelledTableBySetName("Account")).toBeUndefined();
});

test("messages the sandbox runs are not listed as unmodelled; the ones it does not run are", () => {
  for (const served of ["WhoAmI", "QualifyLead", "WinOpportunity", "LoseOpportunity", "ImportSolution", "ImportSolutionAsync", "PublishXml", "PublishAllXml"]) {
    expect(isUnmodelledMessage(served)).toBe(false);
  }
  for (const name of ["CalculateRollupField", "RetrieveTotalRecordCount", "CloseIncident", "Merge", "AddMembersTeam"]) {
    expect(isUnmodelledMessage(name)).toBe(true);
  }
});
