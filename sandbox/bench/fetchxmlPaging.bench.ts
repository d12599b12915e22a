/**
 * `npm run bench` (sandbox/bench/fetchxmlPaging.bench.ts): the *All Commerce B2B leads* view, 50 rows a
 * page as the grid asks, paged through 90,000 matching leads (of 100,000) two ways over the Web API:
 *
 * - with the paging cookie (Learn's "Page results using FetchXml": increment `page`, send the cookie back),
 *   every page from the first to the last;
 * - by page number only (simple paging), sampled at the same depths up to its 50,000-row limit.
 *
 * It reports p50/p99 per depth so one can see whether a page costs more the deeper it is. The leads are
 * inserted in bulk through the stand-in's store (not 100,000 HTTP posts); two leads share each creation
 * second, so the view's `createdon` order has ties that the primary key breaks.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { LeadState, LeadStatus, ProspectStatus } from "../../core/src";
import { entityByLogicalName } from "../src/dataverse/metadata";
import { startDataverse } from "../src/dataverse/server";
import { RecordStore, toDataverseDate } from "../src/dataverse/storage/records";
import { SandboxUsers } from "../src/dataverse/users";
import { report } from "../../tools/benchReport";
import { leadViewFetchXml, summary, timedJson } from "./support";

const LEADS = 100_000;
/** Nine leads in ten came from a Commerce B2B sign-up, so the view has pages deep enough to matter. */
const NOT_B2B_EVERY = 10;
const PAGE_SIZE = 50;
/** Depths sampled, as page ranges; 50,000 rows (page 1,000) is as deep as simple paging goes. */
const DEPTHS: [number, number][] = [
  [1, 20],
  [491, 510],
  [981, 1000],
  [1781, 1800],
];
const COOKIE = "@Microsoft.Dynamics.CRM.fetchxmlpagingcookie";
const MORE = "@Microsoft.Dynamics.CRM.morerecords";

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The view's fetch with the grid's page size, the page and (XML-encoded) the cookie. */
function paged(fetchXml: string, page: number, cookie?: string): string {
  const cookieAttribute = cookie === undefined ? "" : ` paging-cookie="${escapeXml(cookie)}"`;
  return fetchXml.replace(/<fetch\b/, `<fetch count="${PAGE_SIZE}" page="${page}"${cookieAttribute}`);
}

/** Learn's steps: the `pagingcookie` attribute of the annotation, URL-decoded twice. */
function nextCookie(annotation: unknown): string {
  const match = /pagingcookie="([^"]*)"/.exec(String(annotation));
  if (!match) throw new Error(`No pagingcookie in ${String(annotation)}`);
  return decodeURIComponent(decodeURIComponent(match[1]));
}

function seed(store: RecordStore): void {
  const lead = entityByLogicalName("lead");
  if (!lead) throw new Error("The stand-in has no lead entity.");
  const owner = { logicalName: "systemuser", id: SandboxUsers.dualWrite.id };
  const base = Date.UTC(2026, 0, 1);
  store.db.transaction(() => {
    for (let i = 0; i < LEADS; i++) {
      const b2b = i % NOT_B2B_EVERY !== 0;
      const at = toDataverseDate(new Date(base + Math.floor(i / 2) * 1000));
      store.insert(lead, {
        leadid: randomUUID(),
        firstname: `First${i}`,
        lastname: `Last${i}`,
        fullname: `First${i} Last${i}`,
        companyname: `Company ${i}`,
        emailaddress1: `lead${i}@example.com`,
        msdyn_b2bcommerceprospect: b2b,
        msdyn_prospectid: b2b ? `PRO-${String(i).padStart(6, "0")}` : null,
        msdyn_b2bprospectstatus: b2b ? ProspectStatus.Pending : null,
        statecode: LeadState.Open,
        statuscode: LeadStatus.New,
        ownerid: owner,
        createdby: owner,
        modifiedby: owner,
        createdon: at,
        modifiedon: at,
        versionnumber: store.nextVersion(),
      });
    }
  })();
}

const inDepth = (page: number) => DEPTHS.findIndex(([from, to]) => page >= from && page <= to);
const label = ([from, to]: [number, number]) => `pages_${from}_${to}`;

function depthMetrics(samples: number[][]): Record<string, number | string> {
  const metrics: Record<string, number | string> = {};
  DEPTHS.forEach((depth, i) => {
    if (samples[i].length === 0) {
      metrics[`${label(depth)}`] = "refused: simple paging stops at 50,000 rows";
      return;
    }
    const s = summary(samples[i]);
    metrics[`${label(depth)}_p50_ms`] = s.p50_ms;
    metrics[`${label(depth)}_p99_ms`] = s.p99_ms;
  });
  return metrics;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "cb2b-bench-paging-"));
  const dataverse = await startDataverse({ dbFile: join(dir, "dataverse.db"), port: 0 });
  try {
    const insertStarted = performance.now();
    seed(new RecordStore(dataverse.db));
    const insertMs = performance.now() - insertStarted;
    const view = leadViewFetchXml("All Commerce B2B leads");
    const headers = {
      Authorization: `Bearer ${SandboxUsers.salesRep.token}`,
      Accept: "application/json",
      "OData-Version": "4.0",
      Prefer: 'odata.include-annotations="Microsoft.Dynamics.CRM.fetchxmlpagingcookie,Microsoft.Dynamics.CRM.morerecords"',
    };
    const url = (xml: string) => `${dataverse.apiUrl}leads?fetchXml=${encodeURIComponent(xml)}`;
    await timedJson(url(paged(view, 1)), { headers }); // warm-up: statement cache, page cache

    // With the cookie: every page, first to last, each row once.
    const byCookie: number[][] = DEPTHS.map(() => []);
    const seen = new Set<string>();
    let cookie: string | undefined;
    let pages = 0;
    for (let page = 1; ; page++) {
      const { ms, body } = await timedJson(url(paged(view, page, cookie)), { headers });
      pages = page;
      const depth = inDepth(page);
      if (depth >= 0) byCookie[depth].push(ms);
      for (const row of body.value as { leadid: string }[]) seen.add(row.leadid);
      if (body[MORE] !== true) break;
      cookie = nextCookie(body[COOKIE]);
    }
    const expected = LEADS - LEADS / NOT_B2B_EVERY;
    if (seen.size !== expected) throw new Error(`Paging by cookie returned ${seen.size} distinct leads, not ${expected}.`);

    // By page number only: the same depths, as far as simple paging goes.
    const byNumber: number[][] = DEPTHS.map(() => []);
    for (const [i, [from, to]] of DEPTHS.entries()) {
      if (to * PAGE_SIZE > 50_000) continue;
      for (let page = from; page <= to; page++) byNumber[i].push((await timedJson(url(paged(view, page)), { headers })).ms);
    }

    const notes = `GET leads?fetchXml= over HTTP on loopback, ${PAGE_SIZE} rows a page, ${expected} of ${LEADS} leads match; inserted in bulk in ${Math.round(insertMs)} ms`;
    report("sandbox.fetchxml.paging.cookie", { pages_read: pages, rows_read: seen.size, ...depthMetrics(byCookie) }, `${notes}; every page read in turn with the paging cookie`);
    report("sandbox.fetchxml.paging.pageNumberOnly", depthMetrics(byNumber), `${notes}; each page asked for by its number alone`);
  } finally {
    await dataverse.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
