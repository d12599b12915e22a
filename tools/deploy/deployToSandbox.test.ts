/**
 * `npm run deploy` end to end: the real CLI, spawned as its own process, against the sandbox's Web API
 * over HTTP and the real webhook host (its health check). Covers the first install, an idempotent
 * re-run, a dry run, the asynchronous-only enforcement, a webhook that refuses the key (nothing is
 * turned on), and the failures a user meets: an expired token (401), a user without prvCreateCustomization
 * (403), missing dependencies read from the import job, and a newer version already installed.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import JSZip from "jszip";
import { Steps, WebhookEndpoint } from "../../plugins-ts/src/registration/steps";
import { startDataverse, type DataverseServer } from "../../sandbox/src/dataverse/server";
import { ensureSolutionBuilt } from "../../sandbox/src/start/buildSolution";
import { managedSolutionZip } from "../../sandbox/src/start/paths";
import { startWebhookHost, type WebhookHost } from "../../sandbox/src/start/webhookHost";

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, "../..");
const KEY = "sandbox-webhook-key-5b7f0c";
let WEBHOOK_URL: string;
let webhookHost: WebhookHost;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without blocking the event loop: the sandbox answers from this same process. */
function deployCli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "tools/deploy/cli.ts"), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", fail);
    child.once("exit", (code) => done({ code, stdout, stderr }));
  });
}

let server: DataverseServer;
let workDir: string;

beforeAll(async () => {
  await ensureSolutionBuilt(managedSolutionZip, () => undefined);
  // The real host: deploy checks its health route with the key before it turns a step on.
  webhookHost = await startWebhookHost({ port: 0, dataverseUrl: "http://127.0.0.1:9", accessToken: "unused", webhookKey: KEY, log: () => undefined });
  WEBHOOK_URL = `${webhookHost.url}/api/dataverse`;
});
afterAll(async () => {
  await webhookHost.close();
});
beforeEach(async () => {
  server = await startDataverse({ dbFile: ":memory:", port: 0 });
  workDir = mkdtempSync(join(tmpdir(), "cb2b-deploy-"));
});
afterEach(async () => {
  await server.close();
  rmSync(workDir, { recursive: true, force: true });
});

async function api<T = Record<string, unknown>>(path: string): Promise<T> {
  const response = await fetch(`${server.apiUrl}${path}`, { headers: { Authorization: "Bearer admin", Accept: "application/json" } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
const rows = async (path: string) => (await api<{ value: Record<string, unknown>[] }>(path)).value;

const deployTo = (extra: string[], token = "admin") =>
  deployCli(["--url", server.url, "--managed", ...extra], { DATAVERSE_ACCESS_TOKEN: token, CB2B_WEBHOOK_KEY: KEY });

async function environmentState() {
  const steps = await rows(
    `sdkmessageprocessingsteps?$select=name,stage,mode,_eventhandler_value&$expand=sdkmessageid($select=name)&$filter=_eventhandler_value eq ${WebhookEndpoint.id}`,
  );
  // The key cannot be read back, so every run sets the endpoint again: compare what it says, not its etag.
  const { url, authtype } = await api(`serviceendpoints(${WebhookEndpoint.id})?$select=url,authtype`);
  return {
    solutions: await rows("solutions?$select=uniquename,version,ismanaged&$filter=uniquename eq 'CommerceB2BOnboarding'"),
    endpoint: { url, authtype },
    steps: steps.map((s) => `${String((s.sdkmessageid as { name: string }).name)} ${String(s.stage)}/${String(s.mode)}`).sort(),
    values: await rows("environmentvariablevalues?$select=schemaname,value"),
  };
}

test("installs, checks the webhook, wires it, registers its steps, sets the variable; a re-run changes nothing", async () => {
  const first = await deployTo(["--webhook-url", WEBHOOK_URL, "--env", "cb2b_RequireApproverRole=yes"]);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(first.stdout).toContain("not installed, package 1.0.0.0 (managed): install");
  expect(first.stdout).toMatch(/import: Succeeded \(statecode 3, statuscode 30\)/);
  expect(first.stdout).toContain(`webhook health check: ${WEBHOOK_URL} answers and accepts the key`);
  expect(first.stdout).toContain("webhook step Cb2b.Webhook.Validate: QualifyLead of lead: create");
  expect(first.stdout).toContain("environment variable cb2b_RequireApproverRole: create");
  expect(first.stdout).not.toContain(KEY);

  const state = await environmentState();
  expect(state.solutions).toEqual([expect.objectContaining({ version: "1.0.0.0", ismanaged: true })]);
  expect(state.endpoint).toMatchObject({ url: WEBHOOK_URL, authtype: 5 });
  // Every step, registered by the deploy (the zip ships none), each exactly once.
  expect(state.steps).toEqual(Steps.map((step) => `${step.message} ${step.stage}/${step.mode}`).sort());
  expect(state.steps.filter((s) => s.startsWith("QualifyLead"))).toEqual(["QualifyLead 10/0", "QualifyLead 40/1"]);
  expect(state.values).toEqual([expect.objectContaining({ schemaname: "cb2b_RequireApproverRole", value: "yes" })]);

  const again = await deployTo(["--webhook-url", WEBHOOK_URL, "--env", "cb2b_RequireApproverRole=yes"]);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain("same version, import skipped");
  expect(again.stdout).toContain("webhook step Cb2b.Webhook.Handoff: WinOpportunity of opportunity: unchanged");
  expect(again.stdout).toContain("environment variable cb2b_RequireApproverRole: unchanged");
  expect(await environmentState()).toEqual(state);
});

test("a webhook that refuses the key: nothing imported, no step", async () => {
  const run = await deployCli(["--url", server.url, "--managed", "--webhook-url", WEBHOOK_URL], { DATAVERSE_ACCESS_TOKEN: "admin", CB2B_WEBHOOK_KEY: "not-the-hosts-key-123" });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain("refused the key (401)");
  expect(run.stderr).not.toContain("not-the-hosts-key-123");
  expect(await rows("solutions?$filter=uniquename eq 'CommerceB2BOnboarding'")).toEqual([]);
  expect(await rows("sdkmessageprocessingsteps?$select=name")).toEqual([]);
});

test("--enforcement async after sync leaves only the asynchronous hand-off", async () => {
  expect((await deployTo(["--webhook-url", WEBHOOK_URL])).code).toBe(0);
  const run = await deployTo(["--webhook-url", WEBHOOK_URL, "--enforcement", "async"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("enforcement async: asynchronous hand-off only");
  expect(run.stdout).toContain("webhook step Cb2b.Webhook.Validate: QualifyLead of lead: delete");
  expect((await environmentState()).steps).toEqual(Steps.filter((s) => s.mode === 1).map((s) => `${s.message} ${s.stage}/${s.mode}`).sort());
});

test("a dry run against an empty environment says what would happen and changes nothing", async () => {
  const run = await deployTo(["--dry-run", "--webhook-url", WEBHOOK_URL, "--env", "cb2b_RequireApproverRole=yes"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("[dry run] not installed, package 1.0.0.0 (managed): install");
  expect(run.stdout).toContain("dry run: nothing was changed");
  expect(await rows("solutions?$filter=uniquename eq 'CommerceB2BOnboarding'")).toEqual([]);
  expect(await rows("importjobs?$select=importjobid")).toEqual([]);
});

test("an expired token: 401 with what to check", async () => {
  const claims = Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) - 300, oid: "x" })).toString("base64url");
  const run = await deployTo([], `e30.${claims}.sig`);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/401 from http:\/\/127\.0\.0\.1:\d+: the token was not accepted/);
});

test("a sales rep's token: 403 naming prvCreateCustomization, nothing imported", async () => {
  const run = await deployTo([], "salesrep");
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/403 on POST ImportSolutionAsync: the prvCreateCustomization privilege is missing/);
  expect(await rows("solutions?$filter=uniquename eq 'CommerceB2BOnboarding'")).toEqual([]);
});

test("missing dependencies are read from the import job and named", async () => {
  const zip = await JSZip.loadAsync(readFileSync(managedSolutionZip));
  const solutionXml = (await zip.file("solution.xml")?.async("string")) ?? "";
  const extra =
    '<MissingDependency><Required type="2" schemaName="msdyn_notinthisenvironment" displayName="Not in this environment" parentSchemaName="lead" solution="Dual-write Commerce solutions" /><Dependent type="26" schemaName="{00000000-0000-0000-0000-000000000001}" /></MissingDependency>';
  zip.file("solution.xml", solutionXml.replace("</MissingDependencies>", `${extra}</MissingDependencies>`));
  const path = join(workDir, "needs-more.zip");
  writeFileSync(path, await zip.generateAsync({ type: "nodebuffer" }));
  expect(solutionXml).toContain("</MissingDependencies>");

  const run = await deployTo(["--path", path]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain("import failed: missing dependencies");
  expect(run.stderr).toContain("msdyn_notinthisenvironment, from solution Dual-write Commerce solutions");
  expect(await rows("solutions?$filter=uniquename eq 'CommerceB2BOnboarding'")).toEqual([]);
});

test("a newer version already installed stops the deploy before importing", async () => {
  const zip = await JSZip.loadAsync(readFileSync(managedSolutionZip));
  const solutionXml = (await zip.file("solution.xml")?.async("string")) ?? "";
  zip.file("solution.xml", solutionXml.replace(/<Version>[^<]+<\/Version>/, "<Version>9.0.0.0</Version>"));
  const newer = join(workDir, "newer.zip");
  writeFileSync(newer, await zip.generateAsync({ type: "nodebuffer" }));
  expect((await deployTo(["--path", newer])).code).toBe(0);

  const run = await deployTo([]);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/9\.0\.0\.0 is installed, newer/);
  expect(await rows("solutions?$select=version&$filter=uniquename eq 'CommerceB2BOnboarding'")).toEqual([expect.objectContaining({ version: "9.0.0.0" })]);
});
