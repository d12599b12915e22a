/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setIconOptions } from "@fluentui/react";
import { mountControl, type MountOptions } from "./mountControl";
import { approvedRow, ids, leadRow, minutesAgo, qualifiedRow, type Row } from "./rows";

// The mock library greets on every mount; keep the test output about the control. Fluent's icon
// font is registered by the host app, not by the control, so jsdom has none to show.
beforeAll(() => {
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  setIconOptions({ disableWarnings: true });
});

const onLead = (answer: MountOptions["answer"], extra: Partial<MountOptions> = {}) =>
  mountControl({ entity: "lead", recordId: ids.lead, source: "PR-000042", commerceFlag: true, answer, ...extra });
const onOpportunity = (answer: MountOptions["answer"], extra: Partial<MountOptions> = {}) =>
  mountControl({ entity: "opportunity", recordId: ids.opportunity, source: { entityType: "lead", id: ids.lead, name: "Aino Virtanen" }, answer, ...extra });
const rows = (...r: Row[]) => ({ rows: r });

async function timeline(): Promise<HTMLElement> {
  return screen.findByRole("list", { name: "Commerce onboarding steps" });
}

/** The visible text of each step, keyed by its title. */
async function steps(): Promise<Record<string, string>> {
  const list = await timeline();
  const items = Array.from(list.children) as HTMLElement[];
  return Object.fromEntries(items.map((li) => [li.dataset.step ?? "", li.textContent ?? ""]));
}

describe("DualWriteProvenance on a Commerce B2B lead", () => {
  it("shows the seven steps of an approved partner as done, with the channel, prospect, creator and records", async () => {
    const row = approvedRow();
    onOpportunity(rows(row));
    const list = await timeline();
    expect(Array.from(list.children)).toHaveLength(7);
    const s = await steps();
    expect(Object.values(s).every((text) => text.includes("Done"))).toBe(true);
    expect(s.signedUp).toContain("Partner signed up on the B2B site");
    expect(s.signedUp).toContain("Signed up on channel Fabrikam B2B site.");
    expect(s.prospectCreated).toContain("Commerce prospect PR-000042");
    expect(s.leadCreated).toContain("Created by the dual-write application user Dual-write app user.");
    expect(s.leadQualified).toContain("Account: Fabrikam Oy");
    expect(s.customersInCommerce).toContain("(in Commerce as CUS-000001)");
    expect(s.customersInCommerce).toContain("(in Commerce as CP-000001)");
    expect(s.opportunityClosed).toContain("Closed as won.");
    expect(s.prospectDecided).toContain("Approved: Commerce creates the customer hierarchy");
    const created = within(list.children[2] as HTMLElement).getByText((_, el) => el?.tagName === "TIME");
    expect(created.getAttribute("datetime")).toBe(row.createdon);
  });

  it("shows an open lead waiting for the rep, and the later steps waiting on it", async () => {
    onLead(rows(leadRow()));
    const s = await steps();
    expect(s.leadQualified).toContain("Waiting");
    expect(s.leadQualified).toContain("Waiting for a sales rep to qualify or disqualify the lead.");
    expect(s.customersInCommerce).toContain("Follows the earlier steps.");
    const current = (await timeline()).querySelector('[aria-current="step"]') as HTMLElement;
    expect(current.dataset.step).toBe("leadQualified");
  });

  it("shows a disqualified lead as rejected and the steps that cannot happen as not applicable", async () => {
    onLead(rows(leadRow({ statecode: 2, statuscode: 6, msdyn_b2bprospectstatus: 192350002, modifiedon: minutesAgo(10) })));
    const s = await steps();
    expect(s.leadQualified).toContain("Rejected");
    expect(s.leadQualified).toContain("The lead was disqualified.");
    expect(s.customersInCommerce).toContain("Not applicable");
    expect(s.opportunityClosed).toContain("Not applicable");
    expect(s.prospectDecided).toContain("Rejected: Commerce emails the partner.");
  });

  it("shows a lost opportunity as rejected and an incomplete qualification as failed", async () => {
    onOpportunity(rows(qualifiedRow(90, { "opp.statecode": 2, "opp.statuscode": 4, "opp.actualclosedate": minutesAgo(5), "cont.contactid": null })));
    const s = await steps();
    expect(s.opportunityClosed).toContain("Rejected");
    expect(s.opportunityClosed).toContain("Closed as lost.");
    expect(s.leadQualified).toContain("Failed");
    expect(s.leadQualified).toContain("Sales did not create all of account, contact and opportunity");
  });

  it("warns when dual-write has not written the customers back within the threshold, and says what to check", async () => {
    onOpportunity(rows(qualifiedRow(45, { "acct.accountnumber": null, "acct.customertypecode": 1, "cont.msdyn_contactpersonid": null })));
    const s = await steps();
    expect(s.customersInCommerce).toContain("Waiting for 45 minutes, longer than the expected 30");
    expect(s.customersInCommerce).toContain("the Customers V3 (accounts) dual-write map is running;");
    expect(s.customersInCommerce).toContain("the account's relationship type is Customer");
    expect(s.customersInCommerce).toContain("the Customers V3 (contacts) dual-write map is running;");
    expect(s.customersInCommerce).toContain("(not yet in Commerce)");
  });

  it("waits quietly within the threshold, and the threshold is a control property", async () => {
    onOpportunity(rows(qualifiedRow(20, { "acct.accountnumber": null })));
    expect((await steps()).customersInCommerce).not.toContain("longer than the expected");
  });

  it("takes its waiting threshold from the form", async () => {
    onOpportunity(rows(qualifiedRow(45, { "acct.accountnumber": null })), { threshold: 60 });
    expect((await steps()).customersInCommerce).not.toContain("longer than the expected");
  });

  it("warns when the opportunity was won but the prospect status stayed pending", async () => {
    onOpportunity(rows(qualifiedRow(180, { "opp.statecode": 1, "opp.statuscode": 3, "opp.actualclosedate": minutesAgo(50) })));
    const s = await steps();
    expect(s.prospectDecided).toContain("Sales has decided, but the prospect status is still Pending.");
    expect(s.prospectDecided).toContain("the Commerce B2B onboarding webhook step is registered");
    expect(s.prospectDecided).toContain("the Prospects (leads) dual-write map is running;");
  });
});

describe("DualWriteProvenance on records that did not come from Commerce", () => {
  const quiet = "Not from a Commerce B2B partner sign-up.";

  it.each([
    ["a lead without a prospect id", { source: null }],
    ["a lead whose Commerce flag is off", { commerceFlag: false }],
    ["a lead not saved yet", { recordId: null }],
  ])("shows one quiet line and calls nothing on %s", async (_label, change) => {
    const { retrieve, view } = onLead(rows(leadRow()), change);
    expect(await screen.findByText(quiet)).toBeTruthy();
    expect(view.container.textContent).toBe(quiet);
    expect(retrieve.callCount).toBe(0);
  });

  it("shows one quiet line and calls nothing on an opportunity without an originating lead", async () => {
    const { retrieve } = onOpportunity(rows(leadRow()), { source: null });
    expect(await screen.findByText(quiet)).toBeTruthy();
    expect(retrieve.callCount).toBe(0);
  });

  it("shows the quiet line when the originating lead is not a Commerce B2B lead", async () => {
    const { retrieve } = onOpportunity(rows(leadRow({ msdyn_b2bcommerceprospect: false, msdyn_prospectid: null })));
    expect(await screen.findByText(quiet)).toBeTruthy();
    expect(retrieve.callCount).toBe(1);
  });
});

describe("DualWriteProvenance's single round trip", () => {
  it("asks the server once per load, with one FetchXML that reads the lead and its linked records", async () => {
    const { retrieve, update } = onLead(rows(approvedRow()));
    await timeline();
    update();
    update();
    await timeline();
    expect(retrieve.callCount).toBe(1);
    const [entity, options] = retrieve.firstCall.args as [string, string];
    expect(entity).toBe("lead");
    const fetchXml = decodeURIComponent(options.replace("?fetchXml=", ""));
    expect(fetchXml).toContain(`value="${ids.lead}"`);
    expect(fetchXml.match(/<link-entity /g)).toHaveLength(4);
  });

  it("asks again only when the user refreshes", async () => {
    const { retrieve } = onLead(rows(qualifiedRow(10, { "acct.accountnumber": null })));
    await timeline();
    // act() lets the answer to the new request land before the assertions.
    await act(() => userEvent.setup().click(screen.getByRole("button", { name: "Refresh the onboarding timeline" })));
    await timeline();
    expect(retrieve.callCount).toBe(2);
  });
});

describe("DualWriteProvenance when the server cannot answer", () => {
  it.each([
    ["offline", { message: "Failed to fetch" }, "because you appear to be offline"],
    ["missing read privilege (403)", { errorCode: -2147220960, message: "Principal user is missing prvReadOpportunity privilege" }, "You do not have permission to read the records"],
    ["a deleted lead (404)", { errorCode: -2147220969, message: "lead With Id = ... Does Not Exist" }, "The lead this record came from was not found"],
    ["anything else", { errorCode: -2147204784, message: "SQL timeout expired." }, "The onboarding timeline could not be loaded: SQL timeout expired."],
  ])("shows an inline message when %s", async (_label, error, text) => {
    const { view } = onOpportunity({ error });
    expect(await screen.findByText((content) => content.includes(text))).toBeTruthy();
    expect(view.container.querySelector(".ms-MessageBar")).not.toBeNull();
    expect(screen.queryByRole("list", { name: "Commerce onboarding steps" })).toBeNull();
  });

  it("says the lead is gone when the query finds nothing", async () => {
    onOpportunity(rows());
    expect(await screen.findByText("The lead this record came from was not found. It may have been deleted.")).toBeTruthy();
  });

  it("recovers when the user tries again", async () => {
    const { retrieve } = onOpportunity({ error: { message: "Failed to fetch" } });
    await screen.findByText((content) => content.includes("offline"));
    retrieve.resetBehavior();
    retrieve.resolves({ entities: [approvedRow()] });
    await act(() => userEvent.setup().click(screen.getByRole("button", { name: "Try again" })));
    expect(await timeline()).toBeTruthy();
    expect(retrieve.callCount).toBe(2);
  });
});

describe("DualWriteProvenance for the user", () => {
  it("speaks Finnish to a Finnish user", async () => {
    onOpportunity(rows(approvedRow()), { language: 1035 });
    const list = await screen.findByRole("list", { name: "Commerce-perehdytyksen vaiheet" });
    expect(list.textContent).toContain("Kumppani rekisteröityi B2B-sivustolla");
    expect(list.textContent).toContain("Valmis");
    expect(list.textContent).toContain("Commercessa tunnuksella CUS-000001");
    expect(screen.getByRole("button", { name: "Päivitä perehdytyksen aikajana" })).toBeTruthy();
  });

  it("renders hostile sign-up text as inert text", async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const { view } = onOpportunity(
      rows(qualifiedRow(120, { companyname: hostile, fullname: hostile, "acct.name": hostile, "cont.fullname": `${hostile} Aino`, "_msdyn_retailchannel_value@OData.Community.Display.V1.FormattedValue": hostile })),
    );
    const list = await timeline();
    expect(list.textContent).toContain(`Signed up on channel ${hostile}.`);
    expect(within(list).getAllByText(hostile).length).toBeGreaterThan(0);
    expect(view.container.querySelector("img, script, [onerror]")).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("opens linked records with the form navigation, by mouse and by keyboard", async () => {
    const { openForm } = onOpportunity(rows(approvedRow()));
    await timeline();
    const user = userEvent.setup();
    await user.click(screen.getAllByRole("button", { name: "Open Account Fabrikam Oy" })[0]);
    expect(openForm.lastCall.args[0]).toEqual({ entityName: "account", entityId: ids.account });

    const contact = screen.getAllByRole("button", { name: "Open Contact Aino Virtanen" })[0];
    for (let i = 0; i < 20 && document.activeElement !== contact; i++) await user.tab();
    expect(document.activeElement).toBe(contact);
    await user.keyboard("{Enter}");
    expect(openForm.lastCall.args[0]).toEqual({ entityName: "contact", entityId: ids.contact });
  });

  it("marks the record the form shows instead of linking to it", async () => {
    onOpportunity(rows(approvedRow()));
    const s = await steps();
    expect(s.opportunityClosed).toContain("Opportunity: Fabrikam Oy partnership (this record)");
    expect(screen.queryByRole("button", { name: /Open Opportunity/ })).toBeNull();
  });

  it("stacks the time under the title in a narrow column", async () => {
    const { view } = onOpportunity(rows(approvedRow()), { width: 300 });
    await timeline();
    expect(view.container.querySelector('[data-layout="narrow"]')).not.toBeNull();
  });

  it("uses the wide layout when the form allocates room", async () => {
    const { view } = onOpportunity(rows(approvedRow()), { width: 900 });
    await timeline();
    expect(view.container.querySelector('[data-layout="wide"]')).not.toBeNull();
  });

  it("shows a spinner, not a blank box, while it loads", async () => {
    let answer: (value: unknown) => void = () => undefined;
    const { retrieve } = onOpportunity(rows());
    retrieve.resetBehavior();
    retrieve.returns(new Promise((resolve) => (answer = resolve)));
    expect(screen.getByText("Loading the onboarding timeline…")).toBeTruthy();
    await act(async () => answer({ entities: [approvedRow()] }));
    await waitFor(() => expect(screen.queryByText("Loading the onboarding timeline…")).toBeNull());
  });
});
