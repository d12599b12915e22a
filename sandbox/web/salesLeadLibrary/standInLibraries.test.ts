import { LeadState, LeadStatus, OpportunityState, OpportunityStatus } from "../../../core/src";
import { startDataverse, type DataverseServer } from "../../src/dataverse/server";
import { Currencies } from "../../src/dataverse/storage/seed";
import { SandboxUsers } from "../../src/dataverse/users";
import { createWebApi } from "../sales/clientApi/webApi";
import { createFetchApi } from "../shared/fetchApi";
import { opportunityClose, opportunityCloseFromGrid, type CloseQuestion } from "../salesOpportunityLibrary/opportunityActions";
import { disqualifyLeadAs, qualifyLeadQuick, qualifyLeadsFromGrid } from "./leadActions";

/**
 * The Sales stand-in libraries (Lead.js, Opportunity_main_system_library.js) through Xrm.WebApi
 * against the sandbox's real Web API; the form (Xrm.Page) and the dialogs are recorded.
 */
let server: DataverseServer;
let webApi: Xrm.WebApi;
const opened: Xrm.Navigation.EntityFormOptions[] = [];
const errors: string[] = [];

interface FakeForm {
  saves: number[];
  refreshes: number;
  values: Record<string, unknown>;
  submitModes: string[];
  cancelSave: boolean;
}

function installXrm(id: string, values: Record<string, unknown>, cancelSave = false): FakeForm {
  const state: FakeForm = { saves: [], refreshes: 0, values: { ...values }, submitModes: [], cancelSave };
  const attribute = (name: string) =>
    name in state.values
      ? {
          getValue: () => state.values[name],
          setValue: (value: unknown) => {
            state.values[name] = value;
          },
          setSubmitMode: (mode: string) => state.submitModes.push(`${name}:${mode}`),
          getOptions: () => [{ value: OpportunityStatus.OutSold, text: "Lost to a competitor" }],
        }
      : null;
  const page = {
    getAttribute: attribute,
    data: {
      entity: { getId: () => `{${id.toUpperCase()}}`, getIsDirty: () => false },
      save: async (options?: { saveMode?: number }) => {
        state.saves.push(options?.saveMode ?? 1);
        if (state.cancelSave) throw new Error("The save was cancelled by an OnSave event handler.");
      },
      refresh: async () => {
        state.refreshes += 1;
      },
    },
  };
  (globalThis as unknown as { Xrm: unknown }).Xrm = {
    WebApi: webApi,
    Page: page,
    Navigation: {
      openForm: async (options: Xrm.Navigation.EntityFormOptions) => {
        opened.push(options);
      },
      openErrorDialog: async (options: { message: string }) => {
        errors.push(options.message);
      },
    },
    Utility: { getGlobalContext: () => ({ userSettings: { languageId: 1033 } }) },
  };
  return state;
}

beforeAll(async () => {
  server = await startDataverse({ dbFile: ":memory:", port: 0 });
  const rep = SandboxUsers.salesRep;
  webApi = createWebApi({
    clientUrl: server.url,
    apiUrl: server.apiUrl,
    user: { id: rep.id, token: rep.token, fullname: rep.fullname },
    languageId: 1033,
    fetchApi: createFetchApi(server.apiUrl, rep.token),
  });
});

afterAll(() => server.close());

beforeEach(() => {
  opened.length = 0;
  errors.length = 0;
});

const currency = [{ id: `{${Currencies.euro.id.toUpperCase()}}`, name: "Euro", entityType: "transactioncurrency" }];

async function newLead(): Promise<string> {
  const { id } = await webApi.createRecord("lead", {
    firstname: "Eero",
    lastname: "Laine",
    companyname: "Northwind Oy",
    "transactioncurrencyid@odata.bind": `/transactioncurrencies(${Currencies.euro.id})`,
  });
  return id;
}

describe("Sales/Lead/Lead.js stand-in", () => {
  it("Qualify saves in Qualify mode, creates account, contact and opportunity, and opens the opportunity", async () => {
    const id = await newLead();
    const form = installXrm(id, { transactioncurrencyid: currency, statuscode: LeadStatus.New });
    await qualifyLeadQuick();
    expect(form.saves).toEqual([16]);
    const lead = await webApi.retrieveRecord("lead", id, "?$select=statecode,statuscode,_parentaccountid_value,_parentcontactid_value");
    expect(lead).toMatchObject({ statecode: LeadState.Qualified, statuscode: LeadStatus.Qualified });
    expect(lead._parentaccountid_value).toEqual(expect.any(String));
    const opportunities = await webApi.retrieveMultipleRecords("opportunity", `?$select=opportunityid&$filter=_originatingleadid_value eq ${id}`);
    expect(opened).toEqual([{ entityName: "opportunity", entityId: opportunities.entities[0].opportunityid }]);
    expect(errors).toEqual([]);
  });

  it("Qualify does nothing when an OnSave handler cancels the Qualify save", async () => {
    const id = await newLead();
    installXrm(id, { transactioncurrencyid: currency }, true);
    await qualifyLeadQuick();
    expect((await webApi.retrieveRecord("lead", id, "?$select=statecode")).statecode).toBe(LeadState.Open);
    expect(opened).toEqual([]);
  });

  it("Disqualify puts the chosen reason on the form for OnSave, saves in Disqualify mode, then disqualifies with that reason", async () => {
    const id = await newLead();
    const form = installXrm(id, { statuscode: LeadStatus.New });
    await disqualifyLeadAs({ SourceControlId: "lead|NoRelationship|Form|Mscrm.Form.lead.DM.DisqualifyLeadAs.DisqualifyLeadAs.Controls.5|5" });
    expect(form.saves).toEqual([15]);
    expect(form.values.statuscode).toBe(LeadStatus.CannotContact);
    expect(form.submitModes).toEqual(["statuscode:never", "statuscode:dirty"]);
    expect(form.refreshes).toBe(1);
    expect(await webApi.retrieveRecord("lead", id, "?$select=statecode,statuscode")).toMatchObject({ statecode: LeadState.Disqualified, statuscode: LeadStatus.CannotContact });
  });

  it("Disqualify leaves the lead open when the save is cancelled, and reloads the form", async () => {
    const id = await newLead();
    const form = installXrm(id, { statuscode: LeadStatus.New }, true);
    await disqualifyLeadAs(LeadStatus.Lost);
    expect(form.refreshes).toBe(1);
    expect((await webApi.retrieveRecord("lead", id, "?$select=statecode")).statecode).toBe(LeadState.Open);
  });

  it("grid Qualify qualifies every selected lead and refreshes the grid; a failure is shown, and the grid still refreshes", async () => {
    const ids = [await newLead(), await newLead()];
    installXrm(ids[0], {});
    const grid = { refresh: jest.fn() };
    await qualifyLeadsFromGrid(grid, ids.map((id) => ({ Id: `{${id.toUpperCase()}}` })));
    for (const id of ids) expect((await webApi.retrieveRecord("lead", id, "?$select=statecode")).statecode).toBe(LeadState.Qualified);
    expect(grid.refresh).toHaveBeenCalledTimes(1);
    await qualifyLeadsFromGrid(grid, [{ Id: ids[0] }]);
    expect(errors).toHaveLength(1);
    expect(grid.refresh).toHaveBeenCalledTimes(2);
  });
});

describe("Sales/Opportunity/Opportunity_main_system_library.js stand-in", () => {
  async function newOpportunity(): Promise<string> {
    const { id } = await webApi.createRecord("opportunity", {
      name: "Northwind deal",
      "transactioncurrencyid@odata.bind": `/transactioncurrencies(${Currencies.euro.id})`,
    });
    return id;
  }

  it("Close as Won asks the Close Opportunity questions, then WinOpportunity with the opportunity close and refreshes", async () => {
    const id = await newOpportunity();
    const form = installXrm(id, { statuscode: OpportunityStatus.InProgress, estimatedvalue: 1200 });
    const questions: CloseQuestion[] = [];
    await opportunityClose(true, async (question) => {
      questions.push(question);
      return { statusCode: OpportunityStatus.Won, actualRevenue: 1500, closeDate: "2026-11-20", description: "Signed." };
    });
    expect(questions[0]).toMatchObject({ isWon: true, statusOptions: [{ value: OpportunityStatus.Won, text: "Won" }], actualRevenue: 1200 });
    expect(form.refreshes).toBe(1);
    expect(await webApi.retrieveRecord("opportunity", id, "?$select=statecode,statuscode,actualvalue")).toMatchObject({
      statecode: OpportunityState.Won,
      statuscode: OpportunityStatus.Won,
      actualvalue: 1500,
    });
    const closes = await webApi.retrieveMultipleRecords("opportunityclose", `?$select=description,actualrevenue,subject&$filter=_opportunityid_value eq ${id}`);
    expect(closes.entities).toEqual([expect.objectContaining({ description: "Signed.", actualrevenue: 1500, subject: "Opportunity Close" })]);
  });

  it("Close as Lost offers the lost reasons labelled as the form labels them; cancelling changes nothing", async () => {
    const id = await newOpportunity();
    const form = installXrm(id, { statuscode: OpportunityStatus.InProgress });
    let offered: CloseQuestion["statusOptions"] = [];
    await opportunityClose(false, async (question) => {
      offered = question.statusOptions;
      return null;
    });
    expect(offered).toEqual([
      { value: OpportunityStatus.Canceled, text: "Canceled" },
      { value: OpportunityStatus.OutSold, text: "Lost to a competitor" },
    ]);
    expect(form.refreshes).toBe(0);
    expect((await webApi.retrieveRecord("opportunity", id, "?$select=statecode")).statecode).toBe(OpportunityState.Open);
  });

  it("grid Close as Lost closes the first selected opportunity and refreshes the grid", async () => {
    const id = await newOpportunity();
    installXrm(id, {});
    const grid = { refresh: jest.fn() };
    await opportunityCloseFromGrid([{ Id: id }], false, grid, async () => ({ statusCode: OpportunityStatus.OutSold, actualRevenue: null, closeDate: "2026-11-21", description: "" }));
    expect(grid.refresh).toHaveBeenCalledTimes(1);
    expect(await webApi.retrieveRecord("opportunity", id, "?$select=statecode,statuscode")).toMatchObject({ statecode: OpportunityState.Lost, statuscode: OpportunityStatus.OutSold });
  });
});
