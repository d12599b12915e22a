import { LeadColumns, ProspectStatus } from "../../../core/src";
import { putLeadOnForm, leadRecord } from "../../test/fixtures";
import { createHarness } from "../../test/xrmHarness";
import { qualify, qualifyEnabled } from "./LeadCommands";
import { onLoad, onQualificationColumnChange, onSave } from "./LeadForm";
import { LeadNotificationIds } from "./leadNotifications";

const SAVE_MODE_SAVE = 1;
const SAVE_MODE_DISQUALIFY = 15;
const SAVE_MODE_QUALIFY = 16;

describe("lead form OnLoad", () => {
  it("shows a Commerce lead its prospect id, Commerce status and what each action does, without any Web API call", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h);

    const outcome = await h.load(onLoad);

    const note = h.notification(LeadNotificationIds.commerce);
    expect(note?.level).toBe("INFO");
    expect(note?.message).toBe(
      "Commerce B2B prospect P-000123, Commerce status: Pending. Qualify creates the account, contact and opportunity that Commerce needs. Disqualify rejects the partner and Commerce emails the rejection.",
    );
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

  it("leaves a non-Commerce lead exactly as before: no notification, no Web API call, no prompt", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { isCommerce: false, prospectId: null, prospectStatus: null });

    await h.load(onLoad);

    expect(h.notifications()).toEqual([]);
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
    expect(h.webApiCalls[0].options).toContain("msdyn_b2bcommerceprospect");
    expect(h.notification(LeadNotificationIds.commerce)?.message).toContain("prospect P-9,");
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
    await qualify(h.form);
    const context = { getFormContext: () => h.form } as unknown as Xrm.Events.EventContext;

    h.form.getAttribute(LeadColumns.lastName)?.setValue("Virtanen");
    await onQualificationColumnChange(context);
    expect(h.notification(LeadNotificationIds.qualifyBlocked)?.message).toBe(
      "This Commerce B2B lead cannot be qualified yet: Commerce needs it to create the organization and person customers. Email is not a valid email address.",
    );

    h.form.getAttribute(LeadColumns.email)?.setValue("aino@fabrikam.fi");
    await onQualificationColumnChange(context);
    expect(h.notification(LeadNotificationIds.qualifyBlocked)).toBeUndefined();
  });

  it("marks every control of each column that stops qualification, body and header alike, and unmarks it when fixed", async () => {
    const h = createHarness({ entityName: "lead", languageId: 1035 });
    putLeadOnForm(h, { lastName: null }, { controls: { [LeadColumns.lastName]: ["lastname", "header_lastname"] } });
    await qualify(h.form);

    expect(h.controlNotifications(LeadColumns.lastName)).toEqual({
      lastname: ["Yhteyshenkilön sukunimi puuttuu."],
      header_lastname: ["Yhteyshenkilön sukunimi puuttuu."],
    });
    expect(h.controlNotifications(LeadColumns.email)).toEqual({ emailaddress1: [] });

    h.form.getAttribute(LeadColumns.lastName)?.setValue("Virtanen");
    await onQualificationColumnChange({ getFormContext: () => h.form } as unknown as Xrm.Events.EventContext);

    expect(h.controlNotifications(LeadColumns.lastName)).toEqual({ lastname: [], header_lastname: [] });
  });

  it("does not show the list before the rep tried to qualify", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { lastName: null });

    await onQualificationColumnChange({ getFormContext: () => h.form } as unknown as Xrm.Events.EventContext);

    expect(h.notifications()).toEqual([]);
  });
});

describe("lead form OnSave", () => {
  it("ignores ordinary saves", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { lastName: null });

    const outcome = await h.save(onSave, SAVE_MODE_SAVE);

    expect(outcome).toEqual({ saved: true, asyncTimeoutDisabled: false, preventDefaultOnError: false, returnedPromise: false });
    expect(h.confirms).toHaveLength(0);
  });

  it("cancels a Qualify save of a Commerce lead that misses something, synchronously, and lists what is missing", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { companyName: " ", currency: null });

    const outcome = await h.save(onSave, SAVE_MODE_QUALIFY);

    expect(outcome.saved).toBe(false);
    expect(outcome.returnedPromise).toBe(false);
    expect(h.notification(LeadNotificationIds.qualifyBlocked)?.message).toContain("Company name is missing. Currency is missing.");
  });

  it("asks before a Disqualify save the command did not confirm: waits for the rep without timeout and cancels when they decline", async () => {
    const h = createHarness({ entityName: "lead", confirmAnswer: false });
    putLeadOnForm(h);

    const outcome = await h.save(onSave, SAVE_MODE_DISQUALIFY);

    expect(outcome).toEqual({ saved: false, asyncTimeoutDisabled: true, preventDefaultOnError: true, returnedPromise: true });
    expect(h.confirms).toHaveLength(1);
  });

  it("lets the Disqualify save through once the rep confirms", async () => {
    const h = createHarness({ entityName: "lead", confirmAnswer: true });
    putLeadOnForm(h);

    const outcome = await h.save(onSave, SAVE_MODE_DISQUALIFY);

    expect(outcome.saved).toBe(true);
    expect(h.confirms[0].text).toContain("emails the rejection");
  });

  it("refuses to disqualify a partner Commerce already approved", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { prospectStatus: ProspectStatus.Approved });

    const outcome = await h.save(onSave, SAVE_MODE_DISQUALIFY);

    expect(outcome.saved).toBe(false);
    expect(h.confirms).toHaveLength(0);
    expect(h.notification(LeadNotificationIds.qualifyBlocked)?.message).toContain("approval cannot be taken back");
  });
});

describe("a lead form without the Commerce flag column (e.g. an admin's own form)", () => {
  const withoutFlag = { withFlag: false };

  it("knows a lead without a prospect id is not from Commerce: no Web API call, Sales' Qualify as before", async () => {
    const h = createHarness({ entityName: "lead" });
    putLeadOnForm(h, { isCommerce: false, prospectId: null, prospectStatus: null }, withoutFlag);

    await h.load(onLoad);
    await qualify(h.form);

    expect(h.webApiCalls).toHaveLength(0);
    expect(h.notifications()).toEqual([]);
    expect(h.salesCalls.map((c) => c.action)).toEqual(["Mscrm.LeadCommandActions.qualifyLeadQuick"]);
  });

  it("reads a Commerce lead once per load for OnLoad, the enable rule and Qualify, and the form's unsaved values count", async () => {
    const h = createHarness({
      entityName: "lead",
      webApi: { retrieveRecord: (_e, id) => leadRecord(id, { lastName: null }), execute: () => ({ ok: true }) },
    });
    putLeadOnForm(h, { lastName: "Virtanen" }, withoutFlag);

    await h.load(onLoad);
    await expect(qualifyEnabled(h.form)).resolves.toBe(true);
    await qualify(h.form);

    expect(h.webApiCalls.map((c) => c.method)).toEqual(["retrieveRecord", "execute"]);
    expect(h.notification(LeadNotificationIds.commerce)?.message).toContain("prospect P-000123,");
    expect(h.refreshes).toEqual([false]);
  });

  it("still asks before a Disqualify save of a Commerce lead", async () => {
    const h = createHarness({ entityName: "lead", confirmAnswer: false, webApi: { retrieveRecord: (_e, id) => leadRecord(id) } });
    putLeadOnForm(h, {}, withoutFlag);

    const outcome = await h.save(onSave, SAVE_MODE_DISQUALIFY);

    expect(outcome).toMatchObject({ saved: false, asyncTimeoutDisabled: true, preventDefaultOnError: true });
    expect(h.confirms).toHaveLength(1);
  });
});
