import { LeadState, ProspectStatus } from "../../../core/src";
import { putLeadOnForm } from "../../test/fixtures";
import { createHarness } from "../../test/xrmHarness";
import { ReviewDeadlineNotificationId, onLoadReviewDeadline } from "./reviewDeadline";

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

/** The environment variable as the Web API returns it: its default and, when an admin set one, its current value. */
const variable = (defaultValue: string, current?: string) => [
  { defaultvalue: defaultValue, environmentvariabledefinition_environmentvariablevalue: current === undefined ? [] : [{ value: current }] },
];

function harness(options: { createdHoursAgo: number; state?: number; status?: number; variable?: Record<string, unknown>[]; languageId?: number }) {
  return createHarness({
    entityName: "lead",
    languageId: options.languageId,
    webApi: {
      retrieveRecord: () => ({
        createdon: ago(options.createdHoursAgo),
        statecode: options.state ?? LeadState.Open,
        msdyn_b2bcommerceprospect: true,
        msdyn_b2bprospectstatus: options.status ?? ProspectStatus.Pending,
      }),
      retrieveMultipleRecords: () => options.variable ?? variable("48"),
    },
  });
}

describe("lead form: the review deadline", () => {
  it("warns when a partner has waited longer than the deadline, naming the deadline", async () => {
    const h = harness({ createdHoursAgo: 50 });
    putLeadOnForm(h);
    await h.load(onLoadReviewDeadline);
    const note = h.notification(ReviewDeadlineNotificationId);
    expect(note?.level).toBe("WARNING");
    expect(note?.message).toMatch(/^This partner has waited longer than the review deadline of 48 hours: it passed on .+\. Qualify or disqualify the lead so that Commerce can tell the partner\.$/);
    // The deadline is read as Microsoft documents: the definition with its current value expanded.
    expect(h.webApiCalls.map((c) => `${c.method} ${c.entity} ${c.options}`)).toEqual(
      expect.arrayContaining([
        "retrieveMultipleRecords environmentvariabledefinition ?$select=defaultvalue&$filter=schemaname eq 'cb2b_ReviewDeadlineHours'&$expand=environmentvariabledefinition_environmentvariablevalue($select=value)",
      ]),
    );
  });

  it("says it in Finnish to a Finnish user", async () => {
    const h = harness({ createdHoursAgo: 50, languageId: 1035 });
    putLeadOnForm(h);
    await h.load(onLoadReviewDeadline);
    expect(h.notification(ReviewDeadlineNotificationId)?.message).toMatch(/^Tämä kumppani on odottanut kauemmin kuin tarkistuksen määräaika, 48 tuntia: se umpeutui /);
  });

  it("follows the value an admin set: a shorter deadline warns earlier, a longer one later", async () => {
    const shorter = harness({ createdHoursAgo: 30, variable: variable("48", "24") });
    putLeadOnForm(shorter);
    await shorter.load(onLoadReviewDeadline);
    expect(shorter.notification(ReviewDeadlineNotificationId)?.message).toContain("review deadline of 24 hours");

    const longer = harness({ createdHoursAgo: 50, variable: variable("48", "72") });
    putLeadOnForm(longer);
    await longer.load(onLoadReviewDeadline);
    expect(longer.notification(ReviewDeadlineNotificationId)).toBeUndefined();
  });

  it("stays quiet before the deadline, for a decided lead, and when the variable cannot be read", async () => {
    const early = harness({ createdHoursAgo: 47 });
    putLeadOnForm(early);
    await early.load(onLoadReviewDeadline);
    expect(early.notification(ReviewDeadlineNotificationId)).toBeUndefined();

    const qualified = harness({ createdHoursAgo: 500, state: LeadState.Qualified });
    putLeadOnForm(qualified);
    await qualified.load(onLoadReviewDeadline);
    expect(qualified.notification(ReviewDeadlineNotificationId)).toBeUndefined();

    const unreadable = createHarness({ entityName: "lead", webApi: { retrieveRecord: () => ({ createdon: ago(500), statecode: 0, msdyn_b2bcommerceprospect: true, msdyn_b2bprospectstatus: ProspectStatus.Pending }) } });
    putLeadOnForm(unreadable);
    await expect(unreadable.load(onLoadReviewDeadline)).resolves.toBeTruthy();
    expect(unreadable.notification(ReviewDeadlineNotificationId)).toBeUndefined();
  });

  it("reads nothing for a lead the form shows as decided or not a Commerce one", async () => {
    const approved = harness({ createdHoursAgo: 500 });
    putLeadOnForm(approved, { prospectStatus: ProspectStatus.Approved });
    await approved.load(onLoadReviewDeadline);
    const notCommerce = harness({ createdHoursAgo: 500 });
    putLeadOnForm(notCommerce, { isCommerce: false });
    await notCommerce.load(onLoadReviewDeadline);
    expect([...approved.webApiCalls, ...notCommerce.webApiCalls]).toEqual([]);
  });
});
