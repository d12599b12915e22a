/**
 * ImportSolutionAsync and PublishAllXml as a deploy tool drives them: a system job to follow, the import
 * job's log naming missing dependencies, and the 401/403 answers for the wrong caller.
 */
import JSZip from "jszip";
import { startClient, type Client } from "../test/harness";

let client: Client;
beforeEach(async () => {
  client = await startClient();
});
afterEach(async () => {
  await client.server.close();
});

async function solutionZip(options: { missingColumn?: string } = {}): Promise<string> {
  const dependencies = options.missingColumn
    ? `<MissingDependencies><MissingDependency><Required type="2" schemaName="${options.missingColumn}" displayName="${options.missingColumn}" parentSchemaName="lead" solution="Dual-write Commerce solutions" /><Dependent type="26" schemaName="{a3ced4fd-fbcb-4785-bc72-8de44ff0734d}" /></MissingDependency></MissingDependencies>`
    : "<MissingDependencies />";
  const zip = new JSZip();
  zip.file(
    "solution.xml",
    `<ImportExportXml version="9.2"><SolutionManifest><UniqueName>AsyncSample</UniqueName><LocalizedNames><LocalizedName description="Async sample" languagecode="1033" /></LocalizedNames><Version>1.0.0.0</Version><Managed>1</Managed><Publisher><UniqueName>commerceb2b</UniqueName></Publisher><RootComponents />${dependencies}</SolutionManifest></ImportExportXml>`,
  );
  zip.file("customizations.xml", "<ImportExportXml><Entities /><Roles /><WebResources /><CustomControls /></ImportExportXml>");
  zip.file("[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/octet-stream" /></Types>`);
  return (await zip.generateAsync({ type: "nodebuffer" })).toString("base64");
}

const importAsync = async (file: string, token = "admin") =>
  client.request("POST", "ImportSolutionAsync", {
    body: { CustomizationFile: file, OverwriteUnmanagedCustomizations: false, PublishWorkflows: true },
    token,
  });

test("a good package: the system job completes as Succeeded and the import job logs success", async () => {
  const started = await importAsync(await solutionZip());
  expect(started.status).toBe(200);
  expect(started.body["@odata.context"]).toMatch(/\$metadata#Microsoft\.Dynamics\.CRM\.ImportSolutionAsyncResponse$/);
  const { AsyncOperationId, ImportJobKey } = started.body as { AsyncOperationId: string; ImportJobKey: string };
  const job = await client.get(`asyncoperations(${AsyncOperationId})?$select=statecode,statuscode,operationtype,message`);
  expect(job.body).toMatchObject({ statecode: 3, statuscode: 30, operationtype: 54, message: null });
  const importJob = await client.get(`importjobs(${ImportJobKey})?$select=data,progress,solutionname`);
  expect(importJob.body).toMatchObject({ progress: 100, solutionname: "AsyncSample" });
  expect(String(importJob.body.data)).toContain('result="success"');
  const installed = await client.get("solutions?$select=version&$filter=uniquename eq 'AsyncSample'");
  expect(installed.body.value).toEqual([expect.objectContaining({ version: "1.0.0.0" })]);
});

test("a package with a missing dependency: Failed, and the import job names what to install", async () => {
  const started = await importAsync(await solutionZip({ missingColumn: "msdyn_notacolumn" }));
  expect(started.status).toBe(200);
  const { AsyncOperationId, ImportJobKey } = started.body as { AsyncOperationId: string; ImportJobKey: string };
  const job = await client.get(`asyncoperations(${AsyncOperationId})?$select=statecode,statuscode,friendlymessage`);
  expect(job.body).toMatchObject({ statecode: 3, statuscode: 31 });
  expect(String(job.body.friendlymessage)).toContain("msdyn_notacolumn");
  const data = String((await client.get(`importjobs(${ImportJobKey})?$select=data`)).body.data);
  expect(data).toContain('result="failure"');
  expect(data).toMatch(/<MissingDependency><Required type="2" schemaName="msdyn_notacolumn"[^>]*solution="Dual-write Commerce solutions"/);
  expect((await client.get("solutions?$filter=uniquename eq 'AsyncSample'")).body.value).toEqual([]);
});

test("parameter errors are answered at once, without a system job", async () => {
  const answer = await client.post("ImportSolutionAsync", { OverwriteUnmanagedCustomizations: false, PublishWorkflows: true });
  expect(answer.status).toBe(400);
  expect(JSON.stringify(answer.body)).toContain("CustomizationFile");
  expect((await client.get("asyncoperations?$filter=operationtype eq 54")).body.value).toEqual([]);
});

test("a sales rep may neither import nor publish: 403 naming the privilege; the admin may", async () => {
  const refused = await importAsync(await solutionZip(), "salesrep");
  expect(refused.status).toBe(403);
  expect((refused.body.error as { message: string }).message).toMatch(/is missing prvCreateCustomization privilege/);
  const publishRefused = await client.request("POST", "PublishAllXml", { body: {}, token: "salesrep" });
  expect(publishRefused.status).toBe(403);
  expect((publishRefused.body.error as { message: string }).message).toMatch(/prvWriteQuery/);
  expect((await client.request("POST", "PublishAllXml", { body: {} })).status).toBe(204);
  // An action called with GET: no HTTP resource matches (Troubleshoot Dataverse Web API client errors).
  expect((await client.get("PublishAllXml")).status).toBe(404);
});

test("an expired JWT is a 401, a current one signs in", async () => {
  const jwt = (exp: number) =>
    ["e30", Buffer.from(JSON.stringify({ exp, oid: "6f0e2c4a-0000-4000-8000-000000000002" })).toString("base64url"), "sig"].join(".");
  const expired = await client.request("GET", "WhoAmI", { token: jwt(Math.floor(Date.now() / 1000) - 60) });
  expect(expired.status).toBe(401);
  expect(JSON.stringify(expired.body)).toContain("expired");
  const current = await client.request("GET", "WhoAmI", { token: jwt(Math.floor(Date.now() / 1000) + 3600) });
  expect(current.status).toBe(200);
  expect(current.body.UserId).toBe("6f0e2c4a-0000-4000-8000-000000000002");
});

test("environment variable values bind their definition through EnvironmentVariableDefinitionId, as in Dataverse", async () => {
  const definition = await client.create("environmentvariabledefinitions", { schemaname: "cb2b_Sample", displayname: "Sample", type: 100000000 });
  const value = await client.create("environmentvariablevalues", {
    schemaname: "cb2b_Sample",
    value: "yes",
    "EnvironmentVariableDefinitionId@odata.bind": `/environmentvariabledefinitions(${definition})`,
  });
  const read = await client.get(`environmentvariablevalues(${value})?$select=value,_environmentvariabledefinitionid_value`);
  expect(read.body).toMatchObject({ value: "yes", _environmentvariabledefinitionid_value: definition });
  const lower = await client.post("environmentvariablevalues", {
    value: "no",
    "environmentvariabledefinitionid@odata.bind": `/environmentvariabledefinitions(${definition})`,
  });
  expect(lower.status).toBe(400);
});

test("a definition expands its values (the query the approver check makes); other collections stay refused by name", async () => {
  const withValue = await client.create("environmentvariabledefinitions", { schemaname: "cb2b_RequireApproverRole", defaultvalue: "no", type: 100000002 });
  await client.create("environmentvariabledefinitions", { schemaname: "cb2b_Other", defaultvalue: "x", type: 100000000 });
  await client.create("environmentvariablevalues", {
    schemaname: "cb2b_RequireApproverRole",
    value: "yes",
    "EnvironmentVariableDefinitionId@odata.bind": `/environmentvariabledefinitions(${withValue})`,
  });
  const answer = await client.get(
    "environmentvariabledefinitions?$select=defaultvalue,schemaname&$orderby=schemaname&$expand=environmentvariabledefinition_environmentvariablevalue($select=value)",
  );
  expect(answer.status).toBe(200);
  const rows = answer.body.value as Record<string, unknown>[];
  expect(rows.map((r) => [r.schemaname, (r.environmentvariabledefinition_environmentvariablevalue as { value: string }[]).map((v) => v.value)])).toEqual([
    ["cb2b_Other", []],
    ["cb2b_RequireApproverRole", ["yes"]],
  ]);
  const unknown = await client.get("leads?$expand=Lead_Annotation($select=subject)");
  expect(unknown.status).toBe(501);
  expect(JSON.stringify(unknown.body)).toContain("Lead_Annotation");
});
