import { deterministicId } from "./handoffNote";
import { noteTexts } from "./noteTexts";

describe("hand-off note", () => {
  it("is a name-based UUID: the same parts give the same id, other parts another", () => {
    const id = deterministicId("opportunity", "opportunity-1", "approved");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicId("opportunity", "opportunity-1", "approved")).toBe(id);
    expect(deterministicId("opportunity", "opportunity-2", "approved")).not.toBe(id);
    expect(deterministicId("opportunity", "opportunity-1", "rejected:lose")).not.toBe(id);
  });

  it("says what was sent to Commerce, by whom and when, in English and Finnish", () => {
    const at = new Date("2026-11-25T19:05:00Z");
    expect(noteTexts({ kind: "rejected", prospectId: "PRS-1", cause: "disqualify" }, "Pat Rep", at, 1033)).toEqual({
      subject: "Commerce B2B hand-off: partner rejected",
      text: "Prospect PRS-1 was rejected (the lead was disqualified): dual-write sends the status Rejected to Commerce, which emails the partner.\nBy Pat Rep on 2026-11-25 19:05 UTC.",
    });
    expect(noteTexts({ kind: "pending", prospectId: null, cause: "reopen" }, "Aino", at, 1035).text).toBe(
      "Prospekti (ei prospektitunnusta) odottaa taas (myyntimahdollisuus avattiin uudelleen): kaksoiskirjoitus lähettää Commerceen tilan Odottaa.\nTekijä: Aino, 2026-11-25 19:05 UTC.",
    );
  });
});
