import { LeadColumns, LeadStatus, ProspectStatus } from "../../../core/src";
import { putLeadOnForm, leadRecord } from "../../test/fixtures";
import { createHarness } from "../../test/xrmHarness";
import { onLoad, onQualificationColumnChange, onSave } from "./LeadForm";
import { LeadNotificationIds } from "./leadNotifications";

const SAVE_MODE_SAVE = 1;
const SAVE_MODE_DISQUALIFY = 15;
const SAVE_MODE_QUALIFY = 16;
const FORM_TYPE_READ_ONLY = 3;

const BLOCK_INTRO = "This Commerce B2B lead cannot be qualified yet: Commerce needs it to create the organization and person customers.";
const change = (h: ReturnType<typeof createHarness>) => ({ getFormContext: () => h.form }) as unknown as Xrm.Events.EventContext;

describe("lead form OnLoad", () => {
  it("shows a Commerce lead its prospect id, Commerce status and what each action does, without any Web API call", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h);

    const outcome = await h.load(onLoad);

    expect(h.notifications()).toEqual([
      {
        uniqueId: LeadNotificationIds.commerce,
        level: "INFO",
        message:
          "Commerce B2B prospect P-000123, Commerce status: Pending. Qualify creates the account, contact and opportunity that Commerce needs. Disqualify rejects the partner and Commerce emails the rejection.",
      },
    ]);
    expect(h.webApiCalls).toHaveLength(0);
    // The handler returns a promise (async OnLoad) but keeps the platform's timeout.
    expect(outcome).toEqual({ returnedPromise: true, asyncTimeoutDisabled: false });
  });

  it("says the same in Finnish", async () => {
    const h = createHarness({ entityName: "lead", languageId: 1035 });
    putLeadOnForm(h, { prospectStatus: ProspectStatus.Rejected });

    await h.load(onLoad);

    expect(h.notification(LeadNotificationIds.commerce)?.message).toBe(
      "Commercen B2B-prospekti P-000123, tila Commercessa: Hylätty. Hyväksyminen luo asiakasyrityksen, yhteyshenkilön ja myyntimahdollisuuden, joita Commerce tarvitsee. Hylkääminen hylkää kumppanin, ja Commerce lähettää hylkäyksestä sähköpostin.",
    );
  });

  it("tells the rep what stops Qualify before they click it: on the form, and at each column that misses something", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { lastName: null, email: "aino at fabrikam", currency: null }, { controls: { [LeadColumns.lastName]: ["lastname", "header_lastname"] } });

    await h.load(onLoad);

    expect(h.notification(LeadNotificationIds.qualifyBlocked)).toEqual({
      uniqueId: LeadNotificationIds.qualifyBlocked,
      level: "ERROR",
      message: `${BLOCK_INTRO} Contact last name is missing. Email is not a valid email address. Currency is missing.`,
    });
    expect(h.controlNotifications(LeadColumns.lastName)).toEqual({
      lastname: ["Contact last name is missing."],
      header_lastname: ["Contact last name is missing."],
    });
    expect(h.controlNotifications(LeadColumns.companyName)).toEqual({ companyname: [] });
    expect(h.webApiCalls).toHaveLength(0);
  });

  it("lists what is missing in Finnish", async () => {
    const h = createHarness({ entityName: "lead", languageId: 1035 });
    putLeadOnForm(h, { companyName: null });

    await h.load(onLoad);

    expect(h.notification(LeadNotificationIds.qualifyBlocked)?.message).toBe(
      "Tätä Commercen B2B-liidiä ei voi vielä hyväksyä: Commerce tarvitsee sen tiedot organisaatio- ja henkilöasiakkaan luomiseen. Yrityksen nimi puuttuu.",
    );
  });

  it("does not list what is missing on a lead that is no longer open (read-only form)", async () => {
    const h = createHarness({ entityName: "lead", formType: FORM_TYPE_READ_ONLY });
    putLeadOnForm(h, { email: null });

    await h.load(onLoad);

    expect(h.notifications().map((n) => n.uniqueId)).toEqual([LeadNotificationIds.commerce]);
  });

  it("leaves a non-Commerce lead exactly as before: no notification, no Web API call, no prompt", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { isCommerce: false, prospectId: null, prospectStatus: null, email: null });

    await h.load(onLoad);

    expect(h.notifications()).toEqual([]);
    expect(h.controlNotifications(LeadColumns.email)).toEqual({ emailaddress1: [] });
    expect(h.webApiCalls).toHaveLength(0);
    expect(h.confirms).toHaveLength(0);
    expect(h.alerts).toHaveLength(0);
  });

  it("does nothing on a new lead", async () => {
    const h = createHarness({ entityName: "lead", formType: 1 });
    putLeadOnForm(h);

    await h.load(onLoad);

    expect(h.notifications()).toEqual([]);
  });

  it("reads the lead with one Web API call on a form that lacks the Commerce columns", async () => {
    const h = createHarness({
      entityName: "lead",
      webApi: { retrieveRecord: (_entity, id) => leadRecord(id, { prospectId: "P-9" }) },
    });
    h.string(LeadColumns.companyName, "Fabrikam Oy");

    await h.load(onLoad);

    expect(h.webApiCalls.map((c) => `${c.method} ${c.entity}`)).toEqual(["retrieveRecord lead"]);
    expect(h.webApiCalls[0].options).toBe(
      "?$select=leadid,msdyn_b2bcommerceprospect,msdyn_prospectid,msdyn_b2bprospectstatus,companyname,firstname,lastname,emailaddress1,_transactioncurrencyid_value",
    );
    expect(h.notification(LeadNotificationIds.commerce)?.message).toContain("prospect P-9,");
  });

  it("keeps the form usable when the read fails: a warning, nothing else", async () => {
    const h = createHarness({
      entityName: "lead",
      webApi: {
        retrieveRecord: () => {
          throw new Error("Network error");
        },
      },
    });
    h.string(LeadColumns.companyName, "Fabrikam Oy");

    await h.load(onLoad);

    expect(h.notifications()).toEqual([{ uniqueId: LeadNotificationIds.commerce, level: "WARNING", message: "The action failed: Network error" }]);
  });

  it("shows hostile text from the sign-up form as text, on one line", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { prospectId: '<img src=x onerror="alert(1)">\n\u2028Approved by admin' });

    await h.load(onLoad);

    const message = h.notification(LeadNotificationIds.commerce)?.message ?? "";
    // Handed over verbatim (not escaped, never parsed): the platform renders notifications as text.
    expect(message).toContain('prospect <img src=x onerror="alert(1)"> Approved by admin, Commerce status: Pending.');
    expect(message).not.toMatch(/[\n\u2028]/);
  });
});

describe("lead form OnChange of a qualification column", () => {
  it("keeps the list of what is missing current and removes it once nothing is", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { lastName: null, email: "aino at fabrikam" });
    await h.load(onLoad);

    h.form.getAttribute(LeadColumns.lastName)?.setValue("Virtanen");
    await onQualificationColumnChange(change(h));
    expect(h.notification(LeadNotificationIds.qualifyBlocked)?.message).toBe(`${BLOCK_INTRO} Email is not a valid email address.`);

    h.form.getAttribute(LeadColumns.email)?.setValue("aino@fabrikam.fi");
    await onQualificationColumnChange(change(h));
    expect(h.notification(LeadNotificationIds.qualifyBlocked)).toBeUndefined();
    expect(h.controlNotifications(LeadColumns.email)).toEqual({ emailaddress1: [] });
  });

  it("lists a column the rep empties, before any Qualify", async () => {
    const h = createHarness({ entityName: "lead", languageId: 1035 });
    putLeadOnForm(h, {}, { controls: { [LeadColumns.lastName]: ["lastname", "header_lastname"] } });
    await h.load(onLoad);
    expect(h.notification(LeadNotificationIds.qualifyBlocked)).toBeUndefined();

    h.form.getAttribute(LeadColumns.lastName)?.setValue(null);
    await onQualificationColumnChange(change(h));

    expect(h.controlNotifications(LeadColumns.lastName)).toEqual({
      lastname: ["Yhteyshenkilön sukunimi puuttuu."],
      header_lastname: ["Yhteyshenkilön sukunimi puuttuu."],
    });
    expect(h.notification(LeadNotificationIds.qualifyBlocked)?.level).toBe("ERROR");
  });

  it("says nothing about a non-Commerce lead, and makes no Web API call", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { isCommerce: false, prospectId: null, lastName: null });

    await onQualificationColumnChange(change(h));

    expect(h.notifications()).toEqual([]);
    expect(h.webApiCalls).toHaveLength(0);
  });
});

describe("lead form OnSave", () => {
  it("ignores ordinary saves", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { lastName: null });

    const outcome = await h.save(onSave, SAVE_MODE_SAVE);

    expect(outcome).toEqual({ saved: true, asyncTimeoutDisabled: false, preventDefaultOnError: false, returnedPromise: false });
    expect(h.confirms).toHaveLength(0);
    expect(h.notifications()).toEqual([]);
  });

  it("cancels a Qualify save of a Commerce lead that misses something, synchronously, and lists what is missing", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { companyName: " ", currency: null });

    const outcome = await h.save(onSave, SAVE_MODE_QUALIFY);

    expect(outcome).toEqual({ saved: false, asyncTimeoutDisabled: false, preventDefaultOnError: false, returnedPromise: false });
    expect(h.notification(LeadNotificationIds.qualifyBlocked)?.message).toBe(`${BLOCK_INTRO} Company name is missing. Currency is missing.`);
    expect(h.webApiCalls).toHaveLength(0);
  });

  it("lets the Qualify save of a complete Commerce lead through and clears an earlier list", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { email: null });
    await h.load(onLoad);
    h.form.getAttribute(LeadColumns.email)?.setValue("aino@fabrikam.fi");

    const outcome = await h.save(onSave, SAVE_MODE_QUALIFY);

    expect(outcome.saved).toBe(true);
    expect(h.notification(LeadNotificationIds.qualifyBlocked)).toBeUndefined();
    expect(h.webApiCalls).toHaveLength(0);
  });

  it("leaves Qualify and Disqualify of a non-Commerce lead to Sales: no check, no prompt, synchronously", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { isCommerce: false, prospectId: null, prospectStatus: null, email: null });

    for (const mode of [SAVE_MODE_QUALIFY, SAVE_MODE_DISQUALIFY]) {
      expect(await h.save(onSave, mode)).toEqual({ saved: true, asyncTimeoutDisabled: false, preventDefaultOnError: false, returnedPromise: false });
    }
    expect(h.notifications()).toEqual([]);
    expect(h.confirms).toHaveLength(0);
  });

  it("asks before a Disqualify save: waits for the rep without timeout and cancels when they decline", async () => {
    const h = createHarness({ entityName: "lead", confirmAnswer: false });
    putLeadOnForm(h);

    const outcome = await h.save(onSave, SAVE_MODE_DISQUALIFY);

    expect(outcome).toEqual({ saved: false, asyncTimeoutDisabled: true, preventDefaultOnError: true, returnedPromise: true });
    expect(h.confirms).toHaveLength(1);
  });

  it("names the chosen reason and the consequence, and lets the Disqualify save through once the rep confirms", async () => {
    const h = createHarness({ entityName: "lead", confirmAnswer: true });
    putLeadOnForm(h);
    h.optionSet(LeadColumns.statusCode, LeadStatus.CannotContact);

    const outcome = await h.save(onSave, SAVE_MODE_DISQUALIFY);

    expect(outcome.saved).toBe(true);
    expect(h.confirms).toEqual([
      {
        title: "Disqualify the Commerce B2B partner?",
        text: 'Disqualifying prospect P-000123 with the reason "Cannot Contact" rejects the partner: Commerce sets the prospect to Rejected and emails the rejection to the partner.',
        confirmButtonLabel: "Disqualify",
        cancelButtonLabel: "Cancel",
      },
    ]);
  });

  it("asks in Finnish", async () => {
    const h = createHarness({ entityName: "lead", languageId: 1035 });
    putLeadOnForm(h);
    h.optionSet(LeadColumns.statusCode, LeadStatus.NoLongerInterested);

    await h.save(onSave, SAVE_MODE_DISQUALIFY);

    expect(h.confirms[0]).toEqual({
      title: "Hylätäänkö Commercen B2B-kumppani?",
      text: 'Prospektin P-000123 hylkääminen syyllä "Ei enää kiinnostunut" hylkää kumppanin: Commerce asettaa prospektin tilaan Hylätty ja lähettää kumppanille hylkäyksestä sähköpostin.',
      confirmButtonLabel: "Hylkää",
      cancelButtonLabel: "Peruuta",
    });
  });

  it("refuses to disqualify a partner Commerce already approved, and says why on the form", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { prospectStatus: ProspectStatus.Approved });

    const outcome = await h.save(onSave, SAVE_MODE_DISQUALIFY);

    expect(outcome.saved).toBe(false);
    expect(h.confirms).toHaveLength(0);
    expect(h.notification(LeadNotificationIds.qualifyBlocked)?.message).toBe(
      "This Commerce B2B lead cannot be disqualified. The partner is already approved in Commerce: the customer hierarchy exists and approval cannot be taken back.",
    );
  });
});

describe("a lead form without the Commerce flag column (e.g. an admin's own form)", () => {
  const withoutFlag = { withFlag: false };

  it("knows a lead without a prospect id is not from Commerce: no Web API call, Qualify as before", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { isCommerce: false, prospectId: null, prospectStatus: null, email: null }, withoutFlag);

    await h.load(onLoad);
    const outcome = await h.save(onSave, SAVE_MODE_QUALIFY);

    expect(outcome).toEqual({ saved: true, asyncTimeoutDisabled: false, preventDefaultOnError: false, returnedPromise: false });
    expect(h.webApiCalls).toHaveLength(0);
    expect(h.notifications()).toEqual([]);
  });

  it("reads a Commerce lead once per load for OnLoad, OnChange and the Qualify save, and the form's unsaved values count", async () => {
    const h = createHarness({ entityName: "lead", webApi: { retrieveRecord: (_e, id) => leadRecord(id, { lastName: null }) } });
    putLeadOnForm(h, { lastName: "Virtanen" }, withoutFlag);

    await h.load(onLoad);
    await onQualificationColumnChange(change(h));
    const outcome = await h.save(onSave, SAVE_MODE_QUALIFY);

    expect(h.webApiCalls.map((c) => c.method)).toEqual(["retrieveRecord"]);
    expect(h.notification(LeadNotificationIds.commerce)?.message).toContain("prospect P-000123,");
    expect(h.notification(LeadNotificationIds.qualifyBlocked)).toBeUndefined();
    expect(outcome).toEqual({ saved: true, asyncTimeoutDisabled: false, preventDefaultOnError: true, returnedPromise: true });
  });

  it("cancels the Qualify save of a Commerce lead that misses something through preventDefaultOnError, keeping the timeout", async () => {
    const h = createHarness({ entityName: "lead", webApi: { retrieveRecord: (_e, id) => leadRecord(id) } });
    putLeadOnForm(h, { email: "" }, withoutFlag);
    await h.load(onLoad);

    const outcome = await h.save(onSave, SAVE_MODE_QUALIFY);

    expect(outcome).toEqual({ saved: false, asyncTimeoutDisabled: false, preventDefaultOnError: true, returnedPromise: true });
    expect(h.notification(LeadNotificationIds.qualifyBlocked)?.message).toBe(`${BLOCK_INTRO} Email is missing.`);
  });

  it("does not stop a Qualify save because the lead could not be read (the server still checks)", async () => {
    const h = createHarness({
      entityName: "lead",
      webApi: {
        retrieveRecord: () => {
          throw new Error("Network error");
        },
      },
    });
    putLeadOnForm(h, { email: "" }, withoutFlag);

    const outcome = await h.save(onSave, SAVE_MODE_QUALIFY);

    expect(outcome.saved).toBe(true);
  });

  it("still asks before a Disqualify save of a Commerce lead", async () => {
    const h = createHarness({ entityName: "lead", confirmAnswer: false, webApi: { retrieveRecord: (_e, id) => leadRecord(id) } });
    putLeadOnForm(h, {}, withoutFlag);

    const outcome = await h.save(onSave, SAVE_MODE_DISQUALIFY);

    expect(outcome).toMatchObject({ saved: false, asyncTimeoutDisabled: true, preventDefaultOnError: true });
    expect(h.confirms).toHaveLength(1);
  });

  it("cancels a Disqualify save it cannot check, and says so on the form", async () => {
    const h = createHarness({
      entityName: "lead",
      webApi: {
        retrieveRecord: () => {
          throw new Error("Network error");
        },
      },
    });
    putLeadOnForm(h, {}, withoutFlag);

    const outcome = await h.save(onSave, SAVE_MODE_DISQUALIFY);

    expect(outcome.saved).toBe(false);
    expect(h.confirms).toHaveLength(0);
    expect(h.notification(LeadNotificationIds.qualifyBlocked)?.message).toBe("The action failed: Network error");
  });
});
