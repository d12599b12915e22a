import { LeadState, LeadStatus, OpportunityState, OpportunityStatus } from "../../../../core/src";
import { startDataverse, type DataverseServer } from "../../../src/dataverse/server";
import { Currencies } from "../../../src/dataverse/storage/seed";
import { SandboxUsers } from "../../../src/dataverse/users";
import { createFetchApi } from "../../shared/fetchApi";
import { loadAttributeMetadata } from "../clientApi/attributeMetadata";
import { createWebApi } from "../clientApi/webApi";
import { disqualifyLead, qualifyLead, qualifyLeadsFromGrid, SaveModes, type FormCommandHost } from "./leadCommands";
import { closeOpportunity, closeOpportunityFromGrid, type CloseQuestion } from "./opportunityCommands";
import { formCommandState, gridCommandState } from "./salesCommands";

/**
 * Sales' commands as the sandbox runs them, against the sandbox's real Web API through Xrm.WebApi;
 * the form (its values, saves with a save mode, reloads) and the dialogs are recorded.
 */
let server: DataverseServer;
let webApi: Xrm.WebApi;
const opened: Xrm.Navigation.EntityFormOptions[] = [];
const errors: Xrm.Navigation.ErrorDialogOptions[] = [];
const session = () => {
  const rep = SandboxUsers.salesRep;
  return {
    clientUrl: server.url,
    apiUrl: server.apiUrl,
    user: { id: rep.id, token: rep.token, fullname: rep.fullname },
    languageId: 1033 as const,
    fetchApi: createFetchApi(server.apiUrl, rep.token),
  };
};
const xrm = () =>
  ({
    WebApi: webApi,
    Navigation: {
      openForm: async (options: Xrm.Navigation.EntityFormOptions) => void opened.push(options),
      openErrorDialog: async (options: Xrm.Navigation.ErrorDialogOptions) => void errors.push(options),
    },
  }) as unknown as FormCommandHost["xrm"];

interface FakeForm {
  host: FormCommandHost;
  saves: number[];
  reloads: number;
  values: Record<string, unknown>;
  submitModes: string[];
  /** What statuscode held while each save's OnSave ran. */
  statusDuringSave: unknown[];
}

/** A form over one record: `cancelSave` makes every save fail as an OnSave handler's cancel does. */
function form(id: string, values: Record<string, unknown>, options: { cancelSave?: boolean; dirty?: boolean } = {}): FakeForm {
  const state: FakeForm = { host: undefined as unknown as FormCommandHost, saves: [], reloads: 0, values: { ...values }, submitModes: [], statusDuringSave: [] };
  const attribute = (name: string) =>
    name in state.values
      ? {
          getValue: () => state.values[name],
          setValue: (value: unknown) => {
            state.values[name] = value;
          },
          setSubmitMode: (mode: string) => state.submitModes.push(`${name}:${mode}`),
        }
      : null;
  const formContext = {
    getAttribute: attribute,
    data: { entity: { getId: () => `{${id.toUpperCase()}}`, getIsDirty: () => options.dirty ?? false } },
  } as unknown as Xrm.FormContext;
  state.host = {
    formContext,
    saveAs: async (saveMode) => {
      state.saves.push(saveMode);
      state.statusDuringSave.push(state.values.statuscode);
      if (options.cancelSave) throw new Error("The save was cancelled by an OnSave event handler.");
    },
    reload: async () => {
      state.reloads += 1;
    },
    xrm: xrm(),
  };
  return state;
}

beforeAll(async () => {
  server = await startDataverse({ dbFile: ":memory:", port: 0 });
  webApi = createWebApi(session());
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

async function newOpportunity(): Promise<string> {
  const { id } = await webApi.createRecord("opportunity", {
    name: "Northwind deal",
    "transactioncurrencyid@odata.bind": `/transactioncurrencies(${Currencies.euro.id})`,
  });
  return id;
}

describe("when Sales' commands show", () => {
  it("offers the state changes on an open record the user may write, and Save / Refresh as the form allows", () => {
    expect(formCommandState("qualify", 2, true)).toEqual({ visible: true, enabled: true });
    expect(formCommandState("disqualify", 2, false)).toEqual({ visible: true, enabled: false });
    for (const formType of [1, 3, 4]) expect(formCommandState("closeWon", formType, true).visible).toBe(false);
    expect(formCommandState("save", 3, true)).toEqual({ visible: true, enabled: false });
    expect(formCommandState("refresh", 3, false)).toEqual({ visible: true, enabled: true });
  });

  it("enables grid Qualify for any selection and grid Close for exactly one opportunity", () => {
    expect([0, 1, 3].map((n) => gridCommandState("lead", n).enabled)).toEqual([false, true, true]);
    expect([0, 1, 2].map((n) => gridCommandState("opportunity", n).enabled)).toEqual([false, true, false]);
  });
});

describe("lead form: Qualify", () => {
  it("raises OnSave with save mode 16, then QualifyLead creates account, contact and opportunity, and the opportunity opens", async () => {
    const id = await newLead();
    const f = form(id, { transactioncurrencyid: currency, statuscode: LeadStatus.New });

    await qualifyLead(f.host);

    expect(f.saves).toEqual([SaveModes.qualify]);
    const lead = await webApi.retrieveRecord("lead", id, "?$select=statecode,statuscode,_parentaccountid_value,_parentcontactid_value");
    expect(lead).toMatchObject({ statecode: LeadState.Qualified, statuscode: LeadStatus.Qualified });
    expect(lead._parentaccountid_value).toEqual(expect.any(String));
    expect(lead._parentcontactid_value).toEqual(expect.any(String));
    const opportunities = await webApi.retrieveMultipleRecords("opportunity", `?$select=opportunityid&$filter=_originatingleadid_value eq ${id}`);
    expect(opened).toEqual([{ entityName: "opportunity", entityId: opportunities.entities[0].opportunityid }]);
    expect(errors).toEqual([]);
  });

  it("qualifies nothing when an OnSave handler cancels the Qualify save", async () => {
    const id = await newLead();
    const f = form(id, { transactioncurrencyid: currency }, { cancelSave: true });

    await qualifyLead(f.host);

    expect((await webApi.retrieveRecord("lead", id, "?$select=statecode")).statecode).toBe(LeadState.Open);
    expect(opened).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("shows the server's refusal in the error dialog, with its error code, and opens nothing", async () => {
    const id = await newLead();
    await qualifyLead(form(id, {}).host);
    opened.length = 0;

    await qualifyLead(form(id, {}).host);

    expect(opened).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toEqual(expect.stringMatching(/\S/));
    expect(errors[0].errorCode).toEqual(expect.any(Number));
  });
});

describe("lead form: Disqualify", () => {
  it("offers the Disqualified status reasons of the lead's metadata", async () => {
    const statuses = (await loadAttributeMetadata(session(), "lead", 1033)).get("statuscode")?.options ?? [];
    expect(statuses.filter((o) => o.state === LeadState.Disqualified).map((o) => o.value)).toEqual([
      LeadStatus.Lost,
      LeadStatus.CannotContact,
      LeadStatus.NoLongerInterested,
      LeadStatus.Canceled,
    ]);
  });

  it("has the chosen reason on the form while OnSave runs in save mode 15, then disqualifies with it and reloads", async () => {
    const id = await newLead();
    const f = form(id, { statuscode: LeadStatus.New });

    await disqualifyLead(f.host, LeadStatus.CannotContact);

    expect(f.saves).toEqual([SaveModes.disqualify]);
    expect(f.statusDuringSave).toEqual([LeadStatus.CannotContact]);
    expect(f.submitModes).toEqual(["statuscode:never", "statuscode:dirty"]);
    expect(f.reloads).toBe(1);
    expect(await webApi.retrieveRecord("lead", id, "?$select=statecode,statuscode")).toMatchObject({
      statecode: LeadState.Disqualified,
      statuscode: LeadStatus.CannotContact,
    });
  });

  it("leaves the lead open and puts the form's status reason back when the save is cancelled", async () => {
    const id = await newLead();
    const f = form(id, { statuscode: LeadStatus.New }, { cancelSave: true });

    await disqualifyLead(f.host, LeadStatus.Lost);

    expect(f.values.statuscode).toBe(LeadStatus.New);
    expect(f.reloads).toBe(0);
    expect((await webApi.retrieveRecord("lead", id, "?$select=statecode")).statecode).toBe(LeadState.Open);
  });

  it("shows the server's refusal in the error dialog", async () => {
    const id = await newLead();
    const f = form(id, { statuscode: LeadStatus.New });

    // Qualified (3) belongs to another status than Disqualified: Dataverse refuses the pair.
    await disqualifyLead(f.host, LeadStatus.Qualified);

    expect(errors).toHaveLength(1);
    expect((await webApi.retrieveRecord("lead", id, "?$select=statecode")).statecode).toBe(LeadState.Open);
  });
});

describe("lead view: Qualify", () => {
  it("qualifies every selected lead, refreshes the grid, and lists each refused lead with the server's message", async () => {
    const ids = [await newLead(), await newLead()];
    const refresh = jest.fn();
    const selected = ids.map((id, i) => ({ id: `{${id.toUpperCase()}}`, name: `Lead ${i + 1}` }));

    await qualifyLeadsFromGrid({ selected, refresh, xrm: xrm() });

    for (const id of ids) expect((await webApi.retrieveRecord("lead", id, "?$select=statecode")).statecode).toBe(LeadState.Qualified);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(errors).toEqual([]);

    const third = await newLead();
    await qualifyLeadsFromGrid({ selected: [...selected, { id: third, name: "Lead 3" }], refresh, xrm: xrm() });

    expect((await webApi.retrieveRecord("lead", third, "?$select=statecode")).statecode).toBe(LeadState.Qualified);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(errors).toHaveLength(1);
    expect(errors[0].message?.split("\n").map((line) => line.split(":")[0])).toEqual(["Lead 1", "Lead 2"]);
  });
});

describe("opportunity: Close as Won / Lost", () => {
  const statusOptions = () => loadAttributeMetadata(session(), "opportunity", 1033).then((m) => m.get("statuscode")?.options ?? []);

  it("asks the Close Opportunity questions with the Won status reasons, then WinOpportunity closes it and the form reloads", async () => {
    const id = await newOpportunity();
    const f = form(id, { estimatedvalue: 1200 });
    const questions: CloseQuestion[] = [];

    await closeOpportunity(f.host, {
      isWon: true,
      languageId: 1033,
      statusOptions: await statusOptions(),
      ask: async (question) => {
        questions.push(question);
        return { statusCode: OpportunityStatus.Won, actualRevenue: 1500, closeDate: "2026-11-20", description: "Signed." };
      },
    });

    expect(questions[0]).toMatchObject({ isWon: true, statusOptions: [{ value: OpportunityStatus.Won, text: "Won" }], actualRevenue: 1200 });
    expect(f.reloads).toBe(1);
    expect(f.saves).toEqual([]);
    expect(await webApi.retrieveRecord("opportunity", id, "?$select=statecode,statuscode,actualvalue")).toMatchObject({
      statecode: OpportunityState.Won,
      statuscode: OpportunityStatus.Won,
      actualvalue: 1500,
    });
    const closes = await webApi.retrieveMultipleRecords("opportunityclose", `?$select=description,actualrevenue,subject&$filter=_opportunityid_value eq ${id}`);
    expect(closes.entities).toEqual([expect.objectContaining({ description: "Signed.", actualrevenue: 1500, subject: "Opportunity Close" })]);
  });

  it("offers the Lost status reasons; cancelling the dialog changes nothing", async () => {
    const id = await newOpportunity();
    const f = form(id, {}, { dirty: true });
    let offered: CloseQuestion["statusOptions"] = [];

    await closeOpportunity(f.host, {
      isWon: false,
      languageId: 1033,
      statusOptions: await statusOptions(),
      ask: async (question) => {
        offered = question.statusOptions;
        return null;
      },
    });

    expect(offered).toEqual([
      { value: OpportunityStatus.Canceled, text: "Canceled" },
      { value: OpportunityStatus.OutSold, text: "Out-Sold" },
    ]);
    expect(f.saves).toEqual([1]);
    expect(f.reloads).toBe(0);
    expect((await webApi.retrieveRecord("opportunity", id, "?$select=statecode")).statecode).toBe(OpportunityState.Open);
  });

  it("shows the server's refusal in the error dialog and leaves the form as it is", async () => {
    const id = await newOpportunity();
    const f = form(id, {});
    const options = { isWon: true, languageId: 1033, statusOptions: await statusOptions() };
    const won = async () => ({ statusCode: OpportunityStatus.Won, actualRevenue: null, closeDate: "2026-11-20", description: "" });
    await closeOpportunity(f.host, { ...options, ask: won });

    await closeOpportunity(f.host, { ...options, ask: won });

    expect(errors).toHaveLength(1);
    expect(errors[0].message).toEqual(expect.stringMatching(/\S/));
    expect(f.reloads).toBe(1);
  });

  it("closes the selected opportunity from a view as lost and refreshes the grid", async () => {
    const id = await newOpportunity();
    const refresh = jest.fn();

    await closeOpportunityFromGrid(
      { selected: [{ id, name: "Northwind deal" }], refresh, xrm: xrm() },
      {
        isWon: false,
        languageId: 1033,
        statusOptions: await statusOptions(),
        ask: async () => ({ statusCode: OpportunityStatus.OutSold, actualRevenue: null, closeDate: "2026-11-21", description: "" }),
      },
    );

    expect(refresh).toHaveBeenCalledTimes(1);
    expect(await webApi.retrieveRecord("opportunity", id, "?$select=statecode,statuscode")).toMatchObject({
      statecode: OpportunityState.Lost,
      statuscode: OpportunityStatus.OutSold,
    });
  });
});
