/**
 * The solution's charts, dashboard and review deadline in the sandbox: ImportSolution stores the charts in
 * `savedqueryvisualizations` and the dashboard in `systemforms` (type 0); leads seeded at known ages and
 * statuses then give exactly the expected chart points (each chart's FetchXML aggregate on its view, run as
 * the Sales Hub runs it) and exactly the expected rows of *Commerce B2B leads past the review deadline*.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { LeadState, LeadStatus, OpportunityStatus, ProspectStatus, ReviewDeadline, waitingTimeGroup } from "../../../../core/src";
import { packSolution } from "../../../../tools/solution/pack";
import { stageForTest } from "../../../../solution/test/helpers/stageForTest";
import { createFetchApi } from "../../../web/shared/fetchApi";
import type { LanguageId, SalesSession } from "../../../web/shared/session";
import type { ChartData } from "../../../web/sales/charts/chartData";
import { loadChartData, loadChartDefinition, loadViewFetchXml } from "../../../web/sales/charts/loadChart";
import { parseDashboardXml } from "../../../web/sales/dashboards/dashboardXml";
import { rows, startClient, type Client } from "../test/harness";
import { SandboxUsers } from "../users";

// The Sales Hub modules parse XML with the browser's DOMParser; xmldom is the same API in Node.
Object.assign(globalThis, { DOMParser, XMLSerializer });

const CHARTS = {
  byStatus: "f2d308a9-ed72-4de0-86b8-74f4e52ac874",
  waiting: "4eb0203e-9d82-49c3-b669-0fbcca414b42",
  perWeek: "45acd267-ec57-4ca9-8376-c03e71ccd02a",
  byStage: "e89f1e4e-2905-4f0b-b1a0-9bf679356b27",
};
const VIEWS = {
  all: "a3ced4fd-fbcb-4785-bc72-8de44ff0734d",
  awaiting: "a9875b67-8740-4b7f-a264-1bd46dd5a1ff",
  pastDeadline: "3e334470-d718-40ad-a785-3607ac7702cf",
  opportunities: "e2654dfc-7bda-4c05-993a-ad804234f301",
};
const DASHBOARD = "826fdcd9-fc0b-4cf9-9188-543c7f813196";
const HOSTILE = [`<img src=x onerror="window.__pwned=1">Acme`, `"><script>window.__pwned=2</script>`];

const NOW = Date.parse("2026-03-10T12:00:00Z");
let clock = NOW;
const hoursAgo = (hours: number) => NOW - hours * 3_600_000;

let client: Client;
let dir: string;
const ids: Record<string, string> = {};

function session(languageId: LanguageId): SalesSession {
  const user = SandboxUsers.admin;
  return {
    clientUrl: client.server.url,
    apiUrl: client.server.apiUrl,
    user: { id: user.id, token: user.token, fullname: "admin" },
    languageId,
    fetchApi: createFetchApi(client.server.apiUrl, user.token),
  };
}

async function at<T>(time: number, action: () => Promise<T>): Promise<T> {
  clock = time;
  return action();
}

async function ok(answer: Promise<{ status: number; text: string }>): Promise<void> {
  const { status, text } = await answer;
  if (status >= 300) throw new Error(`${status} ${text}`);
}

/** A lead dual-write would create: Commerce B2B prospect, Pending, signed up `hoursOld` before now. */
function signUp(name: string, hoursOld: number, company = `${name} Oy`, commerce = true): Promise<void> {
  return at(hoursAgo(hoursOld), async () => {
    ids[name] = await client.create("leads", {
      lastname: name,
      companyname: company,
      emailaddress1: `${name.toLowerCase()}@example.com`,
      msdyn_b2bcommerceprospect: commerce,
      msdyn_b2bprospectstatus: commerce ? ProspectStatus.Pending : null,
      msdyn_prospectid: commerce ? `P-${name}` : null,
    });
  });
}

async function qualify(name: string, time: number): Promise<string> {
  return at(time, async () => {
    const answer = await client.post(`leads(${ids[name]})/Microsoft.Dynamics.CRM.QualifyLead`, {
      CreateAccount: true,
      CreateContact: true,
      CreateOpportunity: true,
      Status: LeadStatus.Qualified,
    });
    if (answer.status !== 200) throw new Error(`QualifyLead ${answer.status} ${answer.text}`);
    return String((answer.body.value as Record<string, unknown>[]).find((r) => typeof r.opportunityid === "string")?.opportunityid);
  });
}

/** The prospect status the hand-off writes once Sales decided (a decided lead is read-only, so this is its last change). */
const decide = (name: string, status: number, time: number) => at(time, () => ok(client.patch(`leads(${ids[name]})`, { msdyn_b2bprospectstatus: status })));

async function points(chartId: string, viewId: string, languageId: LanguageId = 1033): Promise<ChartData> {
  const s = session(languageId);
  const definition = await loadChartDefinition(s, chartId);
  return loadChartData(s, definition, await loadViewFetchXml(s, viewId), languageId === 1035 ? "(tyhjä)" : "(blank)");
}

const plain = (data: ChartData) => ({ categories: data.categories.map((c) => c.label), series: data.series.map((s) => [s.label, s.values]) });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cb2b-charts-"));
  stageForTest(join(dir, "staging"));
  await packSolution({ folder: join(dir, "staging"), zipFile: join(dir, "solution.zip"), packageType: "Managed" });
  client = await startClient(":memory:", () => new Date(clock));
  const imported = await client.post("ImportSolution", {
    CustomizationFile: readFileSync(join(dir, "solution.zip")).toString("base64"),
    OverwriteUnmanagedCustomizations: true,
    PublishWorkflows: true,
  });
  if (imported.status >= 300) throw new Error(`ImportSolution ${imported.status} ${imported.text}`);

  // Waiting for review: under a day, one to three days (two of them past the 48-hour deadline), over three days.
  await signUp("P2", 2);
  await signUp("P23", 23);
  await signUp("P30", 30);
  await signUp("P47", 47);
  await signUp("P50", 50, HOSTILE[0]);
  await signUp("P100", 100, HOSTILE[1]);
  // Not a Commerce B2B lead: in no chart and no view, however old.
  await signUp("N80", 80, "Walk-in Oy", false);
  // Qualified, opportunity still open: Pending in Commerce, but no longer awaiting review.
  await signUp("Q", 150);
  ids.opportunityQ = await qualify("Q", hoursAgo(140));
  // Approved on Monday 9 and Tuesday 10 March (ISO week 11), rejected on Tuesday 3 March (week 10).
  for (const [name, decided] of [
    ["A1", Date.parse("2026-03-09T10:00:00Z")],
    ["A2", Date.parse("2026-03-10T09:00:00Z")],
  ] as const) {
    await signUp(name, 200);
    const opportunity = await qualify(name, hoursAgo(190));
    await at(decided, () => ok(client.post("WinOpportunity", { OpportunityClose: { subject: "Won", "opportunityid@odata.bind": `/opportunities(${opportunity})` }, Status: OpportunityStatus.Won })));
    await decide(name, ProspectStatus.Approved, decided);
  }
  await signUp("R", 200);
  const rejected = Date.parse("2026-03-03T15:00:00Z");
  await at(rejected, () => ok(client.patch(`leads(${ids.R})`, { statecode: LeadState.Disqualified, statuscode: LeadStatus.NoLongerInterested })));
  await decide("R", ProspectStatus.Rejected, rejected);
  clock = NOW;
});

afterAll(async () => {
  await client?.server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("ImportSolution: charts and the dashboard", () => {
  it("stores the four charts in savedqueryvisualizations, under their tables", async () => {
    const charts = rows(await client.get("savedqueryvisualizations?$select=savedqueryvisualizationid,name,primaryentitytypecode,charttype,ismanaged&$orderby=name"));
    expect(charts.map((c) => [c.name, c.primaryentitytypecode, c.charttype, c.ismanaged])).toEqual([
      ["Commerce B2B approvals and rejections per week", "lead", 0, true],
      ["Commerce B2B leads awaiting review by waiting time", "lead", 0, true],
      ["Commerce B2B leads by prospect status", "lead", 0, true],
      ["Commerce B2B opportunities by stage of the hand-off", "opportunity", 0, true],
    ]);
    expect(charts.map((c) => c.savedqueryvisualizationid).sort()).toEqual(Object.values(CHARTS).sort());
  });

  it("stores the dashboard as a systemform of type 0 whose form XML lays out the charts and the review lists", async () => {
    const forms = rows(await client.get(`systemforms?$select=formid,name,type,formxml&$filter=type eq 0`));
    expect(forms.map((f) => [f.formid, f.name, f.type])).toEqual([[DASHBOARD, "Commerce B2B onboarding", 0]]);
    const tiles = parseDashboardXml(String(forms[0]!.formxml), 1035).flatMap((tab) => tab.sections.flatMap((s) => s.tiles));
    expect(tiles.map((t) => [t.kind, t.chartId || t.viewId, t.label])).toEqual([
      ["chart", CHARTS.byStatus, "Commercen B2B-liidit potentiaalisen asiakkaan tilan mukaan"],
      ["chart", CHARTS.waiting, "Tarkistusta odottavat Commercen B2B-liidit odotusajan mukaan"],
      ["chart", CHARTS.perWeek, "Commercen B2B-hyväksynnät ja -hylkäykset viikoittain"],
      ["chart", CHARTS.byStage, "Commercen B2B-myyntimahdollisuudet luovutuksen vaiheen mukaan"],
      ["list", VIEWS.awaiting, "Tarkistusta odottavat Commercen B2B-liidit"],
      ["list", VIEWS.pastDeadline, "Commercen B2B-liidit, joiden tarkistuksen määräaika on ylittynyt"],
    ]);
  });
});

describe("chart data through the FetchXML aggregate, on each chart's view", () => {
  it("leads by prospect status: every Commerce B2B lead, whatever its state (a choice column orders by its label)", async () => {
    expect(plain(await points(CHARTS.byStatus, VIEWS.all))).toEqual({
      categories: ["Approved", "Pending", "Rejected"],
      series: [["Commerce B2B leads by prospect status", [2, 7, 1]]],
    });
  });

  it("speaks Finnish to a Finnish user: the categories are the option labels in the user's language", async () => {
    expect((await client.patch(`usersettingscollection(${SandboxUsers.admin.id})`, { uilanguageid: 1035 })).status).toBe(204);
    try {
      expect((await points(CHARTS.byStatus, VIEWS.all, 1035)).categories.map((c) => c.label)).toEqual(["Hylätty", "Hyväksytty", "Odottaa"]);
      expect((await points(CHARTS.byStage, VIEWS.opportunities, 1035)).categories.map((c) => c.label)).toEqual(["Käynnissä", "Voitettu"]);
    } finally {
      await client.patch(`usersettingscollection(${SandboxUsers.admin.id})`, { uilanguageid: 1033 });
    }
  });

  it("leads awaiting review by waiting time: the three groups of core's rule, counted on the awaiting-review view", async () => {
    const data = await points(CHARTS.waiting, VIEWS.awaiting);
    expect(plain(data)).toEqual({
      categories: ["Pending"],
      series: [
        ["Under 1 day / Alle 1 päivä", [2]],
        ["1–3 days / 1–3 päivää", [3]],
        ["Over 3 days / Yli 3 päivää", [1]],
      ],
    });
    // The same groups as core puts each waiting lead in.
    const ages = [2, 23, 30, 47, 50, 100].map((h) => waitingTimeGroup(new Date(hoursAgo(h)), new Date(NOW)));
    expect(["underOneDay", "oneToThreeDays", "overThreeDays"].map((g) => ages.filter((a) => a === g).length)).toEqual(data.series.map((s) => s.values[0]));
  });

  it("approvals and rejections per week: the week of each decision, split by the decision", async () => {
    expect(plain(await points(CHARTS.perWeek, VIEWS.all))).toEqual({
      categories: ["10", "11"],
      series: [
        ["Rejected", [1, 0]],
        ["Approved", [0, 2]],
      ],
    });
  });

  it("opportunities by stage of the hand-off: Commerce B2B opportunities by status reason", async () => {
    expect(plain(await points(CHARTS.byStage, VIEWS.opportunities))).toEqual({
      categories: ["In Progress", "Won"],
      series: [["Commerce B2B opportunities by stage of the hand-off", [1, 2]]],
    });
  });
});

describe("Commerce B2B leads past the review deadline", () => {
  it("lists exactly the Pending Commerce B2B leads that signed up more than 48 hours ago, longest waiting first", async () => {
    expect(ReviewDeadline.defaultHours).toBe(48);
    const listed = rows(await client.get(`leads?savedQuery=${VIEWS.pastDeadline}`));
    expect(listed.map((r) => r.leadid)).toEqual([ids.P100, ids.P50]);
    // Company names partners typed come back as the text they typed.
    expect(listed.map((r) => r.companyname)).toEqual([HOSTILE[1], HOSTILE[0]]);
  });

  it("moves a lead onto the list when its deadline passes, and off it when Sales decides", async () => {
    clock = hoursAgo(-2);
    try {
      expect(rows(await client.get(`leads?savedQuery=${VIEWS.pastDeadline}`)).map((r) => r.leadid)).toEqual([ids.P100, ids.P50, ids.P47]);
      await ok(client.patch(`leads(${ids.P50})`, { statecode: LeadState.Disqualified, statuscode: LeadStatus.CannotContact, msdyn_b2bprospectstatus: ProspectStatus.Rejected }));
      expect(rows(await client.get(`leads?savedQuery=${VIEWS.pastDeadline}`)).map((r) => r.leadid)).toEqual([ids.P100, ids.P47]);
    } finally {
      clock = NOW;
    }
  });
});
