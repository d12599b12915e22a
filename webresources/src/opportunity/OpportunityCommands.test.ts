import { OpportunityColumns, ProspectStatus } from "../../../core/src";
import { createHarness, fakeGrid, newId, type Harness, type WebApiScript } from "../../test/xrmHarness";
import {
  closeAsLost,
  closeAsLostEnabled,
  closeAsLostFromGrid,
  closeAsWon,
  closeAsWonEnabled,
  closeAsWonFromGrid,
} from "./OpportunityCommands";
import { OpportunityNotificationIds, onLoad } from "./OpportunityForm";

interface OpportunityShape {
  lead?: { isCommerce: boolean; prospectId?: string; status?: number } | null;
  accountNumber?: string | null | "no account";
  contactPersonId?: string | null | "no contact";
}

/** The opportunity as the Web API returns it with $expand of the lead, account and contact. */
function opportunityRecord(id: string, shape: OpportunityShape): Record<string, unknown> {
  const lead = shape.lead === undefined ? { isCommerce: true } : shape.lead;
  return {
    opportunityid: id,
    originatingleadid: lead && {
      msdyn_b2bcommerceprospect: lead.isCommerce,
      msdyn_prospectid: lead.prospectId ?? "P-000123",
      msdyn_b2bprospectstatus: lead.status ?? ProspectStatus.Pending,
    },
    parentaccountid: shape.accountNumber === "no account" ? null : { accountnumber: shape.accountNumber === undefined ? "CUS-0001" : shape.accountNumber },
    parentcontactid:
      shape.contactPersonId === "no contact" ? null : { msdyn_contactpersonid: shape.contactPersonId === undefined ? "CP-01" : shape.contactPersonId },
  };
}

function envVar(value: "yes" | "no" | null, defaultValue = "no"): Record<string, unknown>[] {
  return [
    {
      schemaname: "cb2b_RequireApproverRole",
      defaultvalue: defaultValue,
      environmentvariabledefinition_environmentvariablevalue: value === null ? [] : [{ value }],
    },
  ];
}

function opportunityForm(
  shape: OpportunityShape,
  options: { languageId?: number; roles?: string[]; confirmAnswer?: boolean; approver?: "yes" | "no" | null; approverDefault?: string } = {},
): Harness {
  const webApi: WebApiScript = {
    retrieveRecord: (_entity, id) => opportunityRecord(id, shape),
    retrieveMultipleRecords: () => envVar(options.approver ?? null, options.approverDefault),
  };
  const h = createHarness({ entityName: "opportunity", webApi, ...options });
  h.lookup(OpportunityColumns.originatingLead, shape.lead === null ? null : { id: newId(), name: "Aino Virtanen", entityType: "lead" });
  h.lookup(OpportunityColumns.parentAccount, shape.accountNumber === "no account" ? null : { id: newId(), name: "Fabrikam Oy", entityType: "account" });
  h.lookup(OpportunityColumns.parentContact, shape.contactPersonId === "no contact" ? null : { id: newId(), name: "Aino", entityType: "contact" });
  return h;
}

describe("opportunity form OnLoad", () => {
  it("makes no Web API call and shows nothing for an opportunity without an originating lead", async () => {
    const h = opportunityForm({ lead: null });

    await h.load(onLoad);

    expect(h.webApiCalls).toHaveLength(0);
    expect(h.notifications()).toEqual([]);
    await expect(closeAsWonEnabled(h.form)).resolves.toBe(true);
    expect(h.webApiCalls).toHaveLength(0);
  });

  it("tells the rep what closing does in Commerce, with one Web API call shared by OnLoad and both enable rules", async () => {
    const h = opportunityForm({});

    // The command bar may evaluate its rules before or after OnLoad: still one read per load.
    await expect(closeAsWonEnabled(h.form)).resolves.toBe(true);
    const outcome = await h.load(onLoad);
    await expect(closeAsLostEnabled(h.form)).resolves.toBe(true);

    expect(h.webApiCalls.map((c) => `${c.method} ${c.entity}`)).toEqual(["retrieveRecord opportunity"]);
    expect(h.webApiCalls[0].options).toBe(
      "?$select=opportunityid&$expand=originatingleadid($select=msdyn_b2bcommerceprospect,msdyn_prospectid,msdyn_b2bprospectstatus),parentaccountid($select=accountnumber),parentcontactid($select=msdyn_contactpersonid)",
    );
    expect(outcome).toEqual({ returnedPromise: true, asyncTimeoutDisabled: false });
    expect(h.notifications()).toEqual([
      {
        uniqueId: OpportunityNotificationIds.commerce,
        level: "INFO",
        message:
          "This opportunity comes from Commerce B2B prospect P-000123, Commerce status: Pending. Close as Won approves the partner in Commerce; Close as Lost rejects it.",
      },
    ]);
  });

  it("reads again on the next load of the same record", async () => {
    const h = opportunityForm({});

    await h.load(onLoad);
    await h.load(onLoad);

    expect(h.webApiCalls).toHaveLength(2);
  });

  it("disables Close as Won and says why while the account and contact are not Commerce customers yet", async () => {
    const h = opportunityForm({ accountNumber: null, contactPersonId: "" });

    await h.load(onLoad);

    await expect(closeAsWonEnabled(h.form)).resolves.toBe(false);
    expect(h.notification(OpportunityNotificationIds.closeWonBlocked)).toEqual({
      uniqueId: OpportunityNotificationIds.closeWonBlocked,
      level: "WARNING",
      message:
        "Close as Won is not available for this Commerce B2B opportunity yet. The account is not yet a Commerce organization customer (no account number from Commerce). Check that the Customers V3 (accounts) dual-write map is running. The contact is not yet a Commerce person customer (no contact person id from Commerce). Check that the Customers V3 (contacts) dual-write map is running.",
    });
  });

  it("says why in Finnish", async () => {
    const h = opportunityForm({ contactPersonId: "no contact" }, { languageId: 1035 });

    await h.load(onLoad);

    expect(h.notification(OpportunityNotificationIds.closeWonBlocked)?.message).toBe(
      "Tätä Commercen B2B-myyntimahdollisuutta ei voi vielä sulkea voitettuna. Myyntimahdollisuudella ei ole yhteyshenkilöä. Hyväksy Commercen B2B-liidi, jotta yhteyshenkilö luodaan.",
    );
  });

  it("disables Close as Won for a rejected partner and Close as Lost for an approved one", async () => {
    const rejected = opportunityForm({ lead: { isCommerce: true, status: ProspectStatus.Rejected } });
    await expect(closeAsWonEnabled(rejected.form)).resolves.toBe(false);
    await expect(closeAsLostEnabled(rejected.form)).resolves.toBe(true);

    const approved = opportunityForm({ lead: { isCommerce: true, status: ProspectStatus.Approved } });
    await approved.load(onLoad);
    await expect(closeAsLostEnabled(approved.form)).resolves.toBe(false);
    expect(approved.notification(OpportunityNotificationIds.closeLostBlocked)?.message).toBe(
      "Close as Lost is not available for this Commerce B2B opportunity. The partner is already approved in Commerce: the customer hierarchy exists and approval cannot be taken back.",
    );
  });

  it("keeps the form usable when the read fails: a warning, the commands stay as Sales has them", async () => {
    const h = createHarness({
      entityName: "opportunity",
      webApi: {
        retrieveRecord: () => {
          throw new Error("Network error");
        },
      },
    });
    h.lookup(OpportunityColumns.originatingLead, { id: newId(), name: "Lead", entityType: "lead" });

    await h.load(onLoad);

    expect(h.notification(OpportunityNotificationIds.commerce)).toEqual({
      uniqueId: OpportunityNotificationIds.commerce,
      level: "WARNING",
      message: "The action failed: Network error",
    });
    await expect(closeAsWonEnabled(h.form)).resolves.toBe(true);
  });

  it("shows a hostile prospect id as text on one line", async () => {
    const h = opportunityForm({ lead: { isCommerce: true, prospectId: "<script>x()</script>\r\nP-1" } });

    await h.load(onLoad);

    expect(h.notification(OpportunityNotificationIds.commerce)?.message).toContain("prospect <script>x()</script> P-1, Commerce");
  });
});

describe("Close as Won (form)", () => {
  it("hands a non-Commerce opportunity straight to Sales: no prompt, no extra Web API call", async () => {
    const h = opportunityForm({ lead: { isCommerce: false } });
    await h.load(onLoad);

    await closeAsWon(h.form);

    expect(h.salesCalls).toEqual([{ action: "Mscrm.OpportunityCommandActions.opportunityClose", args: [true] }]);
    expect(h.confirms).toHaveLength(0);
    expect(h.webApiCalls).toHaveLength(1);
    expect(h.notifications()).toEqual([]);
  });

  it("confirms that winning approves the partner in Commerce, then opens Sales' Close as Won", async () => {
    const h = opportunityForm({}, { approver: "no" });
    await h.load(onLoad);

    await closeAsWon(h.form);

    expect(h.confirms).toEqual([
      {
        title: "Approve the partner in Commerce?",
        text: "Closing this opportunity as won approves prospect P-000123 in Commerce: Commerce creates the customer hierarchy (B2B organization, requester as admin) and emails the approval to the partner. This cannot be taken back.",
        confirmButtonLabel: "Close as won",
        cancelButtonLabel: "Cancel",
      },
    ]);
    expect(h.salesCalls).toEqual([{ action: "Mscrm.OpportunityCommandActions.opportunityClose", args: [true] }]);
  });

  it("does nothing when the rep cancels", async () => {
    const h = opportunityForm({}, { confirmAnswer: false });

    await closeAsWon(h.form);

    expect(h.salesCalls).toHaveLength(0);
  });

  it("tells the rep why when the command is reached while Commerce is not ready", async () => {
    const h = opportunityForm({ accountNumber: "no account" });

    await closeAsWon(h.form);

    expect(h.confirms).toHaveLength(0);
    expect(h.salesCalls).toHaveLength(0);
    expect(h.alerts[0].text).toBe(
      "Close as Won is not available for this Commerce B2B opportunity yet. The opportunity has no account. Qualify the Commerce B2B lead so that an account is created.",
    );
  });

  it("requires the Commerce B2B approver role when the environment variable says so", async () => {
    const h = opportunityForm({}, { approver: "yes", roles: ["Salesperson"] });

    await closeAsWon(h.form);

    expect(h.alerts.map((a) => a.text)).toEqual([
      "Approving a Commerce B2B partner requires the Commerce B2B approver security role. Ask an administrator to assign it to you.",
    ]);
    expect(h.confirms).toHaveLength(0);
    expect(h.salesCalls).toHaveLength(0);
    const envCall = h.webApiCalls.find((c) => c.method === "retrieveMultipleRecords");
    expect(envCall?.entity).toBe("environmentvariabledefinition");
    expect(envCall?.options).toContain("schemaname eq 'cb2b_RequireApproverRole'");
  });

  it("lets an approver through, and uses the default value when the environment has no current value", async () => {
    const approver = opportunityForm({}, { approver: "yes", roles: ["Salesperson", "Commerce B2B approver"] });
    await closeAsWon(approver.form);
    expect(approver.salesCalls).toHaveLength(1);

    const byDefault = opportunityForm({}, { approver: null, approverDefault: "yes", roles: [] });
    await closeAsWon(byDefault.form);
    expect(byDefault.salesCalls).toHaveLength(0);
    expect(byDefault.alerts).toHaveLength(1);
  });

  it("says the approver rule in Finnish", async () => {
    const h = opportunityForm({}, { approver: "yes", languageId: 1035 });

    await closeAsWon(h.form);

    expect(h.alerts[0]).toEqual({
      title: "Commercen B2B-perehdytys",
      text: "Commercen B2B-kumppanin hyväksyminen edellyttää käyttöoikeusroolia Commerce B2B approver. Pyydä järjestelmänvalvojaa myöntämään se sinulle.",
    });
  });
});

describe("Close as Lost (form)", () => {
  it("confirms the rejection, then opens Sales' Close as Lost; no approver check", async () => {
    const h = opportunityForm({}, { approver: "yes", languageId: 1035 });

    await closeAsLost(h.form);

    expect(h.confirms[0]).toEqual({
      title: "Hylätäänkö kumppani Commercessa?",
      text: "Kun tämä myyntimahdollisuus suljetaan hävittynä, prospekti P-000123 hylätään: Commerce asettaa sen tilaan Hylätty ja lähettää kumppanille hylkäyksestä sähköpostin.",
      confirmButtonLabel: "Sulje hävittynä",
      cancelButtonLabel: "Peruuta",
    });
    expect(h.salesCalls).toEqual([{ action: "Mscrm.OpportunityCommandActions.opportunityClose", args: [false] }]);
    expect(h.webApiCalls.some((c) => c.entity === "environmentvariabledefinition")).toBe(false);
  });

  it("confirms in English too", async () => {
    const h = opportunityForm({});

    await closeAsLost(h.form);

    expect(h.confirms[0].text).toBe(
      "Closing this opportunity as lost rejects prospect P-000123: Commerce sets it to Rejected and emails the rejection to the partner.",
    );
  });
});

describe("Close as Won / Lost (grid)", () => {
  it("checks the selected Commerce opportunity and hands over to Sales' grid close", async () => {
    const h = opportunityForm({}, { approver: "no" });
    const grid = fakeGrid();
    const selected = [{ Id: newId(), Name: "Fabrikam", TypeName: "opportunity" }];

    await closeAsWonFromGrid(grid, selected);

    expect(h.confirms).toHaveLength(1);
    expect(h.salesCalls).toEqual([{ action: "Mscrm.OpportunityGridCommandActions.opportunityClose", args: [selected, true, grid] }]);
  });

  it("tells the rep why a not-ready Commerce opportunity cannot be won from the grid", async () => {
    const h = opportunityForm({ accountNumber: "" });

    await closeAsWonFromGrid(fakeGrid(), [{ Id: newId() }]);

    expect(h.alerts[0].text).toContain("The account is not yet a Commerce organization customer");
    expect(h.salesCalls).toHaveLength(0);
  });

  it("hands a non-Commerce opportunity to Sales without a prompt", async () => {
    const h = opportunityForm({ lead: { isCommerce: false } });
    const grid = fakeGrid();
    const selected = [{ Id: newId() }];

    await closeAsLostFromGrid(grid, selected);

    expect(h.confirms).toHaveLength(0);
    expect(h.salesCalls).toEqual([{ action: "Mscrm.OpportunityGridCommandActions.opportunityClose", args: [selected, false, grid] }]);
  });
});
