/**
 * Test helpers: a small but complete unpacked solution (entity with form, views and ribbon; a web
 * resource; a PCF control; a role; a webhook step; relationships; a model-driven app and its site map;
 * a pass-through folder) written into a fresh temp folder, plus zip reading. Used by the packager's tests only.
 */
import { promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import JSZip from "jszip";

export const IDS = {
  form: "{6f0a2c1e-0b7d-4d52-9a55-2f4a3b1c9d01}",
  viewA: "{0a9a1f3e-5c1d-4f3e-8d7a-1b2c3d4e5f60}",
  viewB: "{f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9}",
  webResource: "{bf8a546c-900e-ed11-b83e-0022483d2320}",
  role: "{346c8295-a669-f011-bec2-00224823101f}",
  step: "{498a9146-c438-f111-88b3-0022489b9600}",
};

export const CONTROL = "cb2b_Cb2b.DualWriteProvenance";
export const APP = "cb2b_CommerceB2BOnboarding";
export const WEB_RESOURCE_NAME = "cb2b_/scripts/lead.form.js";
export const EXPORTED_WEB_RESOURCE = "WebResources/cb2b_scriptsleadformjsBF8A546C-900E-ED11-B83E-0022483D2320";

const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const DECL = '<?xml version="1.0" encoding="utf-8"?>\n';

export const SOURCE_FILES: Record<string, string> = {
  "Other/Solution.xml": `${DECL}<ImportExportXml version="9.2.24012.196" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" ${XSI}>
  <SolutionManifest>
    <!-- kept as written -->
    <UniqueName>CommerceB2BOnboarding</UniqueName>
    <LocalizedNames>
      <LocalizedName description="Commerce B2B onboarding" languagecode="1033" />
      <LocalizedName description="Commercen B2B-käyttöönotto" languagecode="1035" />
    </LocalizedNames>
    <Descriptions />
    <Version>1.0.0.0</Version>
    <Managed>0</Managed>
    <Publisher>
      <UniqueName>cb2b</UniqueName>
      <LocalizedNames>
        <LocalizedName description="Commerce B2B" languagecode="1033" />
      </LocalizedNames>
      <Descriptions />
      <EMailAddress xsi:nil="true"></EMailAddress>
      <CustomizationPrefix>cb2b</CustomizationPrefix>
      <CustomizationOptionValuePrefix>52717</CustomizationOptionValuePrefix>
    </Publisher>
    <RootComponents>
      <RootComponent type="1" schemaName="lead" behavior="2" />
      <RootComponent type="61" schemaName="${WEB_RESOURCE_NAME}" behavior="0" />
      <RootComponent type="66" schemaName="${CONTROL}" behavior="0" />
    </RootComponents>
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>
`,
  "Other/Customizations.xml": `${DECL}<ImportExportXml ${XSI}>
  <Entities />
  <Roles />
  <Workflows />
  <FieldSecurityProfiles />
  <Templates />
  <EntityMaps />
  <EntityRelationships />
  <OrganizationSettings />
  <optionsets />
  <WebResources />
  <CustomControls />
  <SolutionPluginAssemblies />
  <SdkMessageProcessingSteps />
  <AppModuleSiteMaps />
  <AppModules />
  <EntityDataProviders />
  <Languages>
    <Language>1033</Language>
    <Language>1035</Language>
  </Languages>
</ImportExportXml>
`,
  "Other/Relationships.xml": `${DECL}<EntityRelationships ${XSI}>
  <EntityRelationship Name="lk_lead_createdby" />
  <EntityRelationship Name="account_originating_lead" />
</EntityRelationships>
`,
  "Other/Relationships/Lead.xml": `${DECL}<EntityRelationships ${XSI}>
  <EntityRelationship Name="account_originating_lead">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <ReferencingEntityName>Account</ReferencingEntityName>
    <ReferencedEntityName>Lead</ReferencedEntityName>
    <ReferencingAttributeName>OriginatingLeadId</ReferencingAttributeName>
  </EntityRelationship>
</EntityRelationships>
`,
  "Other/Relationships/SystemUser.xml": `${DECL}<EntityRelationships ${XSI}>
  <EntityRelationship Name="lk_lead_createdby">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <ReferencingEntityName>Lead</ReferencingEntityName>
    <ReferencedEntityName>SystemUser</ReferencedEntityName>
    <ReferencingAttributeName>CreatedBy</ReferencingAttributeName>
  </EntityRelationship>
</EntityRelationships>
`,
  "Entities/Lead/Entity.xml": `${DECL}<Entity ${XSI}>
  <Name LocalizedName="Lead" OriginalName="Lead">Lead</Name>
  <EntityInfo>
    <entity Name="Lead" unmodified="1">
      <attributes />
    </entity>
  </EntityInfo>
  <FormXml />
  <SavedQueries />
  <RibbonDiffXml />
</Entity>
`,
  [`Entities/Lead/FormXml/main/${IDS.form}.xml`]: `${DECL}<forms ${XSI}>
  <systemform>
    <formid>${IDS.form}</formid>
    <IntroducedVersion>1.0.0.0</IntroducedVersion>
    <FormPresentation>1</FormPresentation>
    <form>
      <tabs>
        <tab name="commerce" id="{0c7d2a55-3f4b-4b47-9d0e-7e1f0a3c5b21}">
          <labels>
            <label description="Commerce onboarding" languagecode="1033" />
            <label description="Commerce-käyttöönotto" languagecode="1035" />
          </labels>
        </tab>
      </tabs>
      <DisplayConditions Order="10000" FallbackForm="false">
        <Role Id="${IDS.role}" />
      </DisplayConditions>
    </form>
    <LocalizedNames>
      <LocalizedName description="Commerce B2B lead" languagecode="1033" />
    </LocalizedNames>
  </systemform>
</forms>
`,
  [`Entities/Lead/SavedQueries/${IDS.viewB}.xml`]: `${DECL}<savedqueries ${XSI}>
  <savedquery>
    <savedqueryid>${IDS.viewB}</savedqueryid>
    <querytype>0</querytype>
    <fetchxml>
      <fetch version="1.0" mapping="logical">
        <entity name="lead">
          <attribute name="fullname" />
          <filter type="and">
            <condition attribute="statecode" operator="eq" value="0" />
          </filter>
        </entity>
      </fetch>
    </fetchxml>
    <LocalizedNames>
      <LocalizedName description="Commerce B2B leads awaiting review" languagecode="1033" />
    </LocalizedNames>
  </savedquery>
</savedqueries>
`,
  [`Entities/Lead/SavedQueries/${IDS.viewA}.xml`]: `${DECL}<savedqueries ${XSI}>
  <savedquery>
    <savedqueryid>${IDS.viewA}</savedqueryid>
    <querytype>0</querytype>
    <LocalizedNames>
      <LocalizedName description="All Commerce B2B leads" languagecode="1033" />
    </LocalizedNames>
  </savedquery>
</savedqueries>
`,
  "Entities/Lead/RibbonDiff.xml": `${DECL}<RibbonDiffXml ${XSI}>
  <CustomActions />
  <Templates>
    <RibbonTemplates Id="Mscrm.Templates" />
  </Templates>
  <CommandDefinitions />
  <RuleDefinitions>
    <TabDisplayRules />
    <DisplayRules />
    <EnableRules />
  </RuleDefinitions>
  <LocLabels />
</RibbonDiffXml>
`,
  [`WebResources/${WEB_RESOURCE_NAME}`]: `"use strict";\nvar Cb2b = Cb2b || {};\n`,
  [`WebResources/${WEB_RESOURCE_NAME}.data.xml`]: `${DECL}<WebResource ${XSI}>
  <WebResourceId>${IDS.webResource}</WebResourceId>
  <Name>${WEB_RESOURCE_NAME}</Name>
  <DisplayName>Lead form script</DisplayName>
  <WebResourceType>3</WebResourceType>
  <IntroducedVersion>1.0.0.0</IntroducedVersion>
  <IsEnabledForMobileClient>0</IsEnabledForMobileClient>
  <IsAvailableForMobileOffline>0</IsAvailableForMobileOffline>
  <IsCustomizable>1</IsCustomizable>
  <CanBeDeleted>1</CanBeDeleted>
  <IsHidden>0</IsHidden>
  <FileName>/WebResources/${WEB_RESOURCE_NAME}</FileName>
</WebResource>
`,
  [`Controls/${CONTROL}/ControlManifest.xml`]: `<?xml version="1.0" encoding="utf-8"?><manifest><control namespace="Cb2b" constructor="DualWriteProvenance" version="1.0.0" control-type="virtual"><resources><code path="bundle.js" order="1" /></resources></control></manifest>`,
  [`Controls/${CONTROL}/bundle.js`]: `var pcf_tools = {};\n`,
  [`Controls/${CONTROL}/strings/DualWriteProvenance.1033.resx`]: `<?xml version="1.0" encoding="utf-8"?><root />`,
  [`Controls/${CONTROL}/ControlManifest.xml.data.xml`]: `${DECL}<CustomControl ${XSI}>
  <Name>${CONTROL}</Name>
  <FileName>/Controls/${CONTROL}/ControlManifest.xml</FileName>
</CustomControl>
`,
  "Roles/Commerce onboarding reviewer.xml": `${DECL}<Role id="${IDS.role}" name="Commerce onboarding reviewer" ${XSI}>
  <IsCustomizable>1</IsCustomizable>
  <IsAutoAssigned>0</IsAutoAssigned>
  <RolePrivileges>
    <RolePrivilege name="prvReadLead" level="Global" />
  </RolePrivileges>
</Role>
`,
  [`SdkMessageProcessingSteps/${IDS.step}.xml`]: `${DECL}<SdkMessageProcessingStep Name="cb2b: Update of lead" SdkMessageProcessingStepId="${IDS.step}" ${XSI}>
  <SdkMessageId>20bebb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId>
  <PrimaryEntity>lead</PrimaryEntity>
  <Mode>1</Mode>
  <Stage>40</Stage>
  <FilteringAttributes>msdyn_b2bprospectstatus</FilteringAttributes>
</SdkMessageProcessingStep>
`,
  [`AppModuleSiteMaps/${APP}/AppModuleSiteMap.xml`]: `${DECL}<AppModuleSiteMap ${XSI}>
  <SiteMapUniqueName>${APP}</SiteMapUniqueName>
  <SiteMap IntroducedVersion="7.0.0.0">
    <Area Id="cb2b_Onboarding" ShowGroups="true">
      <Titles>
        <Title LCID="1033" Title="Commerce B2B onboarding" />
      </Titles>
      <Group Id="cb2b_Partners" IsProfile="false">
        <SubArea Id="cb2b_Leads" Entity="lead" Url="/main.aspx?pagetype=entitylist&amp;etn=lead&amp;viewid=%7b0a9a1f3e-5c1d-4f3e-8d7a-1b2c3d4e5f60%7d&amp;viewtype=1039" />
      </Group>
    </Area>
  </SiteMap>
  <LocalizedNames>
    <LocalizedName description="Commerce B2B onboarding" languagecode="1033" />
  </LocalizedNames>
</AppModuleSiteMap>
`,
  [`AppModules/${APP}/AppModule.xml`]: `${DECL}<AppModule>
  <UniqueName>${APP}</UniqueName>
  <IntroducedVersion>1.0.0.0</IntroducedVersion>
  <WebResourceId>953b9fac-1e5e-e611-80d6-00155ded156f</WebResourceId>
  <FormFactor>1</FormFactor>
  <ClientType>4</ClientType>
  <AppModuleComponents>
    <AppModuleComponent type="1" schemaName="lead" />
    <AppModuleComponent type="26" id="${IDS.viewA}" />
    <AppModuleComponent type="60" id="${IDS.form}" />
    <AppModuleComponent type="62" schemaName="${APP}" />
  </AppModuleComponents>
  <AppModuleRoleMaps>
    <Role id="${IDS.role}" />
  </AppModuleRoleMaps>
  <LocalizedNames>
    <LocalizedName description="Commerce B2B onboarding" languagecode="1033" />
  </LocalizedNames>
</AppModule>
`,
  "environmentvariabledefinitions/cb2b_WebhookUrl/environmentvariabledefinition.xml": `<environmentvariabledefinition schemaname="cb2b_WebhookUrl"><type>100000000</type></environmentvariabledefinition>`,
  ".gitkeep": "",
};

const tempDirs: string[] = [];

/** A fresh temp folder, removed again by `removeTempDirs` (call it from afterAll). */
export async function makeTempDir(label: string): Promise<string> {
  const dir = await fs.mkdtemp(join(tmpdir(), `solution-${label}-`));
  tempDirs.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(tempDirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
}

/** Writes the fixture (optionally changed) into `<root>/src` and returns that folder. */
export async function writeFixture(root: string, changes: Record<string, string | null> = {}): Promise<string> {
  const folder = join(root, "src");
  const files = { ...SOURCE_FILES, ...changes };
  for (const [path, content] of Object.entries(files)) {
    if (content === null) continue;
    const full = join(folder, ...path.split("/"));
    await fs.mkdir(dirname(full), { recursive: true });
    await fs.writeFile(full, content);
  }
  return folder;
}

export async function readZip(zipFile: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(await fs.readFile(zipFile));
  const entries = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) entries.set(entry.name, await entry.async("nodebuffer"));
  }
  return entries;
}

/** Every file under `folder` (relative, forward slashes), sorted. */
export async function listFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else found.push(`${prefix}${entry.name}`);
    }
  };
  await walk(folder, "");
  return found.sort();
}

/** Builds a zip in memory from `files` (for unpack tests of hand-made zips). */
export async function writeZip(zipFile: string, files: Record<string, string | Buffer>): Promise<void> {
  const zip = new JSZip();
  for (const [path, content] of Object.entries(files)) zip.file(path, content, { createFolders: false });
  await fs.writeFile(zipFile, await zip.generateAsync({ type: "nodebuffer" }));
}
