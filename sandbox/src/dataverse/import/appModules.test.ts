/**
 * ImportSolution stores the model-driven app and its site map as Dataverse does (appmodule, appmodulecomponent,
 * appmoduleroles, sitemap); what the sandbox does not model is refused by name, never dropped.
 */
import { existsSync, readFileSync } from "node:fs";
import JSZip from "jszip";
import { importSolution } from "../../start/importSolution";
import { managedSolutionZip } from "../../start/paths";
import { WebApiClient } from "../../dualwrite/webApiClient";
import { rows, startClient, type Client } from "../test/harness";
import { SandboxUsers } from "../users";

const APP = "cb2b_CommerceB2BOnboarding";
const APPROVER_ROLE = "b8b541f4-a88c-4d2e-b796-ed3e76b55876";

const hasZip = existsSync(managedSolutionZip);
if (!hasZip) console.warn(`Skipping the app module import tests: ${managedSolutionZip} is missing (npm run build).`);
const describeWithZip = hasZip ? describe : describe.skip;

const importZip = (client: Client, zip: Buffer, jobId = "00000000-0000-4000-8000-0000000000ac") =>
  client.post("ImportSolution", {
    CustomizationFile: zip.toString("base64"),
    OverwriteUnmanagedCustomizations: true,
    PublishWorkflows: true,
    ImportJobId: jobId,
  });

/** The built managed zip with its customizations.xml changed by `edit`. */
async function editedZip(edit: (customizations: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(managedSolutionZip));
  const customizations = await zip.file("customizations.xml")!.async("string");
  const changed = edit(customizations);
  expect(changed).not.toBe(customizations);
  zip.file("customizations.xml", changed);
  return zip.generateAsync({ type: "nodebuffer" });
}

describeWithZip("ImportSolution: the Commerce B2B onboarding app", () => {
  let client: Client;
  beforeAll(async () => {
    client = await startClient();
    await importSolution(new WebApiClient({ apiUrl: client.server.apiUrl, accessToken: SandboxUsers.admin.token }), managedSolutionZip);
  });
  afterAll(() => client?.server.close());

  it("lands in appmodules with its names, icon and client type", async () => {
    const apps = rows(await client.get("appmodules?$select=uniquename,name,description,webresourceid,clienttype,formfactor,ismanaged"));
    expect(apps).toEqual([
      expect.objectContaining({
        uniquename: APP,
        name: "Commerce B2B onboarding",
        webresourceid: "953b9fac-1e5e-e611-80d6-00155ded156f",
        clienttype: 4,
        formfactor: 1,
        ismanaged: true,
      }),
    ]);
    expect(String(apps[0].description)).toContain("Commerce B2B");
  });

  it("keeps its components: four tables, our four views, four charts, four forms and the dashboard, and its site map", async () => {
    const app = rows(await client.get(`appmodules?$select=appmoduleid&$filter=uniquename eq '${APP}'`))[0];
    const components = rows(await client.get(`appmodulecomponents?$select=componenttype,objectid&$filter=_appmoduleidunique_value eq ${String(app.appmoduleid)}`));
    const count = (type: number) => components.filter((c) => c.componenttype === type).length;
    expect([count(1), count(26), count(59), count(60), count(62)]).toEqual([4, 4, 4, 5, 1]);
    expect(components).toHaveLength(18);
    const charts = rows(await client.get("savedqueryvisualizations?$select=savedqueryvisualizationid&$filter=solutionid ne null"));
    expect(components.filter((c) => c.componenttype === 59).map((c) => c.objectid).sort()).toEqual(charts.map((c) => c.savedqueryvisualizationid).sort());
    const views = rows(await client.get("savedqueries?$select=savedqueryid&$filter=solutionid ne null"));
    expect(components.filter((c) => c.componenttype === 26).map((c) => c.objectid).sort()).toEqual(views.map((v) => v.savedqueryid).sort());
    const forms = rows(await client.get("systemforms?$select=formid&$filter=(type eq 2 or type eq 0) and solutionid ne null"));
    expect(components.filter((c) => c.componenttype === 60).map((c) => c.objectid).sort()).toEqual(forms.map((f) => f.formid).sort());
    const siteMaps = rows(await client.get("sitemaps?$select=sitemapid"));
    expect(components.find((c) => c.componenttype === 62)?.objectid).toBe(siteMaps[0]?.sitemapid);
  });

  it("is shared with the Commerce B2B approver role", async () => {
    const roleMaps = rows(await client.get("appmodulerolescollection?$select=_appmoduleid_value,_roleid_value"));
    expect(roleMaps.map((r) => r._roleid_value)).toEqual([APPROVER_ROLE]);
  });

  it("stores the site map with its XML", async () => {
    const siteMaps = rows(await client.get("sitemaps?$select=sitemapnameunique,sitemapname,sitemapxml,isappaware"));
    expect(siteMaps).toEqual([expect.objectContaining({ sitemapnameunique: APP, sitemapname: "Commerce B2B onboarding", isappaware: true })]);
    expect(String(siteMaps[0].sitemapxml)).toMatch(/^<SiteMap\b/);
    expect(String(siteMaps[0].sitemapxml)).toContain('Entity="lead"');
  });

  it("keeps the forms' display conditions in their formxml", async () => {
    const forms = rows(await client.get("systemforms?$select=formxml&$filter=type eq 2 and solutionid ne null"));
    expect(forms).toHaveLength(4);
    for (const form of forms) expect(String(form.formxml)).toContain(`<Role Id="{${APPROVER_ROLE}}"`);
  });
});

describeWithZip("ImportSolution refuses app parts it does not model, by name", () => {
  let client: Client;
  beforeEach(async () => {
    client = await startClient();
  });
  afterEach(() => client?.server.close());

  const cases: [string, (customizations: string) => string, RegExp][] = [
    [
      "a business process flow component",
      (c) => c.replace('<AppModuleComponent type="62"', '<AppModuleComponent type="29" id="{00000000-0000-4000-8000-000000000029}"/><AppModuleComponent type="62"'),
      /lists a component of type 29, which the sandbox does not import/,
    ],
    ["app settings", (c) => c.replace("</AppModuleRoleMaps>", '</AppModuleRoleMaps><appsettings><appsetting settingdefinitionid.uniquename="AppChannel"><value>1</value></appsetting></appsettings>'), /The app 'cb2b_CommerceB2BOnboarding' has <appsettings>, which the sandbox does not import/],
    ["a site map the solution does not carry", (c) => c.replace('<AppModuleComponent type="62" schemaName="cb2b_CommerceB2BOnboarding"', '<AppModuleComponent type="62" schemaName="msdyn_SalesHub"'), /lists the site map 'msdyn_SalesHub', which is not in the solution file/],
    ["a role that exists nowhere", (c) => c.replace(/(<AppModuleRoleMaps>\s*<Role id=")\{[^}]+\}/, "$1{00000000-0000-4000-8000-00000000f00d}"), /role 00000000-0000-4000-8000-00000000f00d/],
    ["a container the sandbox does not import", (c) => c.replace("<Workflows/>", '<Workflows><Workflow Name="x"/></Workflows>'), /components the sandbox does not import: <Workflows>/],
  ];

  test.each(cases)("%s", async (_name, edit, reason) => {
    const answer = await importZip(client, await editedZip(edit));
    expect(answer.status).toBe(400);
    expect(String((answer.body.error as { message: string }).message)).toMatch(reason);
    expect(rows(await client.get("appmodules"))).toEqual([]);
    expect(rows(await client.get("solutions?$filter=uniquename eq 'CommerceB2BOnboarding'"))).toEqual([]);
  });
});
