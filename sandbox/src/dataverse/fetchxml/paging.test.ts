/**
 * FetchXML paging as "Page results using FetchXml" (learn.microsoft.com/power-apps/developer/data-platform/
 * fetchxml/page-results) and "Order rows using FetchXml" (…/fetchxml/order-rows#ordering-and-paging)
 * describe it: the paging cookie annotation, keyset continuation, ties broken by the primary key,
 * nonconsecutive pages ignoring the cookie, and simple paging's 50,000-row limit.
 */
import { ANNOTATIONS, rows, startClient, type Answer, type Client } from "../test/harness";

let client: Client;
const COOKIE = "@Microsoft.Dynamics.CRM.fetchxmlpagingcookie";
const MORE = "@Microsoft.Dynamics.CRM.morerecords";

const get = (xml: string, headers: Record<string, string> = ANNOTATIONS) => client.get(`leads?fetchXml=${encodeURIComponent(xml)}`, headers);
const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Learn's steps: take `pagingcookie` from the annotation and URL-decode it twice. */
function innerCookie(answer: Answer): string {
  const annotation = String(answer.body[COOKIE]);
  const match = /^<cookie pagenumber="2" pagingcookie="([^"]*)" istracking="False" \/>$/.exec(annotation);
  if (!match) throw new Error(`unexpected cookie annotation ${annotation}`);
  return decodeURIComponent(decodeURIComponent(match[1]));
}

/** A fetch element with page, count and (XML-encoded) paging-cookie, around an entity body. */
const fetchXml = (body: string, page: number, count: number, cookie?: string, extra = "") =>
  `<fetch count="${count}" page="${page}"${cookie === undefined ? "" : ` paging-cookie="${escapeXml(cookie)}"`}${extra}><entity name="lead">${body}</entity></fetch>`;

/** Every page, by cookie, as Learn's RetrieveAll does: increment page, pass the cookie, stop when morerecords is gone. */
async function pageThrough(body: string, count: number): Promise<{ pages: Answer[]; ids: string[] }> {
  const pages: Answer[] = [];
  let cookie: string | undefined;
  for (let page = 1; page < 100; page++) {
    const answer = await get(fetchXml(body, page, count, cookie));
    expect(answer.status).toBe(200);
    pages.push(answer);
    if (answer.body[MORE] !== true) break;
    cookie = innerCookie(answer);
  }
  return { pages, ids: pages.flatMap((p) => rows(p).map((r) => String(r.leadid))) };
}

const lead = (data: Record<string, unknown>) => client.create("leads", { lastname: "L", ...data });

beforeEach(async () => {
  client = await startClient();
  // Duplicate company names and empty prospect ids: the sort keys tie and hold nulls.
  const names = ["Beta", "Alpha", "Beta", "Gamma", "Alpha", "Delta", "Beta", "Epsilon", "Alpha", "Zeta", "Eta"];
  for (const [i, name] of names.entries()) {
    await lead({ companyname: name, msdyn_prospectid: i % 3 === 0 ? null : `PRO-${String(i % 4).padStart(3, "0")}`, numberofemployees: i });
  }
});
afterEach(async () => {
  await client.server.close();
});

test("the cookie annotation has Dataverse's shape: pagenumber, a twice URL-encoded cookie, istracking", async () => {
  const body = `<attribute name="companyname" /><order attribute="companyname" descending="true" />`;
  const first = await get(fetchXml(body, 1, 3));
  expect(Object.keys(first.body)).toEqual(["@odata.context", "@Microsoft.Dynamics.CRM.totalrecordcount", "@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded", COOKIE, MORE, "value"]);
  const annotation = String(first.body[COOKIE]);
  // Encoded twice, lower-case hex, as in Learn's example ("%253ccookie%2520page%253d%25221%2522%253e…").
  expect(annotation.startsWith('<cookie pagenumber="2" pagingcookie="%253ccookie%2520page%253d%25221%2522%253e%253ccompanyname%2520last%253d%2522')).toBe(true);
  const [a, b, c] = rows(first);
  expect(rows(first).map((r) => r.companyname)).toEqual(["Zeta", "Gamma", "Eta"]);
  expect(innerCookie(first)).toBe(
    `<cookie page="1"><companyname last="Eta" first="Zeta" /><leadid last="{${String(c.leadid).toUpperCase()}}" first="{${String(a.leadid).toUpperCase()}}" /></cookie>`,
  );
  expect(b).toBeDefined();
  // Without the Prefer header neither annotation is returned ("you must request a paging cookie as an annotation").
  const plain = await get(fetchXml(body, 1, 3), {});
  expect(plain.body[COOKIE]).toBeUndefined();
  expect(plain.body[MORE]).toBeUndefined();
});

test("paging with cookies returns every row once, in the order of one unpaged query; the last page has neither annotation", async () => {
  for (const order of [
    `<order attribute="companyname" />`,
    `<order attribute="companyname" descending="true" />`,
    `<order attribute="msdyn_prospectid" /><order attribute="companyname" descending="true" />`,
    `<order attribute="msdyn_prospectid" descending="true" />`,
    `<order attribute="numberofemployees" descending="true" />`,
    ``,
  ]) {
    const body = `<attribute name="companyname" /><attribute name="msdyn_prospectid" />${order}`;
    const all = rows(await get(`<fetch><entity name="lead">${body}</entity></fetch>`)).map((r) => String(r.leadid));
    expect(all).toHaveLength(11);
    const { pages, ids } = await pageThrough(body, 3);
    expect(ids).toEqual(all);
    expect(pages).toHaveLength(4);
    const last = pages[pages.length - 1];
    expect(last.body[COOKIE]).toBeUndefined();
    expect(last.body[MORE]).toBeUndefined();
    // Read backwards from each page's cookie, the page before comes back the same.
    for (let page = 2; page < pages.length; page++) {
      const back = await get(fetchXml(body, page - 1, 3, innerCookie(pages[page - 1])));
      expect(rows(back).map((r) => r.leadid)).toEqual(rows(pages[page - 2]).map((r) => r.leadid));
    }
  }
});

test("ties are broken by the primary key, with or without orders (Ordering and paging)", async () => {
  const alphas = rows(await get(`<fetch><entity name="lead"><attribute name="companyname" /><order attribute="companyname" /></entity></fetch>`))
    .filter((r) => r.companyname === "Alpha")
    .map((r) => String(r.leadid));
  expect(alphas).toEqual([...alphas].sort());
  const unordered = rows(await get(`<fetch><entity name="lead"><attribute name="companyname" /></entity></fetch>`)).map((r) => String(r.leadid));
  expect(unordered).toEqual([...unordered].sort());
});

test("a cookie continues after its last row even when rows were added before it; simple paging shifts", async () => {
  const body = `<attribute name="companyname" /><order attribute="companyname" />`;
  const first = await get(fetchXml(body, 1, 4));
  const cookie = innerCookie(first);
  const lastOfFirst = rows(first)[3].leadid;
  await lead({ companyname: "Aardvark" });
  const byCookie = await get(fetchXml(body, 2, 4, cookie));
  const simple = await get(fetchXml(body, 2, 4));
  expect(rows(byCookie)[0].companyname).toBe("Beta");
  expect(rows(byCookie).map((r) => r.leadid)).not.toContain(lastOfFirst);
  expect(rows(simple)[0].leadid).toBe(lastOfFirst);
});

test("a cookie is ignored for nonconsecutive pages; the page before it is read backwards from its first row", async () => {
  const body = `<attribute name="companyname" /><order attribute="companyname" />`;
  const pages = (await pageThrough(body, 3)).pages;
  const cookieOfPage2 = innerCookie(pages[1]);
  const ids = (answer: Answer) => rows(answer).map((r) => r.leadid);
  // Page 4 with page 2's cookie: nonconsecutive, so simple paging's page 4.
  expect(ids(await get(fetchXml(body, 4, 3, cookieOfPage2)))).toEqual(ids(pages[3]));
  // Page 1 with page 2's cookie: the rows before the cookie's first row.
  const back = await get(fetchXml(body, 1, 3, cookieOfPage2));
  expect(ids(back)).toEqual(ids(pages[0]));
  expect(back.body[MORE]).toBe(true);
  // An empty paging-cookie attribute, as Learn's first request sends it, is no cookie.
  expect(ids(await get(fetchXml(body, 2, 3, "")))).toEqual(ids(pages[1]));
});

test("a paging-cookie that is not a cookie, or carries a page number never issued, is a 400", async () => {
  const body = `<attribute name="companyname" /><order attribute="companyname" />`;
  for (const cookie of ["not xml", "<other page=\"1\" />", '<cookie page="0"><leadid last="{x}" /></cookie>', '<cookie page="99999999999"></cookie>']) {
    const answer = await get(fetchXml(body, 2, 3, cookie));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({ code: "0x80040203", message: expect.stringContaining("is not a paging cookie this service issued") });
  }
  // A well-formed cookie whose values cannot be this query's keys.
  const forged = await get(fetchXml(body, 2, 3, '<cookie page="1"><companyname last="A" first="A" /><leadid last="{not-a-guid}" first="{x}" /></cookie>'));
  expect(forged.status).toBe(400);
});

test("simple paging stops at 50,000 rows; a cookie pages past it", async () => {
  const body = `<attribute name="companyname" /><order attribute="companyname" />`;
  const deep = await get(fetchXml(body, 11, 5000));
  expect(deep.status).toBe(400);
  expect(deep.body.error).toEqual({ code: "0x80040203", message: "Paging cookie is required when trying to retrieve a set of records on any high pages." });
  expect((await get(fetchXml(body, 10, 5000))).status).toBe(200);
  const withCookie = await get(fetchXml(body, 11, 5000, '<cookie page="10"><companyname last="Eta" first="Alpha" /><leadid last="{FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF}" first="{00000000-0000-0000-0000-000000000000}" /></cookie>'));
  expect(withCookie.status).toBe(200);
  expect(rows(withCookie).map((r) => r.companyname)).toEqual(["Gamma", "Zeta"]);
});

test("queries a cookie cannot page get none: a link-entity order, distinct rows", async () => {
  const linked = await get(
    fetchXml(`<attribute name="companyname" /><link-entity name="systemuser" from="systemuserid" to="ownerid" alias="o"><order attribute="fullname" /></link-entity>`, 1, 3),
  );
  expect(linked.body[MORE]).toBe(true);
  expect(linked.body[COOKIE]).toBeUndefined();
  const distinct = await get(fetchXml(`<attribute name="companyname" /><order attribute="companyname" />`, 1, 3, undefined, ' distinct="true"'));
  expect(distinct.body[MORE]).toBe(true);
  expect(distinct.body[COOKIE]).toBeUndefined();
});

test("choices sort by their label in the user's language unless useraworderby; lookups by name (Order rows using FetchXml)", async () => {
  await client.server.close();
  client = await startClient();
  const contacted = await lead({ companyname: "C", statuscode: 2 });
  const fresh = await lead({ companyname: "N", statuscode: 1 });
  const order = (extra: string) =>
    get(`<fetch${extra}><entity name="lead"><attribute name="statuscode" /><order attribute="statuscode" /></entity></fetch>`).then((a) => rows(a).map((r) => r.leadid));
  expect(await order("")).toEqual([contacted, fresh]); // "Contacted" < "New"
  expect(await order(' useraworderby="true"')).toEqual([fresh, contacted]); // 1 < 2
  // Paged by cookie, the label is what the cookie keeps.
  const first = await get(fetchXml(`<attribute name="statuscode" /><order attribute="statuscode" />`, 1, 1));
  expect(innerCookie(first)).toContain('<statuscodename last="Contacted" first="Contacted" />');
});
