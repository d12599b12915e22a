/** ImportSolution through the Web API: components land in their entity sets; a bad package changes nothing. */
import JSZip from "jszip";
import { rows, startClient, type Client } from "../test/harness";

let client: Client;
beforeEach(async () => {
  client = await startClient();
});
afterEach(async () => {
  await client.server.close();
});

const VIEW_ID = "a3ced4fd-fbcb-4785-bc72-8de44ff0734d";
const ENDPOINT_ID = "5b0c7d7e-1111-4aaa-8bbb-000000000001";
const STEP_ID = "5b0c7d7e-1111-4aaa-8bbb-000000000002";
const WEBRESOURCE_ID = "86cbd031-ec16-4f6a-aa33-98f44d39925a";

interface PackageOptions {
  version?: string;
  managed?: boolean;
  viewName?: string;
  withStep?: boolean;
  missingDependency?: string;
  solutionXml?: string | null;
  customizationsXml?: string;
}

function solutionXml(o: PackageOptions): string {
  const dependency = o.missingDependency
    ? `<MissingDependencies><MissingDependency><Required type="2" schemaName="${o.missingDependency}" displayName="x" parentSchemaName="lead" solution="Dual-write Commerce solutions" /><Dependent type="26" schemaName="View" displayName="View" /></MissingDependency></MissingDependencies>`
    : "<MissingDependencies />";
  return `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml version="9.2" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <SolutionManifest>
    <UniqueName>CommerceB2BOnboarding</UniqueName>
    <LocalizedNames><LocalizedName description="Commerce B2B Onboarding" languagecode="1033" /><LocalizedName description="Commercen B2B-kumppanien käyttöönotto" languagecode="1035" /></LocalizedNames>
    <Descriptions />
    <Version>${o.version ?? "1.0.0.0"}</Version>
    <Managed>${o.managed === false ? 0 : 1}</Managed>
    <Publisher><UniqueName>commerceb2b</UniqueName></Publisher>
    <RootComponents />
    ${dependency}
  </SolutionManifest>
</ImportExportXml>`;
}

function customizationsXml(o: PackageOptions): string {
  const step = o.withStep
    ? `<SdkMessageProcessingSteps>
    <SdkMessageProcessingStep Name="Cb2b.Webhook.Validate: QualifyLead of lead" SdkMessageProcessingStepId="{${STEP_ID}}">
      <PluginTypeName>Microsoft.Crm.ServiceBus.ServiceBusPlugin</PluginTypeName>
      <PrimaryEntity>lead</PrimaryEntity>
      <AsyncAutoDelete>0</AsyncAutoDelete>
      <Description>Refuses to qualify incomplete Commerce B2B leads.</Description>
      <FilteringAttributes></FilteringAttributes>
      <Mode>0</Mode><Rank>1</Rank>
      <EventHandler>{${ENDPOINT_ID}}</EventHandler>
      <Stage>10</Stage>
      <SdkMessageProcessingStepImages />
    </SdkMessageProcessingStep>
  </SdkMessageProcessingSteps>
  <ServiceEndpoints>
    <ServiceEndpoint ServiceEndpointId="{${ENDPOINT_ID}}" Name="Commerce B2B webhook">
      <ConnectionMode>1</ConnectionMode><Contract>8</Contract><Description>Hand-off rules</Description><UserClaim>1</UserClaim>
      <AuthType>5</AuthType><MessageFormat>2</MessageFormat><Url>https://placeholder.invalid/api/dataverse</Url>
    </ServiceEndpoint>
  </ServiceEndpoints>`
    : "<SdkMessageProcessingSteps /><ServiceEndpoints />";
  return `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Entities>
    <Entity>
      <Name LocalizedName="Lead" OriginalName="Lead">Lead</Name>
      <EntityInfo><entity Name="Lead" unmodified="1"><attributes /></entity></EntityInfo>
      <FormXml />
      <SavedQueries><savedqueries><savedquery>
        <isquickfindquery>0</isquickfindquery><isdefault>0</isdefault>
        <savedqueryid>{${VIEW_ID}}</savedqueryid>
        <layoutxml><grid name="resultset" jump="fullname" select="1" icon="1" preview="1"><row name="result" id="leadid"><cell name="fullname" width="200" /></row></grid></layoutxml>
        <querytype>0</querytype>
        <fetchxml><fetch version="1.0" mapping="logical"><entity name="lead"><attribute name="fullname" /><attribute name="leadid" /><filter type="and"><condition attribute="msdyn_b2bcommerceprospect" operator="eq" value="1" /></filter></entity></fetch></fetchxml>
        <LocalizedNames><LocalizedName description="${o.viewName ?? "All Commerce B2B leads"}" languagecode="1033" /></LocalizedNames>
      </savedquery></savedqueries></SavedQueries>
      <RibbonDiffXml><CustomActions /><Templates><RibbonTemplates Id="Mscrm.Templates" /></Templates><CommandDefinitions /><RuleDefinitions><TabDisplayRules /><DisplayRules /><EnableRules /></RuleDefinitions><LocLabels /></RibbonDiffXml>
    </Entity>
  </Entities>
  <Roles><Role id="{b8b541f4-a88c-4d2e-b796-ed3e76b55876}" name="Commerce B2B approver"><RolePrivileges><RolePrivilege name="prvReadLead" level="Global" /></RolePrivileges></Role></Roles>
  <WebResources>
    <WebResource>
      <WebResourceId>{${WEBRESOURCE_ID}}</WebResourceId>
      <Name>cb2b_/scripts/LeadForm.js</Name>
      <DisplayName>Commerce B2B lead form</DisplayName>
      <WebResourceType>3</WebResourceType>
      <FileName>/WebResources/cb2b_scriptsLeadFormjs86CBD031-EC16-4F6A-AA33-98F44D39925A</FileName>
    </WebResource>
  </WebResources>
  <CustomControls />
  ${step}
</ImportExportXml>`;
}

async function buildZip(o: PackageOptions = {}): Promise<string> {
  const zip = new JSZip();
  if (o.solutionXml !== null) zip.file("solution.xml", o.solutionXml ?? solutionXml(o));
  zip.file("customizations.xml", o.customizationsXml ?? customizationsXml(o));
  zip.file("[Content_Types].xml", `<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/octet-stream" /></Types>`);
  zip.file("WebResources/cb2b_scriptsLeadFormjs86CBD031-EC16-4F6A-AA33-98F44D39925A", 'var Cb2b = { LeadForm: {} };');
  zip.file(
    "environmentvariabledefinitions/cb2b_RequireApproverRole/environmentvariabledefinition.xml",
    `<environmentvariabledefinition schemaname="cb2b_RequireApproverRole"><defaultvalue>no</defaultvalue><displayname default="Require Commerce B2B approver role" /><type>100000002</type></environmentvariabledefinition>`,
  );
  return (await zip.generateAsync({ type: "nodebuffer" })).toString("base64");
}

const importZip = (file: string) =>
  client.post("ImportSolution", { CustomizationFile: file, OverwriteUnmanagedCustomizations: true, PublishWorkflows: true, ImportJobId: "00000000-0000-4000-8000-0000000000aa" });

async function snapshot() {
  const [solutions, views, webResources, endpoints] = await Promise.all([
    client.get("solutions?$select=uniquename,version,ismanaged&$filter=uniquename eq 'CommerceB2BOnboarding'"),
    client.get("savedqueries?$select=name,returnedtypecode&$filter=returnedtypecode eq 'lead' and solutionid ne null"),
    client.get("webresourceset?$select=name,content"),
    client.get("serviceendpoints?$select=name,url"),
  ]);
  return { solutions: rows(solutions), views: rows(views), webResources: rows(webResources), endpoints: rows(endpoints) };
}

test("a good managed package lands in the entity sets", async () => {
  expect((await importZip(await buildZip({ withStep: true }))).status).toBe(204);
  const state = await snapshot();
  expect(state.solutions).toEqual([expect.objectContaining({ uniquename: "CommerceB2BOnboarding", version: "1.0.0.0", ismanaged: true })]);
  expect(state.views).toEqual([expect.objectContaining({ savedqueryid: VIEW_ID, name: "All Commerce B2B leads", returnedtypecode: "lead" })]);
  expect(state.webResources.map((w) => [w.name, Buffer.from(String(w.content), "base64").toString("utf8")])).toEqual([
    ["cb2b_/scripts/LeadForm.js", "var Cb2b = { LeadForm: {} };"],
  ]);
  expect(state.endpoints).toEqual([expect.objectContaining({ name: "Commerce B2B webhook", url: "https://placeholder.invalid/api/dataverse" })]);
  const step = (await client.get(`sdkmessageprocessingsteps(${STEP_ID})?$expand=sdkmessageid($select=name)`)).body;
  expect(step).toMatchObject({ stage: 10, mode: 0, _eventhandler_value: ENDPOINT_ID, sdkmessageid: expect.objectContaining({ name: "QualifyLead" }) });
  // The imported role lands in the (one) business unit as the root role: its own parentrootroleid.
  expect(rows(await client.get("roles?$select=name,_parentrootroleid_value&$filter=name eq 'Commerce B2B approver'"))).toEqual([
    expect.objectContaining({ roleid: "b8b541f4-a88c-4d2e-b796-ed3e76b55876", name: "Commerce B2B approver", _parentrootroleid_value: "b8b541f4-a88c-4d2e-b796-ed3e76b55876" }),
  ]);
  expect(rows(await client.get("ribboncustomizations?$select=entity"))).toEqual([expect.objectContaining({ entity: "lead" })]);
  expect(rows(await client.get("environmentvariabledefinitions?$select=schemaname,defaultvalue,type"))).toEqual([
    expect.objectContaining({ schemaname: "cb2b_RequireApproverRole", defaultvalue: "no", type: 100000002 }),
  ]);
  // The imported view runs.
  const view = rows(await client.get(`savedqueries?$filter=name eq 'All Commerce B2B leads'&$select=savedqueryid`))[0];
  expect((await client.get(`leads?savedQuery=${String(view.savedqueryid)}`)).status).toBe(200);
});

test("the import job records the outcome: success, then a refusal with its reason", async () => {
  const jobId = "00000000-0000-4000-8000-0000000000aa";
  expect((await importZip(await buildZip())).status).toBe(204);
  const success = (await client.get(`importjobs(${jobId})?$select=solutionname,progress,data,completedon`)).body;
  expect(success).toMatchObject({ solutionname: "CommerceB2BOnboarding", progress: 100 });
  expect(String(success.data)).toContain('result="success"');
  expect((await importZip(await buildZip({ version: "0.1.0.0" }))).status).toBe(400);
  const failure = String((await client.get(`importjobs(${jobId})?$select=data`)).body.data);
  expect(failure).toContain('result="failure"');
  expect(failure).toContain("The import solution must have a higher version than the existing solution it is upgrading.");
});

test("an upgrade replaces components and drops the ones the new version no longer has", async () => {
  expect((await importZip(await buildZip({ withStep: true }))).status).toBe(204);
  expect((await importZip(await buildZip({ version: "1.0.1.0", viewName: "Commerce B2B leads (v2)" }))).status).toBe(204);
  const state = await snapshot();
  expect(state.solutions[0].version).toBe("1.0.1.0");
  expect(state.views.map((v) => v.name)).toEqual(["Commerce B2B leads (v2)"]);
  expect(state.endpoints).toEqual([]);
  expect(rows(await client.get("sdkmessageprocessingsteps"))).toEqual([]);
});

describe("a refused package leaves the previous state intact", () => {
  const cases: [string, () => Promise<string>, RegExp][] = [
    ["missing solution.xml", () => buildZip({ solutionXml: null }), /must contain the following files at its root: solution\.xml, customizations\.xml, and \[Content_Types\]\.xml/],
    ["malformed customizations.xml", () => buildZip({ customizationsXml: "<ImportExportXml><Entities></ImportExportXml>" }), /customizations\.xml is not well-formed XML/],
    ["an older version than installed", () => buildZip({ version: "0.9.0.0", viewName: "Old" }), /The import solution must have a higher version than the existing solution it is upgrading/],
    ["unmanaged over managed", () => buildZip({ managed: false, version: "2.0.0.0" }), /already installed on this system as a managed solution/],
    ["a missing dependency", () => buildZip({ version: "2.0.0.0", missingDependency: "msdyn_nosuchcolumn" }), /Some dependencies are missing.*lead\.msdyn_nosuchcolumn/],
    ["not a zip", async () => Buffer.from("not a zip at all").toString("base64"), /not a compressed \(\.zip\) solution file/],
  ];
  test.each(cases)("%s", async (_name, build, reason) => {
    expect((await importZip(await buildZip({ withStep: true }))).status).toBe(204);
    const before = await snapshot();
    const answer = await importZip(await build());
    expect(answer.status).toBe(400);
    expect(String((answer.body.error as { message: string }).message)).toMatch(reason);
    expect(await snapshot()).toEqual(before);
  });

  test("a step on a message the sandbox does not run is refused by name", async () => {
    const xml = customizationsXml({ withStep: true }).replace("Validate: QualifyLead of lead", "Validate: Merge of lead");
    const answer = await importZip(await buildZip({ customizationsXml: xml }));
    expect(answer.status).toBe(400);
    expect(String((answer.body.error as { message: string }).message)).toContain("'Merge'");
    expect((await snapshot()).solutions).toEqual([]);
  });

  test("missing required parameters are refused", async () => {
    const answer = await client.post("ImportSolution", { CustomizationFile: await buildZip() });
    expect(answer.status).toBe(400);
    expect(String((answer.body.error as { message: string }).message)).toContain("OverwriteUnmanagedCustomizations");
  });
});
