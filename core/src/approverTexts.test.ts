import { ApproverEvents, describeApproverRequired, Languages, requiresApprover, SupportedLanguages, type HandoffEvent } from ".";

describe("the approver-role refusal", () => {
  it("exists for win, lose and disqualify in every shipped language, and names the role", () => {
    for (const language of SupportedLanguages) {
      const texts = ApproverEvents.map((event) => describeApproverRequired(event, language));
      expect(new Set(texts).size).toBe(ApproverEvents.length);
      for (const text of texts) expect(text).toContain("Commerce B2B approver");
    }
    expect(describeApproverRequired("disqualify", Languages.Finnish)).toMatch(/^Vain käyttäjät, joilla on käyttöoikeusrooli Commerce B2B approver, voivat hylätä/);
  });

  it("falls back to English for other languages", () => {
    expect(describeApproverRequired("win", 1053)).toBe(describeApproverRequired("win", Languages.English));
  });

  it("applies to approving and rejecting only, not to reopening or reactivating", () => {
    const events: HandoffEvent[] = ["win", "lose", "disqualify", "reopen", "reactivate"];
    expect(events.filter(requiresApprover)).toEqual(["win", "lose", "disqualify"]);
  });
});
