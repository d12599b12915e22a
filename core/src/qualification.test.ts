import { closeWonBlockers, isValidEmail, qualificationProblems } from "./qualification";
import { describeCloseWonBlocker, describeQualificationBlock } from "./messages";

const complete = {
  companyname: "Fabrikam Oy",
  firstname: "Aino",
  lastname: "Virtanen",
  emailaddress1: "aino@fabrikam.fi",
  transactioncurrencyid: "6c3b4d7e-0000-0000-0000-000000000001",
};

describe("qualification requirements", () => {
  it("accepts a lead that carries everything Commerce needs", () => {
    expect(qualificationProblems(complete)).toEqual([]);
  });

  it("lists every missing value", () => {
    const problems = qualificationProblems({ companyname: " ", lastname: null, emailaddress1: undefined, transactioncurrencyid: null });
    expect(problems.map((p) => `${p.requirement}:${p.kind}`)).toEqual([
      "companyName:missing",
      "contactName:missing",
      "email:missing",
      "currency:missing",
    ]);
  });

  it("flags a malformed email as invalid, not missing", () => {
    expect(qualificationProblems({ ...complete, emailaddress1: "aino at fabrikam" })).toEqual([
      { requirement: "email", column: "emailaddress1", kind: "invalid" },
    ]);
  });

  it.each([
    ["aino@fabrikam.fi", true],
    ["a.b+c@sub.example.com", true],
    ["aino@fabrikam", false],
    ["<script>@x.com", false],
    ["two@@x.com", false],
  ])("email %s valid=%s", (email, valid) => {
    expect(isValidEmail(email)).toBe(valid);
  });

  it("describes the block in English and Finnish", () => {
    const problems = qualificationProblems({ ...complete, emailaddress1: "" });
    expect(describeQualificationBlock(problems, 1033)).toContain("Email is missing.");
    expect(describeQualificationBlock(problems, 1035)).toContain("Sähköposti puuttuu.");
    // Any other language falls back to English.
    expect(describeQualificationBlock(problems, 1053)).toContain("Email is missing.");
  });
});

describe("close as won readiness", () => {
  it("allows winning when both customers exist in Commerce", () => {
    expect(closeWonBlockers({ hasAccount: true, hasContact: true, accountNumber: "CUS-0001", contactPersonId: "CP-01" })).toEqual([]);
  });

  it("waits for dual-write to write back the account number and contact person id", () => {
    const blockers = closeWonBlockers({ hasAccount: true, hasContact: true, accountNumber: null, contactPersonId: "" });
    expect(blockers).toEqual(["accountNotInCommerce", "contactNotInCommerce"]);
    expect(describeCloseWonBlocker(blockers[0], 1033)).toMatch(/Customers V3 \(accounts\)/);
  });

  it("needs an account and a contact at all", () => {
    expect(closeWonBlockers({ hasAccount: false, hasContact: false })).toEqual(["noAccount", "noContact"]);
  });
});
