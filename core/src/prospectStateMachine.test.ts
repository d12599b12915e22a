import { ProspectStatus } from "./columns";
import { decideTransition } from "./prospectStateMachine";

describe("prospect status state machine", () => {
  it("approves a pending prospect when the opportunity is won", () => {
    expect(decideTransition(ProspectStatus.Pending, "win")).toEqual({ allowed: true, next: ProspectStatus.Approved, changed: true });
  });

  it.each(["lose", "disqualify"] as const)("rejects a pending prospect on %s", (event) => {
    expect(decideTransition(ProspectStatus.Pending, event)).toEqual({ allowed: true, next: ProspectStatus.Rejected, changed: true });
  });

  it.each(["lose", "disqualify", "reopen", "reactivate"] as const)("refuses %s once Commerce approved the partner", (event) => {
    expect(decideTransition(ProspectStatus.Approved, event)).toEqual({ allowed: false, reason: "alreadyApproved" });
  });

  it("treats winning an approved prospect again as no change", () => {
    expect(decideTransition(ProspectStatus.Approved, "win")).toEqual({ allowed: true, next: ProspectStatus.Approved, changed: false });
  });

  it("refuses to approve a rejected prospect until it is reopened", () => {
    expect(decideTransition(ProspectStatus.Rejected, "win")).toEqual({ allowed: false, reason: "rejectedMustReopenFirst" });
    expect(decideTransition(ProspectStatus.Rejected, "reopen")).toEqual({ allowed: true, next: ProspectStatus.Pending, changed: true });
    expect(decideTransition(ProspectStatus.Rejected, "reactivate")).toEqual({ allowed: true, next: ProspectStatus.Pending, changed: true });
  });
});
