/**
 * `npm run bench` (sandbox/bench/views.bench.ts): the *All Commerce B2B leads* view through the Web
 * API's `?fetchXml=` on 100,000 leads, and QualifyLead latency, against the Dataverse stand-in on
 * loopback. Rows are inserted in bulk straight into the stand-in's store; requests go over HTTP.
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
/** One lead in ten came from a Commerce B2B sign-up. */
const B2B_EVERY = 10;
/** Requests per variant: the full first page is heavy, the grid page is what users wait for. */
const VIEW_REQUESTS = { firstPage: 30, grid50: 200 } as const;
const QUALIFY_REQUESTS = 200;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "cb2b-bench-"));
  const dataverse = await startDataverse({ dbFile: join(dir, "dataverse.db"), port: 0 });
  try {
    const lead = entityByLogicalName("lead");
    if (!lead) throw new Error("The stand-in has no lead entity.");
    const store = new RecordStore(dataverse.db);
    const owner = { logicalName: "systemuser", id: SandboxUsers.dualWrite.id };
    const insertStarted = performance.now();
    const qualifyIds: string[] = [];
    dataverse.db.transaction(() => {
      const base = Date.UTC(2026, 0, 1);
      for (let i = 0; i < LEADS; i++) {
        const b2b = i % B2B_EVERY === 0;
        const at = toDataverseDate(new Date(base + i * 1000));
        const id = randomUUID();
        if (b2b && qualifyIds.length < QUALIFY_REQUESTS) qualifyIds.push(id);
        store.insert(lead, {
          leadid: id,
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
          ownerid: b2b ? owner : { logicalName: "systemuser", id: SandboxUsers.salesRep.id },
          createdby: owner,
          modifiedby: owner,
          createdon: at,
          modifiedon: at,
          versionnumber: store.nextVersion(),
        });
      }
    })();
    const insertMs = performance.now() - insertStarted;

    const headers = { Authorization: `Bearer ${SandboxUsers.salesRep.token}`, Accept: "application/json", "OData-Version": "4.0" };
    const fetchXml = leadViewFetchXml("All Commerce B2B leads");
    // The grid asks for one page of 50; the view as shipped has no count and returns the Web API's first page.
    const gridFetchXml = fetchXml.replace(/<fetch\b/, '<fetch count="50" page="1"');
    for (const [variant, xml] of [
      ["firstPage", fetchXml],
      ["grid50", gridFetchXml],
    ] as const) {
      const name = `sandbox.view.allCommerceB2BLeads.${variant}`;
      const url = `${dataverse.apiUrl}leads?fetchXml=${encodeURIComponent(xml)}`;
      await timedJson(url, { headers }); // warm-up: statement cache, page cache
      const samples: number[] = [];
      let rows = 0;
      for (let i = 0; i < VIEW_REQUESTS[variant]; i++) {
        const { ms, body } = await timedJson(url, { headers });
        samples.push(ms);
        rows = (body as { value: unknown[] }).value.length;
      }
      report(
        name,
        { ...summary(samples), rows_returned: rows, leads_in_table: LEADS, b2b_leads: LEADS / B2B_EVERY },
        `GET leads?fetchXml= over HTTP on loopback; ${LEADS} leads inserted in bulk in ${Math.round(insertMs)} ms`,
      );
    }

    const qualify: number[] = [];
    for (const id of qualifyIds) {
      const { ms } = await timedJson(`${dataverse.apiUrl}leads(${id})/Microsoft.Dynamics.CRM.QualifyLead`, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json" },
        body: JSON.stringify({ CreateAccount: true, CreateContact: true, CreateOpportunity: true, Status: LeadStatus.Qualified }),
      });
      qualify.push(ms);
    }
    report("sandbox.message.qualifyLead", summary(qualify), `bound QualifyLead creating account, contact and opportunity, one lead per request, ${LEADS} leads in the table, no plug-in steps registered`);
  } finally {
    await dataverse.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
