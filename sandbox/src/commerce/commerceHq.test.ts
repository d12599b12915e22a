import { CommerceHq, CommerceRuleError } from "./commerceHq";
import type { SignupInput } from "./signup";

const fixedNow = () => new Date("2026-03-02T10:00:00.000Z");

function signup(overrides: Partial<SignupInput> = {}): SignupInput {
  return {
    companyName: "Contoso Pharmaceuticals",
    firstName: "Aino",
    lastName: "Virtanen",
    email: "aino.virtanen@contoso.example",
    phone: "+358 40 123 4567",
    website: "https://contoso.example",
    street: "Mannerheimintie 1",
    city: "Helsinki",
    postalCode: "00100",
    countryRegion: "FIN",
    numberOfEmployees: 250,
    comments: "We resell in the Nordics.",
    channel: "B2B-US",
    ...overrides,
  };
}

describe("Commerce HQ simulator", () => {
  let hq: CommerceHq;
  beforeEach(() => {
    hq = new CommerceHq({ dbFile: ":memory:", now: fixedNow });
  });
  afterEach(() => hq.close());

  it("keeps a sign-up in the channel until P-0001, then the sync job makes a Pending B2B prospect", () => {
    const submitted = hq.submitSignup(signup(), 1033);
    if (!submitted.ok) throw new Error("sign-up refused");
    expect(submitted.request).toMatchObject({ requestId: "REQ-000001", stage: "Channel" });
    expect(hq.runSynchronizeCustomersAndChannelRequests().prospects).toHaveLength(0);

    expect(hq.runP0001()).toEqual({ uploaded: 1 });
    const { prospects } = hq.runSynchronizeCustomersAndChannelRequests();
    expect(prospects).toHaveLength(1);
    expect(prospects[0]).toMatchObject({
      prospectId: "PRO-000001",
      prospectType: "B2BProspect",
      status: "Pending",
      companyName: "Contoso Pharmaceuticals",
      currencyCode: "USD",
      customerGroupId: "30",
      channelPartyNumber: "000150",
    });
    expect(hq.signupRequest("REQ-000001")).toMatchObject({ stage: "Processed", prospectId: "PRO-000001" });
    // Running the jobs again creates nothing new.
    expect(hq.runJobs()).toEqual({ uploaded: 0, prospects: [] });
    expect(hq.jobRuns().map((r) => r.job)).toEqual([
      "SynchronizeCustomersAndChannelRequests",
      "P-0001",
      "SynchronizeCustomersAndChannelRequests",
      "P-0001",
      "SynchronizeCustomersAndChannelRequests",
    ]);
  });

  it("stores attacker-controlled text exactly as given", () => {
    const hostile = `<img src=x onerror="alert(1)"> & {0} '; DROP TABLE commerce_prospects; --`;
    const submitted = hq.submitSignup(signup({ companyName: hostile, comments: "<script>x</script>\nline two" }), 1033);
    expect(submitted.ok).toBe(true);
    hq.runJobs();
    expect(hq.prospect("PRO-000001")?.companyName).toBe(hostile);
    expect(hq.prospect("PRO-000001")?.comments).toBe("<script>x</script>\nline two");
  });

  it("approval waits for both customers, then creates the B2B organization hierarchy with the requester as Admin and one approval email", () => {
    hq.submitSignup(signup(), 1033);
    hq.runJobs();
    hq.changeProspectStatus("PRO-000001", "Approved");
    expect(hq.approvalWaitingForCustomers("PRO-000001")).toBe(true);
    expect(hq.outbox()).toHaveLength(0);

    const org = hq.upsertCustomer("Organization", null, { organizationName: "Contoso Pharmaceuticals", prospectId: "PRO-000001" });
    expect(org.accountNumber).toBe("CUS-000001");
    expect(hq.hierarchies()).toHaveLength(0);
    const person = hq.upsertCustomer("Person", null, { firstName: "Aino", lastName: "Virtanen", prospectId: "PRO-000001" });

    const hierarchy = hq.hierarchyOfProspect("PRO-000001");
    expect(hierarchy).toMatchObject({ purpose: "B2BOrganization", organizationAccount: org.accountNumber, name: "Contoso Pharmaceuticals" });
    expect(hierarchy?.members).toEqual([{ customerAccount: person.accountNumber, role: "Admin", addedAt: fixedNow().toISOString() }]);
    const emails = hq.outbox("PRO-000001");
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      notificationType: "B2BProspectApproved",
      sender: "Commerce",
      toAddress: "aino.virtanen@contoso.example",
      languageId: 1033,
    });
    expect(emails[0].body).toContain("CUS-000001");

    // Updating a customer later neither duplicates the hierarchy nor re-sends the email.
    hq.upsertCustomer("Organization", org.accountNumber, { phone: "+358 9 000" });
    expect(hq.hierarchies()).toHaveLength(1);
    expect(hq.outbox()).toHaveLength(1);
  });

  it("rejection sends the rejection email in the channel's language; approval is final", () => {
    hq.submitSignup(signup({ channel: "B2B-FI" }), 1035);
    hq.submitSignup(signup({ companyName: "Fabrikam" }), 1033);
    hq.runJobs();
    hq.changeProspectStatus("PRO-000001", "Rejected");
    const [email] = hq.outbox("PRO-000001");
    expect(email).toMatchObject({ notificationType: "B2BProspectRejected", languageId: 1035 });
    expect(email.subject).toContain("kumppanuushakemus");
    // Same status again: nothing new is sent.
    hq.changeProspectStatus("PRO-000001", "Rejected");
    expect(hq.outbox("PRO-000001")).toHaveLength(1);

    hq.upsertCustomer("Organization", null, { organizationName: "Fabrikam", prospectId: "PRO-000002" });
    hq.upsertCustomer("Person", null, { lastName: "Virtanen", prospectId: "PRO-000002" });
    hq.changeProspectStatus("PRO-000002", "Approved");
    expect(() => hq.changeProspectStatus("PRO-000002", "Rejected")).toThrow(CommerceRuleError);
    expect(hq.prospect("PRO-000002")?.status).toBe("Approved");
  });
});
