import { LeadState, ProspectStatus } from "./columns";
import {
  ReviewDeadline,
  effectiveReviewDeadlineHours,
  isAwaitingReview,
  reviewDeadlineCondition,
  reviewDeadlineOf,
  reviewOverdue,
  waitingTimeGroup,
  type ReviewedLead,
} from "./reviewDeadline";

const now = new Date("2026-03-10T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const pending = (createdOn: Date | null): ReviewedLead => ({
  isCommerceB2BProspect: true,
  stateCode: LeadState.Open,
  prospectStatus: ProspectStatus.Pending,
  createdOn,
});

describe("review deadline", () => {
  it("reads the environment variable's text, falling back to 48 hours for anything but a positive whole number", () => {
    expect(ReviewDeadline.defaultHours).toBe(48);
    expect(effectiveReviewDeadlineHours("24")).toBe(24);
    expect(effectiveReviewDeadlineHours(" 72 ")).toBe(72);
    expect(effectiveReviewDeadlineHours(36)).toBe(36);
    for (const bad of [undefined, null, "", "0", "-5", "1.5", "abc", "48h", "99999999", true]) {
      expect(effectiveReviewDeadlineHours(bad)).toBe(48);
    }
  });

  it("is the sign-up time plus the hours", () => {
    expect(reviewDeadlineOf(new Date("2026-03-01T08:00:00Z"), 48).toISOString()).toBe("2026-03-03T08:00:00.000Z");
  });

  it("is passed exactly when the lead signed up more than the hours ago and still awaits review", () => {
    expect(reviewOverdue(pending(hoursAgo(47)), now, 48)).toBeNull();
    expect(reviewOverdue(pending(hoursAgo(48)), now, 48)).toBeNull();
    expect(reviewOverdue(pending(hoursAgo(48.01)), now, 48)).toEqual({ deadline: hoursAgo(0.01), hoursOverdue: 0 });
    expect(reviewOverdue(pending(hoursAgo(75)), now, 48)?.hoursOverdue).toBe(27);
    // A shorter deadline applies to every waiting lead at once.
    expect(reviewOverdue(pending(hoursAgo(30)), now, 24)?.hoursOverdue).toBe(6);
  });

  it("never marks a lead that is decided, not a Commerce one, or of unknown age", () => {
    const old = hoursAgo(500);
    expect(reviewOverdue({ ...pending(old), stateCode: LeadState.Qualified }, now, 48)).toBeNull();
    expect(reviewOverdue({ ...pending(old), stateCode: LeadState.Disqualified, prospectStatus: ProspectStatus.Rejected }, now, 48)).toBeNull();
    expect(reviewOverdue({ ...pending(old), prospectStatus: ProspectStatus.Approved }, now, 48)).toBeNull();
    expect(reviewOverdue({ ...pending(old), isCommerceB2BProspect: false }, now, 48)).toBeNull();
    expect(reviewOverdue(pending(null), now, 48)).toBeNull();
    expect(isAwaitingReview(pending(old))).toBe(true);
  });

  it("writes the view's condition for the hours", () => {
    expect(reviewDeadlineCondition(48)).toEqual({ attribute: "createdon", operator: "olderthan-x-hours", value: "48" });
  });

  it("puts a lead in one waiting-time group, with the chart's boundaries", () => {
    expect(waitingTimeGroup(hoursAgo(1), now)).toBe("underOneDay");
    expect(waitingTimeGroup(hoursAgo(24), now)).toBe("underOneDay");
    expect(waitingTimeGroup(hoursAgo(25), now)).toBe("oneToThreeDays");
    expect(waitingTimeGroup(hoursAgo(72), now)).toBe("oneToThreeDays");
    expect(waitingTimeGroup(hoursAgo(73), now)).toBe("overThreeDays");
  });
});
