import {
  decideTransition,
  describeProspectColumnRefusal,
  expectedProspectStatus,
  LeadState,
  leadStateDecides,
  Languages,
  OpportunityState,
  ProspectStatus,
  SupportedLanguages,
  type HandoffEvent,
} from ".";

const { Pending, Approved, Rejected } = ProspectStatus;

describe("the prospect status the records support", () => {
  it.each([
    ["an open lead, nothing qualified", LeadState.Open, null, Pending],
    ["an open lead whose earlier opportunity was lost (reactivated)", LeadState.Open, OpportunityState.Lost, Pending],
    ["a disqualified lead", LeadState.Disqualified, null, Rejected],
    ["a qualified lead, opportunity open", LeadState.Qualified, OpportunityState.Open, Pending],
    ["a qualified lead, no opportunity found", LeadState.Qualified, null, Pending],
    ["a qualified lead, opportunity won", LeadState.Qualified, OpportunityState.Won, Approved],
    ["a qualified lead, opportunity lost", LeadState.Qualified, OpportunityState.Lost, Rejected],
    ["a lead whose state is unknown", null, OpportunityState.Won, null],
  ])("%s", (_, leadState, opportunityState, expected) => {
    expect(expectedProspectStatus({ leadState, opportunityState })).toBe(expected);
  });

  it("needs the opportunity only for a qualified lead", () => {
    expect([LeadState.Open, LeadState.Qualified, LeadState.Disqualified, null].map(leadStateDecides)).toEqual([true, false, true, false]);
  });

  it("agrees with the state machine on every hand-off once its record is in the state that raised it", () => {
    // The records right after each event committed; the hand-off's status is then the supported one.
    const after: Record<HandoffEvent, { leadState: number; opportunityState: number | null; from: (typeof ProspectStatus)[keyof typeof ProspectStatus] }> = {
      win: { leadState: LeadState.Qualified, opportunityState: OpportunityState.Won, from: Pending },
      lose: { leadState: LeadState.Qualified, opportunityState: OpportunityState.Lost, from: Pending },
      disqualify: { leadState: LeadState.Disqualified, opportunityState: null, from: Pending },
      reopen: { leadState: LeadState.Qualified, opportunityState: OpportunityState.Open, from: Rejected },
      reactivate: { leadState: LeadState.Open, opportunityState: null, from: Rejected },
    };
    for (const [event, records] of Object.entries(after) as [HandoffEvent, (typeof after)[HandoffEvent]][]) {
      const decision = decideTransition(records.from, event);
      expect({ event, next: decision.allowed ? decision.next : null }).toEqual({ event, next: expectedProspectStatus(records) });
    }
  });
});

describe("the refusal of a direct change to the hand-off columns", () => {
  it("names the status the records support, in English and Finnish", () => {
    expect(describeProspectColumnRefusal("prospectStatusNotConsistent", Languages.English, Pending)).toMatch(
      /^The Commerce B2B prospect status cannot be set directly: .* For this lead it is Pending\.$/,
    );
    expect(describeProspectColumnRefusal("prospectStatusNotConsistent", Languages.Finnish, Approved)).toMatch(
      /^Commercen B2B-prospektin tilaa ei voi asettaa suoraan: .* Tämän liidin tila on Hyväksytty\.$/,
    );
  });

  it("exists for every reason in every shipped language, and falls back to English", () => {
    for (const language of SupportedLanguages) {
      const texts = (["prospectStatusNotConsistent", "dualWriteColumnsOnly", "prospectChangeNotVisible"] as const).map((reason) =>
        describeProspectColumnRefusal(reason, language, Rejected),
      );
      expect(new Set(texts).size).toBe(3);
      for (const text of texts) expect(text).not.toMatch(/\{\d\}/);
    }
    expect(describeProspectColumnRefusal("dualWriteColumnsOnly", 1053)).toBe(describeProspectColumnRefusal("dualWriteColumnsOnly", Languages.English));
  });
});
