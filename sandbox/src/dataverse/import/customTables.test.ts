/**
 * ImportSolution of solutions that add tables, columns, choices and relationships, through the Web API.
 * The packages are real exports from ../shared/reference/solutions, cut down where they carry what the
 * sandbox refuses (AI models, an app with app settings, plug-in assemblies), and edited where a case needs
 * something the exports lack (a Finnish label, a yes/no column, a second version); each edit is named.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import JSZip from "jszip";
import { ANNOTATIONS, rows, startClient, type Client } from "../test/harness";
import { Currencies } from "../storage/seed";
import { SandboxUsers } from "../users";

const referenceDir = resolve(__dirname, "../../../../../shared/reference/solutions");
const describeIfReference = existsSync(join(referenceDir, "polymorphiclookupexamplesolution.zip")) ? describe : describe.skip;

interface Edits {
  customizations?: (xml: string) => string;
  solution?: (xml: string) => string;
  drop?: RegExp;
  add?: Record<string, string>;
}

/** A reference zip, edited, as the base64 CustomizationFile. */
async function solution(name: string, edits: Edits = {}): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(join(referenceDir, `${name}.zip`)));
  const text = async (path: string) => (await zip.file(path)!.async("string")).replace(/^\uFEFF/, "");
  zip.file("customizations.xml", (edits.customizations ?? ((x) => x))(await text("customizations.xml")));
  zip.file("solution.xml", (edits.solution ?? ((x) => x))(await text("solution.xml")));
  for (const path of Object.keys(zip.files)) if (edits.drop?.test(path)) zip.remove(path);
  for (const [path, content] of Object.entries(edits.add ?? {})) zip.file(path, content);
  return (await zip.generateAsync({ type: "nodebuffer" })).toString("base64");
}

const withoutContainer = (xml: string, container: string): string => xml.replace(new RegExp(`<${container}>[\\s\\S]*?</${container}>`), `<${container} />`);

const importFile = (client: Client, file: string) => client.post("ImportSolution", { CustomizationFile: file, OverwriteUnmanagedCustomizations: true, PublishWorkflows: true });

let client: Client;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "custom-tables-unit-"));
  client = await startClient(join(dir, "dataverse.sqlite"));
});
afterEach(async () => {
  await client.server.close();
  rmSync(dir, { recursive: true, force: true });
});

const sqliteTables = (pattern: string) =>
  (client.server.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? ORDER BY name").all(pattern) as { name: string }[]).map((t) => t.name);

describeIfReference("CodeInterpreterSample's table (its AI models and app removed): a choice, money and the currency lookup", () => {
  // Edit: a Finnish label for the option "Medium" (the export has English only).
  const codeInterpreter = () =>
    solution("CodeInterpreterSample_1_0_0_0_managed", {
      customizations: (xml) =>
        ["AIModels", "AppModules", "AppModuleSiteMaps"]
          .reduce(withoutContainer, xml)
          .replace('<label description="Medium" languagecode="1033" />', '<label description="Medium" languagecode="1033" /><label description="Keskikokoinen" languagecode="1035" />'),
      solution: (xml) => xml.replace(/<MissingDependencies>[\s\S]*<\/MissingDependencies>/, "<MissingDependencies />"),
    });

  test("the choice's FormattedValue follows the user's language; a label the solution has only in English shows in English", async () => {
    expect((await importFile(client, await codeInterpreter())).status).toBe(204);
    const id = await client.create("sample_examples", {
      sample_name: "Contoso",
      sample_category: 2,
      sample_creditlimit: 1500,
      "transactioncurrencyid@odata.bind": `/transactioncurrencies(${Currencies.euro.id})`,
    });
    const english = await client.get(`sample_examples(${id})?$select=sample_category,sample_creditlimit,statecode`, ANNOTATIONS);
    expect(english.body).toMatchObject({
      "sample_category@OData.Community.Display.V1.FormattedValue": "Medium",
      "sample_creditlimit@OData.Community.Display.V1.FormattedValue": "€1,500.00",
      "statecode@OData.Community.Display.V1.FormattedValue": "Active",
    });
    expect((await client.patch(`usersettingscollection(${SandboxUsers.admin.id})`, { uilanguageid: 1035 })).status).toBe(204);
    const finnish = await client.get(`sample_examples(${id})?$select=sample_category,statecode`, ANNOTATIONS);
    expect(finnish.body).toMatchObject({ "sample_category@OData.Community.Display.V1.FormattedValue": "Keskikokoinen", "statecode@OData.Community.Display.V1.FormattedValue": "Active" });
    // A value outside the choice is Dataverse's own validation error.
    expect((await client.patch(`sample_examples(${id})`, { sample_category: 7 })).body).toMatchObject({ error: { code: "0x80044331" } });
  });

  test("platform columns the sandbox does not keep (a money column's _base, exchangerate) are a 501 naming them", async () => {
    await importFile(client, await codeInterpreter());
    for (const column of ["sample_creditlimit_base", "exchangerate", "owninguser"]) {
      const answer = await client.get(`sample_examples?$select=${column}`);
      expect(answer.status).toBe(501);
      expect(answer.body).toMatchObject({ error: { message: expect.stringContaining(`the column '${column}' of the table 'sample_example'`) } });
    }
    expect((await client.get("sample_examples?$select=sample_nosuchcolumn")).status).toBe(400);
  });

  test("a currency a Restrict relationship protects is not deleted behind its rows' back: 501 while rows refer to it", async () => {
    await importFile(client, await codeInterpreter());
    const id = await client.create("sample_examples", { sample_name: "Contoso", "transactioncurrencyid@odata.bind": `/transactioncurrencies(${Currencies.usDollar.id})` });
    const refused = await client.request("DELETE", `transactioncurrencies(${Currencies.usDollar.id})`);
    expect(refused.status).toBe(501);
    expect(refused.body).toMatchObject({ error: { message: expect.stringContaining("'TransactionCurrency_sample_Example', whose delete behaviour (Restrict) is not modelled") } });
    expect((await client.request("DELETE", `sample_examples(${id})`)).status).toBe(204);
    expect((await client.request("DELETE", `transactioncurrencies(${Currencies.usDollar.id})`)).status).toBe(204);
  });
});

/**
 * dataverse-ify's export cut down to its account column cdsify_Account1 and that column's relationship; its
 * multi-select column is dropped (refused alone, below) unless `multiSelect` edits it into something else.
 */
const accountColumn = (multiSelect?: (attribute: string) => string) =>
  solution("cdsifyintegrationtests_managed", {
    customizations: (xml) => {
      let result = xml.replace(/<Entity>\s*<Name[^>]*>cdsify_IntegrationTest<\/Name>[\s\S]*?<\/Entity>/, "");
      result = result.replace(/<attribute PhysicalName="cdsify_MultiSelect">[\s\S]*?<\/attribute>/, (attribute) => (multiSelect ? multiSelect(attribute) : ""));
      result = result.replace(/<EntityRelationship Name="(?!cdsify_Account_Account1_Account")[^"]*">[\s\S]*?<\/EntityRelationship>/g, "");
      return ["WebResources", "SolutionPluginAssemblies", "AppModuleSiteMaps", "AppModules", "EntityImageConfigs", "AttributeImageConfigs"].reduce(withoutContainer, result);
    },
    solution: (xml) => xml.replace(/<MissingDependencies>[\s\S]*<\/MissingDependencies>/, "<MissingDependencies />"),
    drop: /^(WebResources|PluginAssemblies|customapis)\//,
  });

describeIfReference("columns a solution adds to a standard table (dataverse-ify's cdsify_Account1 on account)", () => {
  test("the column is added to the table (ALTER TABLE), bound through its relationship's navigation property, and cleared when its account goes", async () => {
    expect((await importFile(client, await accountColumn())).status).toBe(204);
    expect((client.server.db.prepare("PRAGMA table_info(dv_account)").all() as { name: string }[]).map((c) => c.name)).toEqual(expect.arrayContaining(["cdsify_account1", "cdsify_account1__type"]));
    const parent = await client.create("accounts", { name: "Parent Oy" });
    const child = await client.create("accounts", { name: "Child Oy", "cdsify_Account1@odata.bind": `/accounts(${parent})` });
    const read = await client.get(`accounts(${child})?$select=_cdsify_account1_value&$expand=cdsify_Account1($select=name)`, ANNOTATIONS);
    expect(read.body).toMatchObject({
      _cdsify_account1_value: parent,
      "_cdsify_account1_value@Microsoft.Dynamics.CRM.associatednavigationproperty": "cdsify_Account1",
      cdsify_Account1: { name: "Parent Oy" },
    });
    expect((await client.get(`accounts(${parent})?$expand=cdsify_Account_Account1_Account($select=name)`)).body.cdsify_Account_Account1_Account).toEqual([
      expect.objectContaining({ name: "Child Oy" }),
    ]);
    // The relationship's delete behaviour is Remove Link.
    expect((await client.request("DELETE", `accounts(${parent})`)).status).toBe(204);
    expect((await client.get(`accounts(${child})?$select=_cdsify_account1_value`)).body._cdsify_account1_value).toBeNull();
  });

  test("the added column survives a restart; the unchanged standard columns are still there", async () => {
    await importFile(client, await accountColumn());
    const parent = await client.create("accounts", { name: "Parent Oy" });
    const child = await client.create("accounts", { name: "Child Oy", "cdsify_Account1@odata.bind": `/accounts(${parent})` });
    await client.server.close();
    client = await startClient(join(dir, "dataverse.sqlite"));
    expect((await client.get(`accounts(${child})?$select=name,_cdsify_account1_value`)).body).toMatchObject({ name: "Child Oy", _cdsify_account1_value: parent });
  });

  test("the real export is refused by name: a multi-select choice column", async () => {
    const answer = await importFile(client, await solution("cdsifyintegrationtests_managed"));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { message: "The column 'account.cdsify_multiselect' is a multi-select choice column, which the sandbox does not import." } });
    expect((client.server.db.prepare("PRAGMA table_info(dv_account)").all() as { name: string }[]).some((c) => c.name.startsWith("cdsify_"))).toBe(false);
  });

  test("custom APIs (the customapis/ folder) are refused by name", async () => {
    const file = await solution("cdsifyintegrationtests_managed", {
      customizations: (xml) =>
        ["WebResources", "SolutionPluginAssemblies", "AppModuleSiteMaps", "AppModules", "EntityImageConfigs", "AttributeImageConfigs", "EntityRelationships"]
          .reduce(withoutContainer, xml)
          .replace(/<Entities>[\s\S]*<\/Entities>/, "<Entities />"),
      solution: (xml) => xml.replace(/<MissingDependencies>[\s\S]*<\/MissingDependencies>/, "<MissingDependencies />"),
      drop: /^(WebResources|PluginAssemblies)\//,
    });
    expect((await importFile(client, file)).body).toMatchObject({ error: { message: "The solution file has components the sandbox does not import: custom APIs (customapis/)." } });
  });
});

describeIfReference("polymorphiclookupexamplesolution, edited", () => {
  const polymorphic = (edits: Edits = {}) => solution("polymorphiclookupexamplesolution", edits);
  /** Edit: a column added after sample_Audio's sample_AudioFormat, in the export's own shape. */
  const withAudioColumn = (attribute: string) => (xml: string) => xml.replace(/(<attribute PhysicalName="sample_AudioFormat">[\s\S]*?<\/attribute>)/, `$1${attribute}`);
  const yesNo = `<attribute PhysicalName="sample_IsExplicit"><Type>bit</Type><Name>sample_isexplicit</Name><LogicalName>sample_isexplicit</LogicalName><RequiredLevel>none</RequiredLevel><ValidForUpdateApi>1</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi><ValidForCreateApi>1</ValidForCreateApi><IsCustomField>1</IsCustomField><SourceType>0</SourceType><AutoNumberFormat></AutoNumberFormat><AppDefaultValue>0</AppDefaultValue><optionset Name="sample_audio_sample_isexplicit"><OptionSetType>bit</OptionSetType><options><option value="1"><labels><label description="Explicit" languagecode="1033" /><label description="K-18" languagecode="1035" /></labels></option><option value="0"><labels><label description="Clean" languagecode="1033" /><label description="Sallittu" languagecode="1035" /></labels></option></options></optionset><displaynames><displayname description="Explicit" languagecode="1033" /></displaynames></attribute>`;
  const step = (endpoint: string) =>
    `<SdkMessageProcessingSteps><SdkMessageProcessingStep Name="Partner.Webhook: Create of sample_book" SdkMessageProcessingStepId="{5b0c7d7e-2222-4aaa-8bbb-000000000002}"><SdkMessageId>9ebdbb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId><PrimaryEntity>sample_book</PrimaryEntity><Mode>1</Mode><Rank>1</Rank><Stage>40</Stage><EventHandler>{${endpoint}}</EventHandler><SdkMessageProcessingStepImages /></SdkMessageProcessingStep></SdkMessageProcessingSteps>`;
  const endpoint = `<ServiceEndpoints><ServiceEndpoint ServiceEndpointId="{5b0c7d7e-2222-4aaa-8bbb-000000000001}" Name="Partner webhook"><Contract>8</Contract><AuthType>5</AuthType><MessageFormat>2</MessageFormat><UserClaim>1</UserClaim><Url>https://placeholder.invalid/partner</Url></ServiceEndpoint></ServiceEndpoints>`;
  const withSteps = (steps: string) => (xml: string) => xml.replace("</ImportExportXml>", `${steps}</ImportExportXml>`);

  test("a yes/no column takes its default on create and formats with its own labels", async () => {
    expect((await importFile(client, await polymorphic({ customizations: withAudioColumn(yesNo) }))).status).toBe(204);
    const id = await client.create("sample_audios", { sample_name: "Podcast" });
    expect((await client.get(`sample_audios(${id})?$select=sample_isexplicit`, ANNOTATIONS)).body).toMatchObject({
      sample_isexplicit: false,
      "sample_isexplicit@OData.Community.Display.V1.FormattedValue": "Clean",
    });
    await client.patch(`usersettingscollection(${SandboxUsers.admin.id})`, { uilanguageid: 1035 });
    await client.patch(`sample_audios(${id})`, { sample_isexplicit: true });
    expect((await client.get(`sample_audios(${id})?$select=sample_isexplicit`, ANNOTATIONS)).body).toMatchObject({ "sample_isexplicit@OData.Community.Display.V1.FormattedValue": "K-18" });
  });

  test("a global choice (<optionsets>) serves the column that names it, and a later solution's column too", async () => {
    // Edit: sample_AudioFormat becomes a choice from a global choice the solution carries, with Finnish labels.
    const formats = `<optionsets><optionset Name="sample_format"><OptionSetType>picklist</OptionSetType><IsGlobal>1</IsGlobal><options><option value="727000000"><labels><label description="Compressed" languagecode="1033" /><label description="Pakattu" languagecode="1035" /></labels></option><option value="727000001"><labels><label description="Lossless" languagecode="1033" /><label description="Häviötön" languagecode="1035" /></labels></option></options></optionset></optionsets>`;
    const asChoice = (xml: string) =>
      xml.replace("<optionsets />", formats).replace(/(<attribute PhysicalName="sample_AudioFormat">[\s\S]*?)<Type>nvarchar<\/Type>([\s\S]*?)<Format>text<\/Format>/, "$1<Type>picklist</Type>$2<OptionSetName>sample_format</OptionSetName>");
    expect((await importFile(client, await polymorphic({ customizations: asChoice }))).status).toBe(204);
    const id = await client.create("sample_audios", { sample_name: "Master", sample_audioformat: 727000001 });
    await client.patch(`usersettingscollection(${SandboxUsers.admin.id})`, { uilanguageid: 1035 });
    expect((await client.get(`sample_audios(${id})?$select=sample_audioformat`, ANNOTATIONS)).body).toMatchObject({ "sample_audioformat@OData.Community.Display.V1.FormattedValue": "Häviötön" });
    expect((await client.patch(`sample_audios(${id})`, { sample_audioformat: 1 })).status).toBe(400);
    // Edit: dataverse-ify's multi-select column made a choice from that global choice, added to account by another solution.
    const accountChoice = await accountColumn((attribute) =>
      attribute.replace("<Type>multiselectpicklist</Type>", "<Type>picklist</Type>").replace("<OptionSetName>socialprofile_community</OptionSetName>", "<OptionSetName>sample_format</OptionSetName>"),
    );
    expect((await importFile(client, accountChoice)).status).toBe(204);
    const account = await client.create("accounts", { name: "Studio Oy", cdsify_multiselect: 727000000 });
    expect((await client.get(`accounts(${account})?$select=cdsify_multiselect`, ANNOTATIONS)).body).toMatchObject({ "cdsify_multiselect@OData.Community.Display.V1.FormattedValue": "Pakattu" });
  });

  test("a failure late in the import's transaction (a webhook step on the new table whose endpoint is missing) leaves no table and no definition", async () => {
    const answer = await importFile(client, await polymorphic({ customizations: withSteps(step("5b0c7d7e-2222-4aaa-8bbb-00000000dead")) }));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: "0x80048052" } });
    expect(sqliteTables("dv_sample%")).toEqual([]);
    expect(client.server.db.prepare("SELECT COUNT(*) AS n FROM dvmeta_tables").get()).toEqual({ n: 0 });
    expect((await client.get("EntityDefinitions(LogicalName='sample_book')")).status).toBe(404);
    expect((await client.get("sample_books")).status).toBe(404);
    // With its endpoint, the step registers on the new table's Create (its SDK message filter exists).
    expect((await importFile(client, await polymorphic({ customizations: withSteps(`${step("5b0c7d7e-2222-4aaa-8bbb-000000000001")}${endpoint}`) }))).status).toBe(204);
    expect(sqliteTables("dv_sample%")).toEqual(["dv_sample_audio", "dv_sample_book", "dv_sample_media", "dv_sample_video"]);
  });

  test("a newer version adds a column and keeps the rows; changing a column's type is refused and changes nothing", async () => {
    await importFile(client, await polymorphic());
    const book = await client.create("sample_books", { sample_name: "Dune", sample_callnumber: "813.54" });
    expect((await importFile(client, await polymorphic())).status).toBe(204);
    const pages = `<attribute PhysicalName="sample_Pages"><Type>int</Type><Name>sample_pages</Name><LogicalName>sample_pages</LogicalName><IsCustomField>1</IsCustomField><SourceType>0</SourceType><AutoNumberFormat></AutoNumberFormat><displaynames><displayname description="Pages" languagecode="1033" /></displaynames></attribute>`;
    const version2 = await polymorphic({
      solution: (xml) => xml.replace("<Version>1.0.0.0</Version>", "<Version>1.0.0.1</Version>"),
      customizations: (xml) => xml.replace(/(<attribute PhysicalName="sample_CallNumber">)/, `${pages}$1`),
    });
    expect((await importFile(client, version2)).status).toBe(204);
    await client.patch(`sample_books(${book})`, { sample_pages: 412 });
    expect((await client.get(`sample_books(${book})?$select=sample_name,sample_callnumber,sample_pages`)).body).toMatchObject({ sample_name: "Dune", sample_callnumber: "813.54", sample_pages: 412 });

    const version3 = await polymorphic({
      solution: (xml) => xml.replace("<Version>1.0.0.0</Version>", "<Version>1.0.0.2</Version>"),
      customizations: (xml) => xml.replace(/(<attribute PhysicalName="sample_CallNumber">\s*<Type>)nvarchar/, "$1int"),
    });
    const refused = await importFile(client, version3);
    expect(refused.body).toMatchObject({ error: { message: "The column 'sample_book.sample_callnumber' is a string column; the solution makes it integer, and a column's type cannot be changed." } });
    expect(rows(await client.get("solutions?$select=version&$filter=uniquename eq 'polymorphiclookupexamplesolution'"))).toEqual([expect.objectContaining({ version: "1.0.0.1" })]);
    expect((await client.get(`sample_books(${book})?$select=sample_callnumber,sample_pages`)).body).toMatchObject({ sample_callnumber: "813.54", sample_pages: 412 });
  });

  test("deleting the solution (uninstalling it with its tables) is a 501 and changes nothing", async () => {
    await importFile(client, await polymorphic());
    const [installed] = rows(await client.get("solutions?$select=solutionid&$filter=uniquename eq 'polymorphiclookupexamplesolution'"));
    const answer = await client.request("DELETE", `solutions(${String(installed.solutionid)})`);
    expect(answer.status).toBe(501);
    expect(answer.body).toMatchObject({ error: { message: expect.stringContaining("uninstalling a solution that created tables or columns") } });
    expect(rows(await client.get("solutions?$select=solutionid&$filter=uniquename eq 'polymorphiclookupexamplesolution'"))).toHaveLength(1);
    expect((await client.get("sample_books")).status).toBe(200);
  });

  test("a table another solution created is refused by name", async () => {
    await importFile(client, await polymorphic());
    const other = await polymorphic({ solution: (xml) => xml.replace("<UniqueName>polymorphiclookupexamplesolution</UniqueName>", "<UniqueName>someoneelse</UniqueName>") });
    expect((await importFile(client, other)).body).toMatchObject({
      error: { message: "The table 'sample_audio' was created by another solution; the sandbox does not layer solutions over one another's tables." },
    });
    expect(rows(await client.get("solutions?$select=uniquename&$filter=uniquename eq 'someoneelse'"))).toEqual([]);
  });
});
