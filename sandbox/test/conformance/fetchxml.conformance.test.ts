/**
 * FetchXML through the Web API against what Microsoft's pages show, driven by dataverse-ify's Node client
 * (its Xrm.WebApi `retrieveMultipleRecords`, which reads the paging cookie, morerecords and total count
 * annotations itself, and its request sender). Sources, cited per case:
 * - "Page results using FetchXml": https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/page-results
 * - "Count rows using FetchXml": https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/count-rows
 * - "Aggregate data using FetchXml": https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/aggregate-data
 * - "Use FetchXml with Web API": https://learn.microsoft.com/power-apps/developer/data-platform/webapi/use-fetchxml-web-api
 */
import { randomUUID } from "node:crypto";
import { NodeWebApi } from "dataverse-ify/lib/webapi/node/NodeWebApi";
import type { NodeWebApiRequest } from "dataverse-ify/lib/webapi/node/NodeWebApiRequest";
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { entityByLogicalName } from "../../src/dataverse/metadata";
import { RecordStore, toDataverseDate } from "../../src/dataverse/storage/records";
import { SandboxUsers } from "../../src/dataverse/users";
import { startConformanceSandbox, type ConformanceSandbox } from "./independentClient";

const PAGE_RESULTS = "https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/page-results";
const COUNT_ROWS = "https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/count-rows";
const AGGREGATE = "https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/aggregate-data";
const WEB_API = "https://learn.microsoft.com/power-apps/developer/data-platform/webapi/use-fetchxml-web-api";
const FV = "@OData.Community.Display.V1.FormattedValue";

/** What dataverse-ify's retrieveMultipleRecords returns beyond Xrm's documented `entities`/`nextLink`. */
interface RetrieveMultipleResult {
  entities: Record<string, unknown>[];
  fetchXmlPagingCookie?: string;
  moreRecords?: boolean;
  totalRecordCount?: number;
  totalRecordCountExceeded?: boolean;
}

let dv: ConformanceSandbox;
let webApi: NodeWebApi;
const LEADS = 23;

const retrieve = (fetchXml: string) => webApi.retrieveMultipleRecords("lead", `?fetchXml=${encodeURIComponent(fetchXml)}`) as Promise<unknown> as Promise<RetrieveMultipleResult>;

/** Learn's RetrieveAll (Web API tab): set page and count, then per page take the cookie, decode it twice, set it, increment page. */
async function retrieveAll(fetchXml: string, pageSize: number): Promise<{ pages: RetrieveMultipleResult[]; rows: Record<string, unknown>[] }> {
  const doc = new DOMParser().parseFromString(fetchXml, "text/xml");
  const fetch = doc.documentElement as unknown as { setAttribute(name: string, value: string): void };
  const pages: RetrieveMultipleResult[] = [];
  for (let page = 1; page < 50; page++) {
    fetch.setAttribute("page", String(page));
    fetch.setAttribute("count", String(pageSize));
    const result = await retrieve(new XMLSerializer().serializeToString(doc));
    pages.push(result);
    if (!result.moreRecords) break;
    const cookie = /pagingcookie="([^"]*)"/.exec(String(result.fetchXmlPagingCookie))?.[1];
    if (cookie === undefined) throw new Error(`no pagingcookie in ${String(result.fetchXmlPagingCookie)}`);
    fetch.setAttribute("paging-cookie", decodeURIComponent(decodeURIComponent(cookie)));
  }
  return { pages, rows: pages.flatMap((p) => p.entities) };
}

beforeAll(async () => {
  dv = await startConformanceSandbox();
  // Through dataverse-ify, as its README configures its Node client: environment URL, API version, token.
  webApi = new NodeWebApi(dv.server.url, "9.2");
  (webApi.getRequestImplementation() as NodeWebApiRequest).setAccessToken(SandboxUsers.admin.token);
  for (let i = 0; i < LEADS; i++) {
    // Three company names only: the order has ties, which the primary key breaks.
    await dv.create("leads", { lastname: `Lead ${i}`, companyname: ["Kahvila", "Leipomo", "Verstas"][i % 3], statuscode: i % 4 === 0 ? 2 : 1 });
  }
});
afterAll(() => dv.server.close());

describe(`paging cookies (${PAGE_RESULTS})`, () => {
  const view = `<fetch><entity name="lead"><attribute name="fullname" /><attribute name="companyname" /><order attribute="companyname" descending="true" /></entity></fetch>`;

  test("the first page carries the cookie annotation in Dataverse's form and morerecords", async () => {
    const first = await retrieve(view.replace("<fetch>", '<fetch count="5" page="1">'));
    expect(first.entities).toHaveLength(5);
    expect(first.moreRecords).toBe(true);
    expect(first.fetchXmlPagingCookie).toMatch(/^<cookie pagenumber="2" pagingcookie="%253ccookie%2520page%253d%25221%2522%253e[^"]+" istracking="False" \/>$/);
  });

  test("paging through all rows with cookies returns each row exactly once, in the order of one unpaged query; the last page has no morerecords", async () => {
    const unpaged = (await retrieve(view)).entities.map((r) => r.leadid);
    expect(unpaged).toHaveLength(LEADS);
    const { pages, rows } = await retrieveAll(view, 5);
    expect(rows.map((r) => r.leadid)).toEqual(unpaged);
    expect(pages).toHaveLength(5);
    const last = pages[pages.length - 1];
    expect(last.moreRecords).toBeUndefined();
    expect(last.fetchXmlPagingCookie).toBeUndefined();
    // FetchXML rows leave null values out (Use FetchXml with Web API).
    expect(rows.every((r) => !Object.values(r).includes(null))).toBe(true);
  });
});

describe(`the total record count (${COUNT_ROWS})`, () => {
  test("returntotalrecordcount gives @odata.count and, asked for, totalrecordcount and totalrecordcountlimitexceeded", async () => {
    const result = await retrieve(`<fetch count="5" page="1" returntotalrecordcount="true"><entity name="lead"><attribute name="fullname" /></entity></fetch>`);
    expect(result.totalRecordCount).toBe(LEADS);
    expect(result.totalRecordCountExceeded).toBe(false);
    const raw = await dv.send("GET", `leads?fetchXml=${encodeURIComponent(`<fetch count="5" returntotalrecordcount="true"><entity name="lead"><attribute name="fullname" /></entity></fetch>`)}`);
    expect((JSON.parse(raw.body ?? "{}") as Record<string, unknown>)["@odata.count"]).toBe(LEADS);
    // Not asked for, with every annotation requested: -1 and false, as Learn's responses show.
    const uncounted = await retrieve(`<fetch count="5"><entity name="lead"><attribute name="fullname" /></entity></fetch>`);
    expect([uncounted.totalRecordCount, uncounted.totalRecordCountExceeded]).toEqual([-1, false]);
  });
});

describe(`aggregates (${AGGREGATE})`, () => {
  test("count grouped by statuscode, with the statuses' formatted values", async () => {
    const result = await retrieve(`<fetch aggregate="true"><entity name="lead">
      <attribute name="statuscode" groupby="true" alias="status" /><attribute name="leadid" aggregate="count" alias="leads" />
      <attribute name="companyname" aggregate="countcolumn" distinct="true" alias="companies" /><order alias="status" /></entity></fetch>`);
    expect(result.entities).toEqual([
      { [`status${FV}`]: "Contacted", status: 2, [`leads${FV}`]: "6", leads: 6, [`companies${FV}`]: "3", companies: 3 },
      { [`status${FV}`]: "New", status: 1, [`leads${FV}`]: "17", leads: 17, [`companies${FV}`]: "3", companies: 3 },
    ]);
  });

  test("dategrouping week counts weeks from Sunday, 1 January in week 1: Learn's example dates give weeks 12 and 35", async () => {
    // Rows dated as in Learn's example, written straight to the store (the Web API sets createdon itself).
    const lead = entityByLogicalName("lead");
    if (!lead) throw new Error("no lead table");
    const store = new RecordStore(dv.server.db);
    const dated = ["2023-03-25T10:00:00Z", "2023-03-25T18:00:00Z", "2023-08-27T10:00:00Z"].map((at) => {
      const id = randomUUID();
      store.insert(lead, { leadid: id, lastname: "Dated", statecode: 0, statuscode: 1, createdon: at, modifiedon: at, versionnumber: store.nextVersion() });
      return id;
    });
    try {
      const result = await retrieve(`<fetch aggregate="true"><entity name="lead">
        <attribute name="createdon" groupby="true" dategrouping="week" alias="week" /><attribute name="leadid" aggregate="count" alias="leads" />
        <order alias="week" /><filter><condition attribute="createdon" operator="lt" value="2024-01-01" /></filter></entity></fetch>`);
      expect(result.entities.map((r) => [r.week, r.leads])).toEqual([
        [12, 2],
        [35, 1],
      ]);
    } finally {
      for (const id of dated) store.delete(lead, id);
    }
  });

  test("a fiscal date grouping, which the sandbox does not model, is a 501 naming it", async () => {
    await expect(
      retrieve(`<fetch aggregate="true"><entity name="lead"><attribute name="createdon" groupby="true" dategrouping="fiscal-period" alias="p" /><attribute name="leadid" aggregate="count" alias="n" /></entity></fetch>`),
    ).rejects.toMatchObject({ code: "0x80060890", message: expect.stringContaining("fiscal-period") });
    const raw = await dv.send("GET", `leads?fetchXml=${encodeURIComponent(`<fetch aggregate="true"><entity name="lead"><attribute name="leadid" alias="c" rowaggregate="CountChildren" /></entity></fetch>`)}`);
    expect(raw.status).toBe(501);
  });
});

describe(`limits (${COUNT_ROWS}; ${AGGREGATE}#limitations; ${WEB_API})`, () => {
  test("over 5,000 rows: totalrecordcount 5000 and limit exceeded; over 50,000 aggregated rows: AggregateQueryRecordLimit exceeded", async () => {
    // Many rows at once through the store: 50,001 creates over HTTP would be the test's whole budget.
    const lead = entityByLogicalName("lead");
    if (!lead) throw new Error("no lead table");
    const store = new RecordStore(dv.server.db);
    const owner = { logicalName: "systemuser", id: SandboxUsers.admin.id };
    const at = toDataverseDate(new Date());
    dv.server.db.transaction(() => {
      for (let i = 0; i < 50_001; i++) {
        store.insert(lead, { leadid: randomUUID(), lastname: `Bulk ${i}`, statecode: 0, statuscode: 1, ownerid: owner, createdon: at, modifiedon: at, versionnumber: store.nextVersion() });
      }
    })();
    const counted = await retrieve(`<fetch count="1" returntotalrecordcount="true"><entity name="lead"><attribute name="fullname" /></entity></fetch>`);
    expect([counted.totalRecordCount, counted.totalRecordCountExceeded]).toEqual([5000, true]);
    await expect(retrieve(`<fetch aggregate="true"><entity name="lead"><attribute name="leadid" aggregate="count" alias="n" /></entity></fetch>`)).rejects.toMatchObject({
      code: "0x8004E023",
      // dataverse-ify puts its own prefix before the Web API's message.
      message: expect.stringMatching(/AggregateQueryRecordLimit exceeded\. Cannot perform this operation\.$/),
    });
  });
});
