import { LeadStatus, ProspectStatus } from "../../../core/src";
import { EURO, leadRecord, putLeadOnForm } from "../../test/fixtures";
import { createHarness, fakeGrid, newId } from "../../test/xrmHarness";
import { disqualifyAs, disqualifyStatusCode, qualify, qualifyEnabled, qualifyFromGrid } from "./LeadCommands";
import { onSave } from "./LeadForm";
import { LeadNotificationIds } from "./leadNotifications";

const ok = () => ({ ok: true, status: 200, statusText: "OK" });
const menuButton = (statusCode: number) => ({
  SourceControlId: `lead|NoRelationship|Form|Mscrm.Form.lead.DM.DisqualifyLeadAs.DisqualifyLeadAs.Controls.${statusCode}|${statusCode}`,
});

describe("Qualify (form)", () => {
  it("hands a non-Commerce lead straight to Sales' Qualify: no Web API call, no prompt", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { isCommerce: false, lastName: null });

    await qualify(h.form);

    expect(h.salesCalls).toEqual([{ action: "Mscrm.LeadCommandActions.qualifyLeadQuick", args: [] }]);
    expect(h.webApiCalls).toHaveLength(0);
    expect(h.confirms).toHaveLength(0);
    expect(h.notifications()).toEqual([]);
  });

  it("blocks a Commerce lead that misses what Commerce needs, lists exactly that on the form and qualifies nothing", async () => {
    const h = createHarness({ entityName: "lead", webApi: { execute: ok } });
    putLeadOnForm(h, { lastName: null, email: "aino at fabrikam", currency: null });

    await qualify(h.form);

    const note = h.notification(LeadNotificationIds.qualifyBlocked);
    expect(note?.level).toBe("ERROR");
    expect(note?.message).toBe(
      "This Commerce B2B lead cannot be qualified yet: Commerce needs it to create the organization and person customers. Contact last name is missing. Email is not a valid email address. Currency is missing.",
    );
    expect(h.webApiCalls).toHaveLength(0);
    expect(h.salesCalls).toHaveLength(0);
    expect(h.saves).toBe(0);
    expect(h.refreshes).toEqual([]);
  });

  it("lists what is missing in Finnish", async () => {
    const h = createHarness({ entityName: "lead", languageId: 1035 });
    putLeadOnForm(h, { companyName: null });

    await qualify(h.form);

    expect(h.notification(LeadNotificationIds.qualifyBlocked)?.message).toBe(
      "Tätä Commercen B2B-liidiä ei voi vielä hyväksyä: Commerce tarvitsee sen tiedot organisaatio- ja henkilöasiakkaan luomiseen. Yrityksen nimi puuttuu.",
    );
  });

  it("qualifies a complete Commerce lead into account, contact and opportunity, then refreshes the form", async () => {
    const id = newId();
    const h = createHarness({ entityName: "lead", id, dirty: true, webApi: { execute: ok } });
    putLeadOnForm(h);

    await qualify(h.form);

    expect(h.saves).toBe(1);
    expect(h.webApiCalls).toHaveLength(1);
    const request = h.webApiCalls[0].request as Record<string, unknown> & { getMetadata: () => Record<string, unknown> };
    expect(request).toMatchObject({
      entity: { entityType: "lead", id: id.replace(/[{}]/g, "").toLowerCase() },
      CreateAccount: true,
      CreateContact: true,
      CreateOpportunity: true,
      Status: LeadStatus.Qualified,
      OpportunityCurrencyId: { entityType: "transactioncurrency", id: EURO.id.replace(/[{}]/g, "").toLowerCase() },
    });
    expect(request.getMetadata()).toMatchObject({ boundParameter: "entity", operationName: "QualifyLead", operationType: 0 });
    expect(h.refreshes).toEqual([false]);
    expect(h.salesCalls).toHaveLength(0);
    expect(h.notification(LeadNotificationIds.qualifyBlocked)).toBeUndefined();
  });

  it("tells the rep when the platform refuses the qualification", async () => {
    const h = createHarness({
      entityName: "lead",
      webApi: {
        execute: () => {
          throw new Error("A record with matching values already exists.");
        },
      },
    });
    putLeadOnForm(h);

    await qualify(h.form);

    expect(h.alerts.map((a) => a.text)).toEqual(["The action failed: A record with matching values already exists."]);
    expect(h.refreshes).toEqual([]);
  });

  it("tells the rep when Sales' Qualify is not on the page", async () => {
    const h = createHarness({ entityName: "lead", salesLoaded: false });
    putLeadOnForm(h, { isCommerce: false });

    await qualify(h.form);

    expect(h.alerts[0].text).toBe("The standard command is not available on this page. Reload the page and try again.");
  });
});

describe("Qualify enable rule", () => {
  it.each([
    ["a non-Commerce lead", { isCommerce: false }, true],
    ["a pending Commerce lead", { prospectStatus: ProspectStatus.Pending }, true],
    ["a Commerce lead whose partner was rejected", { prospectStatus: ProspectStatus.Rejected }, false],
  ])("for %s resolves %s without a Web API call", async (_name, values, enabled) => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, values);

    const result = qualifyEnabled(h.form);

    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toBe(enabled);
    expect(h.webApiCalls).toHaveLength(0);
  });
});

describe("Qualify (grid)", () => {
  const a = newId();
  const b = newId();
  const c = newId();
  const selected = [
    { Id: a, Name: "Aino Virtanen", TypeName: "lead" },
    { Id: b, Name: "Plain lead", TypeName: "lead" },
    { Id: c, Name: "Broken", TypeName: "lead" },
  ];

  it("qualifies nothing when a selected Commerce lead misses something, and names that lead and what it misses", async () => {
    const h = createHarness({
      entityName: "lead",
      webApi: {
        retrieveMultipleRecords: () => [
          leadRecord(a),
          leadRecord(b, { isCommerce: false }),
          leadRecord(c, { firstName: "<b>Eve</b>", lastName: null, email: null, fullName: "<b>Eve</b>" }),
        ],
        execute: ok,
      },
    });
    const grid = fakeGrid();

    await qualifyFromGrid(grid, selected, 4);

    expect(h.webApiCalls.map((call) => call.method)).toEqual(["retrieveMultipleRecords"]);
    expect(h.alerts[0].text).toBe(
      "Nothing was qualified. These Commerce B2B leads miss what Commerce needs:\n<b>Eve</b>: This Commerce B2B lead cannot be qualified yet: Commerce needs it to create the organization and person customers. Contact last name is missing. Email is missing.",
    );
    expect(h.salesCalls).toHaveLength(0);
    expect(grid.refreshes).toBe(0);
  });

  it("qualifies the Commerce leads into all three records and hands the rest to Sales' grid Qualify", async () => {
    const h = createHarness({
      entityName: "lead",
      webApi: {
        retrieveMultipleRecords: () => [leadRecord(a), leadRecord(b, { isCommerce: false }), leadRecord(c)],
        execute: ok,
      },
    });
    const grid = fakeGrid();

    await qualifyFromGrid(grid, selected, 4);

    const executed = h.webApiCalls.filter((call) => call.method === "execute").map((call) => call.request?.entity);
    expect(executed).toEqual([
      { entityType: "lead", id: a.replace(/[{}]/g, "").toLowerCase() },
      { entityType: "lead", id: c.replace(/[{}]/g, "").toLowerCase() },
    ]);
    expect(h.salesCalls).toEqual([
      { action: "Mscrm.LeadGridCommandActions.qualifyLeadQuick", args: [grid, [selected[1]], 4] },
    ]);
    expect(grid.refreshes).toBe(1);
    expect(h.webApiCalls[0].options).toContain(`leadid eq ${a.replace(/[{}]/g, "").toLowerCase()} or leadid eq`);
  });
});

describe("Disqualify (form menu)", () => {
  it("reads the chosen reason from the menu button", () => {
    expect(disqualifyStatusCode(menuButton(6))).toBe(6);
    expect(disqualifyStatusCode({ SourceControlId: "Mscrm.Form.lead.Disqualify" })).toBeNull();
    expect(disqualifyStatusCode(undefined)).toBeNull();
  });

  it("hands a non-Commerce lead straight to Sales with the chosen reason: no prompt, no Web API call", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { isCommerce: false });

    await disqualifyAs(h.form, menuButton(LeadStatus.Lost));

    expect(h.salesCalls).toEqual([{ action: "Mscrm.LeadCommandActions.disqualifyLeadAs", args: [LeadStatus.Lost] }]);
    expect(h.confirms).toHaveLength(0);
    expect(h.webApiCalls).toHaveLength(0);
  });

  it("asks for confirmation naming the reason and the consequence, then disqualifies", async () => {
    const h = createHarness({ entityName: "lead", confirmAnswer: true });
    putLeadOnForm(h);

    await disqualifyAs(h.form, menuButton(LeadStatus.CannotContact));

    expect(h.confirms).toEqual([
      {
        title: "Disqualify the Commerce B2B partner?",
        text: 'Disqualifying prospect P-000123 with the reason "Cannot Contact" rejects the partner: Commerce sets the prospect to Rejected and emails the rejection to the partner.',
        confirmButtonLabel: "Disqualify",
        cancelButtonLabel: "Cancel",
      },
    ]);
    expect(h.salesCalls).toEqual([{ action: "Mscrm.LeadCommandActions.disqualifyLeadAs", args: [LeadStatus.CannotContact] }]);
  });

  it("does not ask again when Sales then saves the form in Disqualify mode", async () => {
    const h = createHarness({ entityName: "lead", confirmAnswer: true });
    putLeadOnForm(h);

    await disqualifyAs(h.form, menuButton(LeadStatus.Canceled));
    const outcome = await h.save(onSave, 15);

    expect(h.confirms).toHaveLength(1);
    expect(outcome.saved).toBe(true);
  });

  it("asks in Finnish", async () => {
    const h = createHarness({ entityName: "lead", languageId: 1035, confirmAnswer: true });
    putLeadOnForm(h);

    await disqualifyAs(h.form, menuButton(LeadStatus.NoLongerInterested));

    expect(h.confirms[0]).toEqual({
      title: "Hylätäänkö Commercen B2B-kumppani?",
      text: 'Prospektin P-000123 hylkääminen syyllä "Ei enää kiinnostunut" hylkää kumppanin: Commerce asettaa prospektin tilaan Hylätty ja lähettää kumppanille hylkäyksestä sähköpostin.',
      confirmButtonLabel: "Hylkää",
      cancelButtonLabel: "Peruuta",
    });
  });

  it("disqualifies nothing when the rep cancels", async () => {
    const h = createHarness({ entityName: "lead", confirmAnswer: false });
    putLeadOnForm(h);

    await disqualifyAs(h.form, menuButton(LeadStatus.Lost));

    expect(h.confirms).toHaveLength(1);
    expect(h.salesCalls).toHaveLength(0);
  });

  it("refuses to reject a partner Commerce already approved", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { prospectStatus: ProspectStatus.Approved });

    await disqualifyAs(h.form, menuButton(LeadStatus.Lost));

    expect(h.confirms).toHaveLength(0);
    expect(h.salesCalls).toHaveLength(0);
    expect(h.alerts[0].text).toBe(
      "This Commerce B2B lead cannot be disqualified. The partner is already approved in Commerce: the customer hierarchy exists and approval cannot be taken back.",
    );
  });
});
