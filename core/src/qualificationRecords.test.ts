import { describeMissingQualificationRecords, missingQualificationRecords } from "./qualificationRecords";

describe("records a Commerce B2B qualification must create", () => {
  it("accepts a qualification that creates account, contact and opportunity", () => {
    expect(missingQualificationRecords({ account: true, contact: true, opportunity: true })).toEqual([]);
  });

  it("names what is left out, in order", () => {
    expect(missingQualificationRecords({ account: false, contact: true, opportunity: false })).toEqual(["account", "opportunity"]);
  });

  it("explains the refusal in English and Finnish", () => {
    expect(describeMissingQualificationRecords(["account", "contact"], 1033)).toMatch(/does not create an account or a contact\.$/);
    expect(describeMissingQualificationRecords(["contact"], 1035)).toMatch(/ei luo yhteyshenkilöä\.$/);
    expect(describeMissingQualificationRecords(["account", "contact", "opportunity"], 1035)).toMatch(
      /ei luo asiakasyritystä, yhteyshenkilöä eikä myyntimahdollisuutta\.$/,
    );
    // Other languages fall back to English.
    expect(describeMissingQualificationRecords(["opportunity"], 1053)).toMatch(/does not create an opportunity\.$/);
  });
});
