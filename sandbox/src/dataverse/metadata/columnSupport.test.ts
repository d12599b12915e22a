/** The shared "stored, unmodelled or unknown?" lookup and the published defaults a create fills in. */
import { DataverseError } from "../errors";
import { entityByLogicalName, type EntityMetadata } from "./index";
import { columnSupport, refuseUnmodelledColumn, refuseUnmodelledTable, unmodelledColumnOf, unmodelledLookupOf } from "./columnSupport";
import { applyPublishedDefaults, publishedDefaults } from "./publishedDefaults";

const table = (name: string) => entityByLogicalName(name) as EntityMetadata;

test("columnSupport: stored by the sandbox, published by Microsoft only, or nowhere", () => {
  expect(columnSupport("account", "name")).toBe("stored");
  expect(columnSupport(table("account"), "creditlimit")).toBe("unmodelled");
  expect(columnSupport("account", "accountcategorycode")).toBe("unmodelled");
  expect(columnSupport("account", "nosuchcolumn")).toBe("unknown");
  expect(columnSupport("lead", "msdyn_b2bcommerceprospect")).toBe("stored");
  // A table without a transcribed reference page knows only what it stores.
  expect(columnSupport("savedquery", "fetchxml")).toBe("stored");
  expect(columnSupport("savedquery", "nosuchcolumn")).toBe("unknown");
  expect(columnSupport("nosuchtable", "name")).toBe("unknown");
});

test("Web API names: a column, a lookup's _x_value and a lookup's navigation property", () => {
  expect(unmodelledColumnOf(table("account"), "creditlimit")).toBe("creditlimit");
  expect(unmodelledColumnOf(table("account"), "_preferredsystemuserid_value")).toBe("preferredsystemuserid");
  expect(unmodelledColumnOf(table("account"), "_creditlimit_value")).toBeUndefined(); // not a lookup
  expect(unmodelledColumnOf(table("account"), "name")).toBeUndefined(); // stored
  expect(unmodelledColumnOf(table("account"), "nosuch")).toBeUndefined();
  expect(unmodelledLookupOf(table("lead"), "campaignid")).toBe("campaignid");
  expect(unmodelledLookupOf(table("opportunityclose"), "regardingobjectid_lead")).toBe("regardingobjectid");
  expect(unmodelledLookupOf(table("lead"), "parentaccountid")).toBeUndefined(); // stored
  expect(unmodelledLookupOf(table("savedquery"), "anything")).toBeUndefined();
});

test("refusals for front-ends that name columns and tables (FetchXML): 501 naming them, nothing for unknown names", () => {
  const refusal = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      return error as DataverseError;
    }
    return undefined;
  };
  expect(refusal(() => refuseUnmodelledColumn(table("account"), "creditlimit"))).toMatchObject({
    status: 501,
    message: "The Dataverse sandbox does not support the column 'creditlimit' of the table 'account' (Dataverse has it; the sandbox does not store it).",
  });
  expect(refusal(() => refuseUnmodelledColumn(table("account"), "nosuch"))).toBeUndefined();
  expect(refusal(() => refuseUnmodelledTable("quote"))).toMatchObject({ status: 501, message: expect.stringContaining("'quote' (entity set 'quotes'") });
  expect(refusal(() => refuseUnmodelledTable("nosuchtable"))).toBeUndefined();
});

test("published defaults: the stored Boolean columns with a published DefaultValue, filled only where nothing was sent", () => {
  expect(publishedDefaults(table("annotation"))).toEqual([["isdocument", false]]);
  expect(publishedDefaults(table("systemuser"))).toEqual([["isdisabled", false]]);
  // Dual-write's msdyn_b2bcommerceprospect has no published default: it stays null.
  expect(publishedDefaults(table("lead"))).toEqual([]);
  const note: Record<string, string | boolean | null> = { subject: "x" };
  applyPublishedDefaults(table("annotation"), note);
  expect(note).toEqual({ subject: "x", isdocument: false });
  const sent: Record<string, boolean | null> = { isdocument: null };
  applyPublishedDefaults(table("annotation"), sent);
  expect(sent).toEqual({ isdocument: null });
});
