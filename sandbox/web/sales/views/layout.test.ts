/** @jest-environment jsdom */
import { SalesSystemViews, viewFetchXml, viewLayoutXml } from "../../../src/dataverse/storage/salesViews";
import { cellText, valueKey } from "./cellText";
import { columnLabel } from "./columnLabels";
import { pagedFetchXml, parseLayoutXml, viewOrder } from "./layout";

const SOLUTION_LAYOUT = `<grid name="resultset" jump="fullname" select="1" icon="1" preview="1"><row name="result" id="leadid"><cell name="fullname" width="200" /><cell name="companyname" width="175" /><cell name="msdyn_b2bprospectstatus" width="125" /><cell name="acct.accountnumber" width="100" /><cell name="hidden" width="50" ishidden="1" /></row></grid>`;
const FETCH = `<fetch version="1.0" output-format="xml-platform" mapping="logical"><entity name="lead"><attribute name="fullname" /><order attribute="createdon" descending="true" /><filter type="and"><condition attribute="statecode" operator="eq" value="0" /></filter></entity></fetch>`;

describe("layoutxml", () => {
  it("gives the columns in order with their widths, the id column and the jump column; hidden cells apart", () => {
    expect(parseLayoutXml(SOLUTION_LAYOUT)).toEqual({
      idColumn: "leadid",
      jump: "fullname",
      columns: [
        { name: "fullname", width: 200 },
        { name: "companyname", width: 175 },
        { name: "msdyn_b2bprospectstatus", width: 125 },
        { name: "acct.accountnumber", width: 100 },
      ],
      hiddenColumns: ["hidden"],
    });
  });

  it("reads the seeded My Open Leads layout", () => {
    const view = SalesSystemViews[0];
    expect(parseLayoutXml(viewLayoutXml(view)).columns.map((c) => c.name)).toEqual(["fullname", "companyname", "emailaddress1", "telephone1", "statuscode", "createdon"]);
    expect(viewFetchXml(view)).toContain('<condition attribute="ownerid" operator="eq-userid" />');
  });

  it("refuses layout that is not XML", () => {
    expect(() => parseLayoutXml("<grid><row>")).toThrow("The view's layoutxml is not well-formed XML.");
  });
});

describe("fetchxml paging and sorting", () => {
  it("adds count, page and the total count, keeping the view's order and filter", () => {
    const paged = new DOMParser().parseFromString(pagedFetchXml(FETCH, { page: 2, pageSize: 50 }), "text/xml");
    const fetch = paged.documentElement;
    expect([fetch.getAttribute("count"), fetch.getAttribute("page"), fetch.getAttribute("returntotalrecordcount")]).toEqual(["50", "2", "true"]);
    expect(paged.getElementsByTagName("order")[0].getAttribute("attribute")).toBe("createdon");
    expect(paged.getElementsByTagName("condition")).toHaveLength(1);
  });

  it("replaces the view's order with the column the user sorted by", () => {
    const sorted = pagedFetchXml(FETCH, { page: 1, pageSize: 50, sort: { attribute: "companyname", descending: false } });
    const orders = Array.from(new DOMParser().parseFromString(sorted, "text/xml").getElementsByTagName("order"));
    expect(orders.map((o) => [o.getAttribute("attribute"), o.getAttribute("descending")])).toEqual([["companyname", "false"]]);
    expect(viewOrder(FETCH)).toEqual({ attribute: "createdon", descending: true });
  });

  it("drops a top so the paging attributes are allowed", () => {
    const paged = pagedFetchXml(FETCH.replace("<fetch ", '<fetch top="10" '), { page: 1, pageSize: 50 });
    expect(new DOMParser().parseFromString(paged, "text/xml").documentElement.hasAttribute("top")).toBe(false);
  });
});

describe("cells", () => {
  const row = {
    fullname: "Alex Wu",
    msdyn_b2bprospectstatus: 192350000,
    "msdyn_b2bprospectstatus@OData.Community.Display.V1.FormattedValue": "Pending",
    _ownerid_value: "6f0e2c4a-0000-4000-8000-000000000003",
    "_ownerid_value@OData.Community.Display.V1.FormattedValue": "# Dual Write",
    "acct.accountnumber": "CUS-0001",
    msdyn_b2bcommerceprospect: true,
    companyname: "<img src=x onerror=alert(1)>",
  };

  it("shows formatted values, lookups by name, link-entity columns by alias and the raw text otherwise", () => {
    expect(cellText(row, "msdyn_b2bprospectstatus", 1033)).toBe("Pending");
    expect(valueKey(row, "ownerid")).toBe("_ownerid_value");
    expect(cellText(row, "ownerid", 1033)).toBe("# Dual Write");
    expect(cellText(row, "acct.accountnumber", 1033)).toBe("CUS-0001");
    expect(cellText(row, "msdyn_b2bcommerceprospect", 1035)).toBe("Kyllä");
    expect(cellText(row, "companyname", 1033)).toBe("<img src=x onerror=alert(1)>");
    expect(cellText(row, "missing", 1033)).toBe("");
  });

  it("labels columns in the user's language, falling back to the logical name", () => {
    expect(columnLabel("lead", "companyname", 1033)).toBe("Company Name");
    expect(columnLabel("lead", "companyname", 1035)).toBe("Yrityksen nimi");
    expect(columnLabel("lead", "ownerid", 1035)).toBe("Omistaja");
    expect(columnLabel("lead", "cb2b_custom", 1033)).toBe("cb2b_custom");
  });
});
