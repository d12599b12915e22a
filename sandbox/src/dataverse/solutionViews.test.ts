/**
 * The real managed solution imported through ImportSolution, and its views run through FetchXML:
 * they return exactly the Commerce B2B leads (and the opportunities qualified from them).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { packSolution } from "../../../tools/solution/pack";
import { Currencies } from "./storage/seed";
import { rows, startClient, type Client } from "./test/harness";
import { SandboxUsers } from "./users";

const root = resolve(__dirname, "..", "..", "..");
const builtZip = join(root, "out", "solution", "CommerceB2BOnboarding_managed.zip");
const staging = join(root, "out", "solution", "staging");

/** The built managed zip; when only the staged source exists, it is packed here as `npm run build` would. */
async function managedZip(): Promise<Buffer | undefined> {
  if (existsSync(builtZip)) return readFileSync(builtZip);
  if (!existsSync(join(staging, "Other", "Solution.xml"))) return undefined;
  const dir = mkdtempSync(join(tmpdir(), "cb2b-zip-"));
  try {
    const zipFile = join(dir, "CommerceB2BOnboarding_managed.zip");
    await packSolution({ folder: staging, zipFile, packageType: "Managed" });
    return readFileSync(zipFile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let zip: Buffer | undefined;
let client: Client;

beforeAll(async () => {
  zip = await managedZip();
  if (!zip) console.warn(`Skipping the solution view tests: ${builtZip} is missing; run \`npm run build\` first.`);
});
beforeEach(async () => {
  client = await startClient();
});
afterEach(async () => {
  await client.server.close();
});

const viewByName = async (name: string) => {
  const [view] = rows(await client.get(`savedqueries?$select=savedqueryid,fetchxml,returnedtypecode&$filter=name eq '${name}'`));
  expect(view).toBeDefined();
  return view as { savedqueryid: string; fetchxml: string; returnedtypecode: string };
};

test("the managed zip imports and its views return exactly the Commerce B2B records", async () => {
  if (!zip) return;
  const imported = await client.post("ImportSolution", {
    CustomizationFile: zip.toString("base64"),
    OverwriteUnmanagedCustomizations: false,
    PublishWorkflows: true,
  });
  expect(imported.status).toBe(204);
  expect(rows(await client.get("solutions?$select=uniquename,ismanaged&$filter=uniquename eq 'CommerceB2BOnboarding'"))).toEqual([
    expect.objectContaining({ ismanaged: true }),
  ]);

  const euro = `/transactioncurrencies(${Currencies.euro.id})`;
  const b2b = (company: string, status: number) =>
    client.create(
      "leads",
      {
        companyname: company,
        lastname: `Contact of ${company}`,
        subject: `Partner sign-up: ${company}`,
        msdyn_b2bcommerceprospect: true,
        msdyn_prospectid: `PRS-${company}`,
        msdyn_b2bprospectstatus: status,
        "transactioncurrencyid@odata.bind": euro,
      },
      SandboxUsers.dualWrite.token,
    );
  const ordinary = (company: string, extra: Record<string, unknown> = {}) =>
    client.create("leads", { companyname: company, lastname: "Ordinary", subject: company, ...extra }, SandboxUsers.salesRep.token);
  const qualify = async (leadId: string) => {
    const answer = await client.request("POST", `leads(${leadId})/Microsoft.Dynamics.CRM.QualifyLead`, {
      body: { CreateAccount: true, CreateContact: true, CreateOpportunity: true, Status: 3 },
      token: SandboxUsers.salesRep.token,
    });
    expect(answer.status).toBe(200);
  };

  const pendingOpen = await b2b("Alpha", 192350000);
  const pendingQualified = await b2b("Beta", 192350000);
  const approved = await b2b("Gamma", 192350001);
  const rejected = await b2b("Delta", 192350002);
  const pendingOpen2 = await b2b("Epsilon", 192350000);
  await ordinary("Plain Oy", { msdyn_b2bcommerceprospect: false });
  const plainQualified = await ordinary("Plain Qualified Oy");
  await qualify(pendingQualified);
  await qualify(approved);
  await qualify(plainQualified);
  expect((await client.patch(`leads(${rejected})`, { statecode: 2, statuscode: 6 })).status).toBe(204);

  const ids = async (setName: string, view: { savedqueryid: string; fetchxml: string }, key: string) => {
    const bySavedQuery = rows(await client.get(`${setName}?savedQuery=${view.savedqueryid}`)).map((r) => r[key]);
    const byFetchXml = rows(await client.get(`${setName}?fetchXml=${encodeURIComponent(view.fetchxml)}`)).map((r) => r[key]);
    expect(byFetchXml).toEqual(bySavedQuery);
    return bySavedQuery;
  };

  // Newest first, any state, whoever owns them; never the ordinary leads.
  expect(await ids("leads", await viewByName("All Commerce B2B leads"), "leadid")).toEqual([pendingOpen2, rejected, approved, pendingQualified, pendingOpen]);
  // Open and Pending, oldest first.
  expect(await ids("leads", await viewByName("Commerce B2B leads awaiting review"), "leadid")).toEqual([pendingOpen, pendingOpen2]);
  // Opportunities qualified from Commerce B2B leads only.
  const opportunityView = await viewByName("Commerce B2B opportunities");
  expect(opportunityView.returnedtypecode).toBe("opportunity");
  const opportunities = rows(await client.get(`opportunities?savedQuery=${opportunityView.savedqueryid}`));
  const originating = await Promise.all(
    opportunities.map(async (o) => (await client.get(`opportunities(${String(o.opportunityid)})?$select=_originatingleadid_value`)).body._originatingleadid_value),
  );
  expect(originating.sort()).toEqual([approved, pendingQualified].sort());
});
