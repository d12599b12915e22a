import { OpportunityColumns, ProspectStatus } from "../../../core/src";
import { createHarness, newId, type Harness } from "../../test/xrmHarness";
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

function opportunityForm(shape: OpportunityShape, options: { languageId?: number } = {}): Harness {
  const h = createHarness({ entityName: "opportunity", webApi: { retrieveRecord: (_entity, id) => opportunityRecord(id, shape) }, ...options });
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
  });

  it("shows nothing for an opportunity whose lead is not from Commerce (one read)", async () => {
    const h = opportunityForm({ lead: { isCommerce: false } });

    await h.load(onLoad);

    expect(h.webApiCalls).toHaveLength(1);
    expect(h.notifications()).toEqual([]);
    expect(h.confirms).toHaveLength(0);
  });

  it("tells the rep that winning approves the partner in Commerce and losing rejects it, with one Web API call", async () => {
    const h = opportunityForm({});

    const outcome = await h.load(onLoad);

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

  it("says what blocks Close as Won while the account number and contact person id are missing", async () => {
    const h = opportunityForm({ accountNumber: null, contactPersonId: "" });

    await h.load(onLoad);

    expect(h.notification(OpportunityNotificationIds.closeWonBlocked)).toEqual({
      uniqueId: OpportunityNotificationIds.closeWonBlocked,
      level: "WARNING",
      message:
        "Close as Won is not available for this Commerce B2B opportunity yet. The account is not yet a Commerce organization customer (no account number from Commerce). Check that the Customers V3 (accounts) dual-write map is running. The contact is not yet a Commerce person customer (no contact person id from Commerce). Check that the Customers V3 (contacts) dual-write map is running.",
    });
    expect(h.notification(OpportunityNotificationIds.closeLostBlocked)).toBeUndefined();
  });

  it("says what blocks Close as Won when the opportunity has no account", async () => {
    const h = opportunityForm({ accountNumber: "no account" });

    await h.load(onLoad);

    expect(h.notification(OpportunityNotificationIds.closeWonBlocked)?.message).toBe(
      "Close as Won is not available for this Commerce B2B opportunity yet. The opportunity has no account. Qualify the Commerce B2B lead so that an account is created.",
    );
  });

  it("says why in Finnish", async () => {
    const h = opportunityForm({ contactPersonId: "no contact" }, { languageId: 1035 });

    await h.load(onLoad);

    expect(h.notification(OpportunityNotificationIds.closeWonBlocked)?.message).toBe(
      "Tätä Commercen B2B-myyntimahdollisuutta ei voi vielä sulkea voitettuna. Myyntimahdollisuudella ei ole yhteyshenkilöä. Hyväksy Commercen B2B-liidi, jotta yhteyshenkilö luodaan.",
    );
    expect(h.notification(OpportunityNotificationIds.commerce)?.message).toBe(
      "Tämä myyntimahdollisuus on peräisin Commercen B2B-prospektista P-000123, tila Commercessa: Odottaa. Voitettuna sulkeminen hyväksyy kumppanin Commercessa; hävittynä sulkeminen hylkää sen.",
    );
  });

  it("says Close as Won waits for a rejected partner and Close as Lost is over for an approved one", async () => {
    const rejected = opportunityForm({ lead: { isCommerce: true, status: ProspectStatus.Rejected } });
    await rejected.load(onLoad);
    expect(rejected.notification(OpportunityNotificationIds.closeWonBlocked)?.message).toMatch(/^Close as Won is not available/);
    expect(rejected.notification(OpportunityNotificationIds.closeLostBlocked)).toBeUndefined();

    const approved = opportunityForm({ lead: { isCommerce: true, status: ProspectStatus.Approved } });
    await approved.load(onLoad);
    expect(approved.notification(OpportunityNotificationIds.closeWonBlocked)).toBeUndefined();
    expect(approved.notification(OpportunityNotificationIds.closeLostBlocked)?.message).toBe(
      "Close as Lost is not available for this Commerce B2B opportunity. The partner is already approved in Commerce: the customer hierarchy exists and approval cannot be taken back.",
    );
  });

  it("keeps the form usable when the read fails: a warning", async () => {
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

    expect(h.notifications()).toEqual([{ uniqueId: OpportunityNotificationIds.commerce, level: "WARNING", message: "The action failed: Network error" }]);
  });

  it("shows a hostile prospect id as text on one line", async () => {
    const h = opportunityForm({ lead: { isCommerce: true, prospectId: "<script>x()</script>\r\nP-1" } });

    await h.load(onLoad);

    expect(h.notification(OpportunityNotificationIds.commerce)?.message).toContain("prospect <script>x()</script> P-1, Commerce");
  });
});
