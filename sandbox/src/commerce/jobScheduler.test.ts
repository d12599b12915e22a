import { CommerceHq } from "./commerceHq";
import { JobScheduler } from "./jobScheduler";

describe("demo-mode job schedule", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("runs P-0001 and the synchronize job on every tick until stopped", () => {
    const hq = new CommerceHq({ dbFile: ":memory:" });
    const scheduler = new JobScheduler(hq);
    hq.submitSignup({ companyName: "Contoso", firstName: "A", lastName: "B", email: "a@contoso.example", channel: "B2B-US" }, 1033);
    scheduler.start(10_000);
    jest.advanceTimersByTime(9_999);
    expect(hq.prospects()).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(hq.prospects().map((p) => p.status)).toEqual(["Pending"]);

    scheduler.stop();
    hq.submitSignup({ companyName: "Fabrikam", firstName: "A", lastName: "B", email: "a@fabrikam.example", channel: "B2B-US" }, 1033);
    jest.advanceTimersByTime(60_000);
    expect(hq.prospects()).toHaveLength(1);
    hq.close();
  });
});
