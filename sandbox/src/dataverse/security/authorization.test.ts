/**
 * Authorization through the Web API, as Dataverse does it: a token must name a user, a user's privileges
 * are the union of the security roles held directly and through teams, and writes to customizations
 * (web resources, service endpoints, steps and their images, solutions, roles) need their privileges.
 * The matrix runs every action for an unknown token, the sales rep, dual-write's application user, a rep
 * who also holds the imported Commerce B2B approver role, and the admin.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { rows, startClient, type Answer, type Client } from "../test/harness";
import { SandboxUsers } from "../users";
import { SalespersonRoleId } from "./roles";

const APPROVER_ROLE_ID = "b8b541f4-a88c-4d2e-b796-ed3e76b55876";
const ENDPOINT_ID = "5b0c7d7e-1111-4aaa-8bbb-000000000001";
const STEP_ID = "5b0c7d7e-1111-4aaa-8bbb-000000000002";
const WEBRESOURCE_ID = "86cbd031-ec16-4f6a-aa33-98f44d39925a";
const APPROVER_REP_ID = "6f0e2c4a-0000-4000-8000-0000000000a1";
const WEBHOOK_KEY_SETTINGS = '<settings><setting name="x-cb2b-webhook-key" value="s3cret-key" /></settings>';

/** The approver role exactly as the solution ships it. */
const approverRoleXml = readFileSync(join(__dirname, "../../../../solution/src/Roles/Commerce B2B approver.xml"), "utf8").replace(/^\uFEFF?<\?xml[^>]*\?>\s*/, "");

async function solutionZip(version: string): Promise<string> {
  const zip = new JSZip();
  zip.file(
    "solution.xml",
    `<?xml version="1.0" encoding="utf-8"?><ImportExportXml version="9.2" SolutionPackageVersion="9.2" languagecode="1033"><SolutionManifest><UniqueName>CommerceB2BOnboarding</UniqueName><LocalizedNames><LocalizedName description="Commerce B2B Onboarding" languagecode="1033" /></LocalizedNames><Version>${version}</Version><Managed>1</Managed><Publisher><UniqueName>commerceb2b</UniqueName></Publisher><RootComponents /><MissingDependencies /></SolutionManifest></ImportExportXml>`,
  );
  zip.file(
    "customizations.xml",
    `<?xml version="1.0" encoding="utf-8"?><ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Roles>${approverRoleXml}</Roles>
  <WebResources><WebResource><WebResourceId>{${WEBRESOURCE_ID}}</WebResourceId><Name>cb2b_/scripts/LeadForm.js</Name><DisplayName>Commerce B2B lead form</DisplayName><WebResourceType>3</WebResourceType><FileName>/WebResources/cb2b_scriptsLeadFormjs${WEBRESOURCE_ID}</FileName></WebResource></WebResources>
  <SdkMessageProcessingSteps><SdkMessageProcessingStep Name="Cb2b.Webhook.Validate: QualifyLead of lead" SdkMessageProcessingStepId="{${STEP_ID}}"><PluginTypeName>Microsoft.Crm.ServiceBus.ServiceBusPlugin</PluginTypeName><PrimaryEntity>lead</PrimaryEntity><AsyncAutoDelete>0</AsyncAutoDelete><Mode>0</Mode><Rank>1</Rank><EventHandler>{${ENDPOINT_ID}}</EventHandler><Stage>10</Stage><SdkMessageProcessingStepImages /></SdkMessageProcessingStep></SdkMessageProcessingSteps>
  <ServiceEndpoints><ServiceEndpoint ServiceEndpointId="{${ENDPOINT_ID}}" Name="Commerce B2B webhook"><ConnectionMode>1</ConnectionMode><Contract>8</Contract><UserClaim>1</UserClaim><AuthType>5</AuthType><MessageFormat>2</MessageFormat><Url>https://placeholder.invalid/api/dataverse</Url></ServiceEndpoint></ServiceEndpoints>
</ImportExportXml>`,
  );
  zip.file("[Content_Types].xml", `<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/octet-stream" /></Types>`);
  zip.file(`WebResources/cb2b_scriptsLeadFormjs${WEBRESOURCE_ID}`, "var Cb2b = { LeadForm: {} };");
  return (await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" })).toString("base64");
}

/** An unsigned JWT naming a user by `oid`, as an Entra ID token for that user would. */
const jwtFor = (oid: string): string =>
  ["e30", Buffer.from(JSON.stringify({ oid, exp: Math.floor(Date.now() / 1000) + 3600 })).toString("base64url"), "sig"].join(".");

interface Who {
  label: string;
  token: string;
}
const unknown: Who = { label: "unknown token", token: "made-up-token" };
const rep: Who = { label: "salesrep", token: SandboxUsers.salesRep.token };
const dualWrite: Who = { label: "dualwrite", token: SandboxUsers.dualWrite.token };
const approver: Who = { label: "rep with the approver role", token: jwtFor(APPROVER_REP_ID) };
const admin: Who = { label: "admin", token: SandboxUsers.admin.token };
const everyone = [unknown, rep, dualWrite, approver, admin];

let client: Client;

beforeAll(async () => {
  client = await startClient();
  expect((await importAs(admin, await solutionZip("1.0.0.0"))).status).toBe(204);
  // A second rep who holds Salesperson and the imported approver role.
  await client.create("systemusers", { systemuserid: APPROVER_REP_ID, fullname: "Aino Hyväksyjä", domainname: "aino@sandbox.localhost", isdisabled: false, accessmode: 0 });
  for (const roleId of [SalespersonRoleId, APPROVER_ROLE_ID]) {
    expect((await client.post(`systemusers(${APPROVER_REP_ID})/systemuserroles_association/$ref`, { "@odata.id": `roles(${roleId})` })).status).toBe(204);
  }
  expect((await client.patch(`serviceendpoints(${ENDPOINT_ID})`, { authtype: 5, authvalue: WEBHOOK_KEY_SETTINGS })).status).toBe(204);
});
afterAll(async () => {
  await client.server.close();
});

function importAs(who: Who, file: string): Promise<Answer> {
  return client.request("POST", "ImportSolution", {
    body: { CustomizationFile: file, OverwriteUnmanagedCustomizations: true, PublishWorkflows: true },
    token: who.token,
  });
}

/** Status, and the privilege a 403 names. */
function outcome(answer: Answer): string {
  if (answer.status !== 403) return String(answer.status);
  const error = answer.body.error as { code: string; message: string };
  return `403 ${error.code} ${/\b(prv[A-Za-z]+)\b/.exec(error.message)?.[1] ?? error.message}`;
}

async function matrix(action: (who: Who, index: number) => Promise<Answer>): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const [index, who] of everyone.entries()) result[who.label] = outcome(await action(who, index));
  return result;
}

const denied = (privilege: string) => `403 0x80040220 ${privilege}`;

test("an unknown token is a 401; seeded tokens and a JWT naming a user sign in; a JWT naming nobody does not", async () => {
  const who = async (token: string) => {
    const answer = await client.request("GET", "WhoAmI", { token });
    return answer.status === 200 ? answer.body.UserId : answer.status;
  };
  expect(await who("made-up-token")).toBe(401);
  // A user's id is no password: it is readable by every user (GET systemusers).
  expect(await who(SandboxUsers.admin.id)).toBe(401);
  expect(await who(jwtFor("00000000-0000-4000-8000-00000000dead"))).toBe(401);
  expect(await who(SandboxUsers.salesRep.token)).toBe(SandboxUsers.salesRep.id);
  expect(await who(SandboxUsers.dualWrite.token)).toBe(SandboxUsers.dualWrite.id);
  expect(await who(jwtFor(APPROVER_REP_ID))).toBe(APPROVER_REP_ID);
  const unknownAnswer = await client.request("GET", "leads", { token: "made-up-token" });
  expect(unknownAnswer.headers.get("www-authenticate")).toMatch(/^Bearer /);
  expect(unknownAnswer.body.error).toMatchObject({ code: "0x80072560" });
});

test("import and publish need prvCreateCustomization and prvWriteQuery", async () => {
  const zip = await solutionZip("1.0.0.1");
  expect(await matrix((who) => importAs(who, zip))).toEqual({
    "unknown token": "401",
    salesrep: "403 0x80040220 prvCreateCustomization",
    dualwrite: "403 0x80040220 prvCreateCustomization",
    "rep with the approver role": "403 0x80040220 prvCreateCustomization",
    admin: "204",
  });
  expect(await matrix((who) => client.request("POST", "PublishAllXml", { body: {}, token: who.token }))).toEqual({
    "unknown token": "401",
    salesrep: denied("prvWriteQuery"),
    dualwrite: denied("prvWriteQuery"),
    "rep with the approver role": denied("prvWriteQuery"),
    admin: "204",
  });
  const refused = await importAs(rep, zip);
  expect((refused.body.error as { message: string }).message).toMatch(/is missing prvCreateCustomization privilege on OTC=7100 for entity 'solution'/);
});

test("web resources: everyone signed in reads them; only the admin rewrites cb2b_/scripts/LeadForm.js or adds one", async () => {
  const content = (text: string) => Buffer.from(text).toString("base64");
  expect(await matrix((who) => client.request("GET", `webresourceset(${WEBRESOURCE_ID})?$select=name`, { token: who.token }))).toEqual({
    "unknown token": "401",
    salesrep: "200",
    dualwrite: denied("prvReadWebResource"),
    "rep with the approver role": "200",
    admin: "200",
  });
  expect(
    await matrix((who) =>
      client.request("PATCH", `webresourceset(${WEBRESOURCE_ID})`, { body: { content: content(`/* by ${who.label} */ alert(document.cookie);`) }, token: who.token }),
    ),
  ).toEqual({
    "unknown token": "401",
    salesrep: denied("prvWriteWebResource"),
    dualwrite: denied("prvWriteWebResource"),
    "rep with the approver role": denied("prvWriteWebResource"),
    admin: "204",
  });
  const script = (await client.get(`webresourceset(${WEBRESOURCE_ID})?$select=content`)).body.content as string;
  expect(Buffer.from(script, "base64").toString("utf8")).toBe("/* by admin */ alert(document.cookie);");
  expect(
    await matrix((who, index) =>
      client.request("POST", "webresourceset", { body: { name: `cb2b_/scripts/Extra${index}.js`, webresourcetype: 3, content: content("1") }, token: who.token }),
    ),
  ).toEqual({
    "unknown token": "401",
    salesrep: denied("prvCreateWebResource"),
    dualwrite: denied("prvCreateWebResource"),
    "rep with the approver role": denied("prvCreateWebResource"),
    admin: "204",
  });
  expect(rows(await client.get("webresourceset?$select=name&$filter=startswith(name,'cb2b_/scripts/Extra')")).map((r) => r.name)).toEqual(["cb2b_/scripts/Extra4.js"]);
  const refused = await client.request("PATCH", `webresourceset(${WEBRESOURCE_ID})`, { body: { content: content("x") }, token: rep.token });
  expect((refused.body.error as { message: string }).message).toMatch(/^Principal user \(Id=6f0e2c4a-0000-4000-8000-000000000002, type=8, .*\), is missing prvWriteWebResource privilege on OTC=9333 for entity 'webresource'/);
});

test("service endpoints: only the admin reads or writes them, and nobody ever reads authvalue", async () => {
  expect(await matrix((who) => client.request("GET", `serviceendpoints(${ENDPOINT_ID})?$select=name,authvalue`, { token: who.token }))).toEqual({
    "unknown token": "401",
    salesrep: denied("prvReadServiceEndpoint"),
    dualwrite: denied("prvReadServiceEndpoint"),
    "rep with the approver role": denied("prvReadServiceEndpoint"),
    admin: "200",
  });
  expect(
    await matrix((who) => client.request("PATCH", `serviceendpoints(${ENDPOINT_ID})`, { body: { url: `https://attacker.invalid/${who.label}` }, token: who.token })),
  ).toEqual({
    "unknown token": "401",
    salesrep: denied("prvWriteServiceEndpoint"),
    dualwrite: denied("prvWriteServiceEndpoint"),
    "rep with the approver role": denied("prvWriteServiceEndpoint"),
    admin: "204",
  });
  await client.patch(`serviceendpoints(${ENDPOINT_ID})`, { url: "https://placeholder.invalid/api/dataverse" });

  // The admin neither: authvalue is written, never returned (IsValidForRead False), however it is asked for.
  const selected = (await client.get(`serviceendpoints(${ENDPOINT_ID})?$select=name,authvalue`)).body;
  expect(selected).toMatchObject({ name: "Commerce B2B webhook" });
  expect(selected).not.toHaveProperty("authvalue");
  const full = (await client.get(`serviceendpoints(${ENDPOINT_ID})`)).body;
  expect(full).toHaveProperty("url");
  expect(full).not.toHaveProperty("authvalue");
  const listed = rows(await client.get("serviceendpoints"));
  expect(listed.length).toBe(1);
  expect(listed[0]).not.toHaveProperty("authvalue");
  const fetched = rows(await client.get(`serviceendpoints?fetchXml=${encodeURIComponent('<fetch><entity name="serviceendpoint"><all-attributes /></entity></fetch>')}`));
  expect(fetched[0]).not.toHaveProperty("authvalue");
  expect(JSON.stringify([selected, full, listed, fetched])).not.toContain("s3cret-key");
  // Nor can it be probed through a filter or an order.
  for (const path of [
    "serviceendpoints?$filter=startswith(authvalue,'<settings')",
    "serviceendpoints?$orderby=authvalue",
    `serviceendpoints?fetchXml=${encodeURIComponent('<fetch><entity name="serviceendpoint"><attribute name="name" /><filter><condition attribute="authvalue" operator="like" value="%s3cret%" /></filter></entity></fetch>')}`,
  ]) {
    const probe = await client.get(path);
    expect(probe.status).toBe(400);
    expect((probe.body.error as { message: string }).message).toContain("'authvalue'");
  }
  // The key still reaches the webhook: the pipeline reads the stored value, not the Web API.
  const stored = client.server.db.prepare("SELECT authvalue FROM dv_serviceendpoint WHERE serviceendpointid = ?").get(ENDPOINT_ID) as { authvalue: string };
  expect(stored.authvalue).toBe(WEBHOOK_KEY_SETTINGS);
});

test("steps and their images need the SdkMessageProcessingStep privileges", async () => {
  expect(await matrix((who) => client.request("PATCH", `sdkmessageprocessingsteps(${STEP_ID})`, { body: { rank: 2 }, token: who.token }))).toEqual({
    "unknown token": "401",
    salesrep: denied("prvWriteSdkMessageProcessingStep"),
    dualwrite: denied("prvWriteSdkMessageProcessingStep"),
    "rep with the approver role": denied("prvWriteSdkMessageProcessingStep"),
    admin: "204",
  });
  expect(
    await matrix((who, index) =>
      client.request("POST", "sdkmessageprocessingstepimages", {
        body: {
          name: `image ${index}`,
          entityalias: `image${index}`,
          imagetype: 0,
          messagepropertyname: "LeadId",
          "sdkmessageprocessingstepid@odata.bind": `/sdkmessageprocessingsteps(${STEP_ID})`,
        },
        token: who.token,
      }),
    ),
  ).toEqual({
    "unknown token": "401",
    salesrep: denied("prvCreateSdkMessageProcessingStepImage"),
    dualwrite: denied("prvCreateSdkMessageProcessingStepImage"),
    "rep with the approver role": denied("prvCreateSdkMessageProcessingStepImage"),
    admin: "204",
  });
  expect(await matrix((who) => client.request("DELETE", `sdkmessageprocessingsteps(${STEP_ID})`, { token: who.token }))).toEqual({
    "unknown token": "401",
    salesrep: denied("prvDeleteSdkMessageProcessingStep"),
    dualwrite: denied("prvDeleteSdkMessageProcessingStep"),
    "rep with the approver role": denied("prvDeleteSdkMessageProcessingStep"),
    admin: "204",
  });
});

test("roles and the approver switch cannot be rewritten by the people they govern", async () => {
  const grantAll = '<RolePrivileges><RolePrivilege name="prvWriteWebResource" level="Global" /></RolePrivileges>';
  expect((await client.request("PATCH", `roles(${SalespersonRoleId})`, { body: { privilegesxml: grantAll }, token: rep.token })).body.error).toMatchObject({
    code: "0x80040220",
    message: expect.stringContaining("prvWriteRole"),
  });
  expect((await client.request("POST", "roles", { body: { name: "Mine", privilegesxml: grantAll }, token: rep.token })).status).toBe(403);
  const definition = await client.create("environmentvariabledefinitions", { schemaname: "cb2b_RequireApproverRole", defaultvalue: "yes", type: 100000002 });
  const refused = await client.request("POST", "environmentvariablevalues", {
    body: { schemaname: "cb2b_RequireApproverRole", value: "no", "EnvironmentVariableDefinitionId@odata.bind": `/environmentvariabledefinitions(${definition})` },
    token: approver.token,
  });
  expect(outcome(refused)).toBe(denied("prvCreateEnvironmentVariableDefinition"));
  expect(rows(await client.get("environmentvariablevalues"))).toEqual([]);
  // A table with no privileges modelled (the ribbon) is the System Administrator's to write.
  const ribbon = await client.request("POST", "ribboncustomizations", { body: { entity: "lead", ribbondiffxml: "<RibbonDiffXml />" }, token: rep.token });
  expect(ribbon.status).toBe(403);
  expect((ribbon.body.error as { message: string }).message).toContain("only the System Administrator role may write it");
});

test("$batch parts run as the caller: a part with its own Authorization is refused, and nothing in the batch runs", async () => {
  const batch = (token: string, partHeaders: string) =>
    client.request("POST", "$batch", {
      token,
      headers: { "Content-Type": "multipart/mixed; boundary=batch_x" },
      body: [
        "--batch_x",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        `PATCH ${client.server.apiUrl}webresourceset(${WEBRESOURCE_ID}) HTTP/1.1`,
        "Content-Type: application/json",
        ...partHeaders.split("\n").filter(Boolean),
        "",
        JSON.stringify({ content: Buffer.from("/* from a batch */").toString("base64") }),
        "--batch_x--",
        "",
      ].join("\r\n"),
    });
  const before = (await client.get(`webresourceset(${WEBRESOURCE_ID})?$select=content`)).body.content;
  const results: Record<string, string> = {};
  for (const who of everyone) {
    const answer = await batch(who.token, `Authorization: Bearer ${admin.token}`);
    results[who.label] = answer.status === 400 ? `400 ${/'([^']+)' has its own Authorization header/.exec((answer.body.error as { message: string }).message)?.[1]}` : String(answer.status);
  }
  const part = `PATCH ${client.server.apiUrl}webresourceset(${WEBRESOURCE_ID})`;
  expect(results).toEqual({
    "unknown token": "401",
    salesrep: `400 ${part}`,
    dualwrite: `400 ${part}`,
    "rep with the approver role": `400 ${part}`,
    admin: `400 ${part}`,
  });
  expect((await client.get(`webresourceset(${WEBRESOURCE_ID})?$select=content`)).body.content).toBe(before);

  // Without a part header the part runs as the batch's caller: the rep's part is refused inside the batch
  // (the batch's status is its failing part's, as "Execute batch operations using the Web API" shows).
  const asRep = await batch(rep.token, "");
  expect(asRep.status).toBe(403);
  expect(asRep.text).toMatch(/HTTP\/1\.1 403/);
  expect(asRep.text).toContain("prvWriteWebResource");
  expect((await client.get(`webresourceset(${WEBRESOURCE_ID})?$select=content`)).body.content).toBe(before);
});

test("privileges come from roles held directly and through teams, and depth limits Basic privileges to own records", async () => {
  // dual-write owns the leads it creates; the rep's prvDeleteLead is Basic, prvWriteLead Global.
  const lead = await client.create("leads", { lastname: "Owned by dual-write", companyname: "Oy Ab" }, dualWrite.token);
  expect((await client.request("PATCH", `leads(${lead})`, { body: { telephone1: "+358 1" }, token: rep.token })).status).toBe(204);
  const deleteOthers = await client.request("DELETE", `leads(${lead})`, { token: rep.token });
  expect(deleteOthers.status).toBe(403);
  expect(deleteOthers.body.error).toMatchObject({ code: "0x80048306", message: expect.stringContaining(`does not have DeleteAccess right(s) for record with ID ${lead} of entity lead`) });
  const own = await client.create("leads", { lastname: "Owned by the rep" }, rep.token);
  expect((await client.request("DELETE", `leads(${own})`, { token: rep.token })).status).toBe(204);

  // A team's role reaches its members, and leaving the team takes it away.
  const roleId = await client.create("roles", { name: "Web resource editors", privilegesxml: '<RolePrivileges><RolePrivilege name="prvWriteWebResource" level="Global" /></RolePrivileges>' });
  const teamId = await client.create("teams", { name: "Script editors", teamtype: 0 });
  await client.post(`teams(${teamId})/teamroles_association/$ref`, { "@odata.id": `roles(${roleId})` });
  const edit = () => client.request("PATCH", `webresourceset(${WEBRESOURCE_ID})`, { body: { description: "edited" }, token: rep.token });
  expect((await edit()).status).toBe(403);
  await client.post(`teams(${teamId})/teammembership_association/$ref`, { "@odata.id": `systemusers(${SandboxUsers.salesRep.id})` });
  expect((await edit()).status).toBe(204);
  await client.request("DELETE", `teams(${teamId})/teammembership_association(${SandboxUsers.salesRep.id})/$ref`);
  expect((await edit()).status).toBe(403);

  // Taking the Salesperson role away takes the rep's lead privileges with it.
  await client.request("DELETE", `systemusers(${SandboxUsers.salesRep.id})/systemuserroles_association(${SalespersonRoleId})/$ref`);
  expect(outcome(await client.request("GET", "leads?$select=fullname", { token: rep.token }))).toBe(denied("prvReadLead"));
  await client.post(`systemusers(${SandboxUsers.salesRep.id})/systemuserroles_association/$ref`, { "@odata.id": `roles(${SalespersonRoleId})` });
  expect((await client.request("GET", "leads?$select=fullname", { token: rep.token })).status).toBe(200);
});
