/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { screen, waitFor } from "@testing-library/react";
import { setIconOptions } from "@fluentui/react";
import { mountControl } from "./mountControl";
import { ids, leadRow, minutesAgo } from "./rows";

beforeAll(() => {
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  setIconOptions({ disableWarnings: true });
});

const variable = (current?: string) => [
  { defaultvalue: "48", environmentvariabledefinition_environmentvariablevalue: current === undefined ? [] : [{ value: current }] },
];
const waitingFor = (hours: number) => ({ rows: [leadRow({ createdon: minutesAgo(hours * 60), modifiedon: minutesAgo(hours * 60) })] });
const onLead = (hours: number, deadlineRows: Record<string, unknown>[], language: 1033 | 1035 = 1033) =>
  mountControl({ entity: "lead", recordId: ids.lead, source: "PR-000042", commerceFlag: true, answer: waitingFor(hours), deadlineRows, language });

async function leadQualifiedStep(): Promise<HTMLElement> {
  const list = await screen.findByRole("list", { name: /./ });
  return Array.from(list.children).find((li) => (li as HTMLElement).dataset.step === "leadQualified") as HTMLElement;
}

describe("DualWriteProvenance: the review deadline on the Lead qualified step", () => {
  it("marks a lead waiting past the deadline overdue, naming the deadline, reading the variable once", async () => {
    const mounted = onLead(50, variable());
    await waitFor(async () => expect((await leadQualifiedStep()).textContent).toMatch(/Past the review deadline of 48 hours since .+: qualify or disqualify the lead\./));
    expect((await leadQualifiedStep()).querySelector("[data-overdue]")).not.toBeNull();
    mounted.update();
    const deadlineReads = mounted.retrieve.getCalls().filter((call) => call.args[0] === "environmentvariabledefinition");
    expect(deadlineReads).toHaveLength(1);
    expect(deadlineReads[0]!.args[1]).toBe(
      "?$select=defaultvalue&$filter=schemaname eq 'cb2b_ReviewDeadlineHours'&$expand=environmentvariabledefinition_environmentvariablevalue($select=value)",
    );
  });

  it("follows the value an admin set, and speaks Finnish", async () => {
    onLead(30, variable("24"), 1035);
    await waitFor(async () => expect((await leadQualifiedStep()).textContent).toContain("Tarkistuksen 24 tunnin määräaika ylittyi"));
  });

  it("leaves a lead within the deadline unmarked", async () => {
    onLead(30, variable());
    const step = await leadQualifiedStep();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(step.querySelector("[data-overdue]")).toBeNull();
  });
});
