/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as React from "react";
import { setIconOptions } from "@fluentui/react";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { SalesSession } from "../../shared/session";
import { FormCommandBar, GridCommandBar } from "./index";

// jsdom does not run script tags: libraries count as loaded, functions are put on window by each test.
jest.mock("../clientApi/scriptLoader", () => {
  const actual = jest.requireActual("../clientApi/scriptLoader");
  return { ...actual, loadScript: jest.fn(async () => undefined) };
});

const ribbonOf = (entity: string) => readFileSync(join(__dirname, "..", "..", "..", "..", "solution", "src", "Entities", entity, "RibbonDiff.xml"), "utf8");

// Icons are registered by the app's entry, not here.
setIconOptions({ disableWarnings: true });

type Globals = { Cb2b?: unknown };
const globals = window as unknown as Globals;
afterEach(() => delete globals.Cb2b);

function session(entity: string): SalesSession {
  return {
    clientUrl: "http://127.0.0.1:5555",
    apiUrl: "http://127.0.0.1:5555/api/data/v9.2/",
    user: { id: "6f0e2c4a-0000-4000-8000-000000000002", token: "salesrep", fullname: "Sanna Myyjä" },
    languageId: 1033,
    fetchApi: async (path: string) => {
      // jsdom has no fetch Response: the two members the command bar reads.
      if (path.startsWith("ribboncustomizations")) return { ok: true, status: 200, json: async () => ({ value: [{ ribbondiffxml: ribbonOf(entity) }] }) } as Response;
      throw new Error(`unexpected request ${path}`);
    },
  };
}

const leadStatuses = [
  { value: 1, text: "New", state: 0 },
  { value: 4, text: "Lost", state: 2 },
  { value: 5, text: "Cannot Contact", state: 2 },
];

function formBar(formType: number, qualifyEnabled: boolean) {
  const calls: unknown[][] = [];
  globals.Cb2b = {
    LeadCommands: {
      qualifyEnabled: () => Promise.resolve(qualifyEnabled),
      disqualifyAs: (...args: unknown[]) => calls.push(args),
    },
  };
  const formContext = { data: { entity: { getId: () => "{5A1E0C0E-0000-4000-8000-000000000001}" } } } as unknown as Xrm.FormContext;
  const done = jest.fn();
  render(
    <FormCommandBar
      entityName="lead"
      session={session("Lead")}
      formContext={formContext}
      formType={formType}
      canWrite
      statusOptions={leadStatuses}
      version={1}
      onSave={jest.fn()}
      onRefresh={jest.fn()}
      onScriptError={(e) => {
        throw e;
      }}
      onCommandDone={done}
    />,
  );
  return { calls, formContext, done };
}

describe("FormCommandBar", () => {
  it("disables Qualify with a tooltip when the solution's enable rule says no", async () => {
    formBar(2, false);
    const qualify = await screen.findByRole("menuitem", { name: "Qualify" });
    await waitFor(() => expect(screen.getByRole("menuitem", { name: "Disqualify" })).not.toHaveAttribute("aria-disabled"));
    expect(qualify).toHaveAttribute("aria-disabled", "true");
    expect(qualify).toHaveAttribute("title", "Qualify is not available for this record right now.");
  });

  it("lists the Disqualified status reasons and runs the override with PrimaryControl and the button's CommandProperties", async () => {
    const { calls, formContext, done } = formBar(2, true);
    await waitFor(() => expect(screen.getByRole("menuitem", { name: "Qualify" })).not.toHaveAttribute("aria-disabled"));
    fireEvent.click(screen.getByRole("menuitem", { name: "Disqualify" }));
    expect((await screen.findAllByRole("menuitem", { name: /Lost|Cannot Contact|New/ })).map((item) => item.textContent)).toEqual(["Lost", "Cannot Contact"]);
    await act(async () => {
      fireEvent.click(screen.getByRole("menuitem", { name: "Cannot Contact" }));
    });
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(calls).toEqual([[formContext, { SourceControlId: "lead|NoRelationship|Form|Mscrm.Form.lead.DM.DisqualifyLeadAs.DisqualifyLeadAs.Controls.5|5" }]]);
  });

  it("hides Qualify and Disqualify on a read-only (qualified) lead, keeping Refresh", async () => {
    formBar(3, true);
    await screen.findByRole("menuitem", { name: "Refresh" });
    await waitFor(() => expect(screen.queryByRole("menuitem", { name: "Qualify" })).toBeNull());
    expect(screen.queryByRole("menuitem", { name: "Disqualify" })).toBeNull();
    expect(screen.getByRole("menuitem", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
  });
});

describe("GridCommandBar", () => {
  it("enables Close as Won for exactly one selected opportunity and hands it the grid and the selected references", async () => {
    const calls: unknown[][] = [];
    globals.Cb2b = { OpportunityCommands: { closeAsWonFromGrid: (...args: unknown[]) => calls.push(args) } };
    const refresh = jest.fn();
    const grid = (selected: { id: string; name: string }[]) => <GridCommandBar entityName="opportunity" selected={selected} session={s} refresh={refresh} />;
    const s = session("Opportunity");
    const { rerender } = render(grid([]));
    const won = await screen.findByRole("menuitem", { name: "Close as Won" });
    await waitFor(() => expect(won).toHaveAttribute("title", "Select the records Close as Won applies to first."));
    expect(won).toHaveAttribute("aria-disabled", "true");
    rerender(grid([{ id: "0b0e0c0e-0000-4000-8000-00000000000a", name: "Northwind deal" }]));
    await waitFor(() => expect(screen.getByRole("menuitem", { name: "Close as Won" })).not.toHaveAttribute("aria-disabled"));
    await act(async () => {
      fireEvent.click(screen.getByRole("menuitem", { name: "Close as Won" }));
    });
    await waitFor(() => expect(calls).toHaveLength(1));
    const [gridControl, references] = calls[0] as [{ refresh(): void; getEntityName(): string }, unknown];
    expect(references).toEqual([{ Id: "{0B0E0C0E-0000-4000-8000-00000000000A}", Name: "Northwind deal", TypeName: "opportunity", TypeCode: 3 }]);
    gridControl.refresh();
    expect(refresh).toHaveBeenCalled();
    expect(gridControl.getEntityName()).toBe("opportunity");
  });
});
