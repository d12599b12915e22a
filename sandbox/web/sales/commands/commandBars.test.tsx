/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import * as React from "react";
import { setIconOptions } from "@fluentui/react";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { LeadState, LeadStatus, OpportunityState, OpportunityStatus } from "../../../../core/src";
import type { SalesSession } from "../../shared/session";
import { FormCommandBar, GridCommandBar } from "./index";
import type { FormCommandHost } from "./leadCommands";
import type { CloseQuestion } from "./opportunityCommands";

// Icons are registered by the app's entry, not here.
setIconOptions({ disableWarnings: true });

const LEAD_ID = "5a1e0c0e-0000-4000-8000-000000000001";
const OPPORTUNITY_ID = "0b0e0c0e-0000-4000-8000-00000000000a";

interface Recorded {
  calls: string[];
  requests: Record<string, unknown>[];
  errors: Xrm.Navigation.ErrorDialogOptions[];
}

/** jsdom has no fetch Response: the members the Web API client reads. */
function response(status: number, body: unknown = null): Response {
  const text = body === null ? "" : JSON.stringify(body);
  return { ok: status < 400, status, statusText: String(status), headers: new Headers(), json: async () => body, text: async () => text } as Response;
}

/** A session whose Web API answers table definitions and records every other request. */
function session(entitySets: Record<string, [string, string, string]>, answer: (path: string, init?: RequestInit) => Response, seen: string[]): SalesSession {
  return {
    clientUrl: "http://127.0.0.1:5555",
    apiUrl: "http://127.0.0.1:5555/api/data/v9.2/",
    user: { id: "6f0e2c4a-0000-4000-8000-000000000002", token: "salesrep", fullname: "Sanna Myyjä" },
    languageId: 1033,
    fetchApi: async (path: string, init?: RequestInit) => {
      const table = /^EntityDefinitions\(LogicalName='(\w+)'\)/.exec(path)?.[1];
      if (table && entitySets[table]) {
        const [set, id, name] = entitySets[table];
        return response(200, { LogicalName: table, EntitySetName: set, PrimaryIdAttribute: id, PrimaryNameAttribute: name });
      }
      seen.push(`${init?.method ?? "GET"} ${path}${init?.body ? ` ${String(init.body)}` : ""}`);
      return answer(path, init);
    },
  };
}

/** An open lead form: a statuscode attribute, saves with a save mode, reloads, and a recording Xrm. */
function leadHost(options: { cancelSave?: boolean; qualifyError?: { errorCode: number; message: string } } = {}) {
  const recorded: Recorded = { calls: [], requests: [], errors: [] };
  let statusCode: unknown = LeadStatus.New;
  const formContext = {
    getAttribute: (name: string) =>
      name === "statuscode"
        ? { getValue: () => statusCode, setValue: (v: unknown) => void (statusCode = v), setSubmitMode: (m: string) => recorded.calls.push(`statuscode submit ${m}`) }
        : null,
    data: { entity: { getId: () => `{${LEAD_ID.toUpperCase()}}`, getIsDirty: () => false } },
  } as unknown as Xrm.FormContext;
  const host: FormCommandHost = {
    formContext,
    saveAs: async (saveMode) => {
      recorded.calls.push(`save ${saveMode} (statuscode ${String(statusCode)})`);
      if (options.cancelSave) throw new Error("cancelled");
    },
    reload: async () => void recorded.calls.push("reload"),
    xrm: {
      WebApi: {
        online: {
          execute: async (request: { getMetadata(): { operationName: string } }) => {
            recorded.calls.push(`execute ${request.getMetadata().operationName}`);
            recorded.requests.push(request as unknown as Record<string, unknown>);
            if (options.qualifyError) throw options.qualifyError;
            return response(200, { value: [{ "@odata.type": "#Microsoft.Dynamics.CRM.opportunity", opportunityid: OPPORTUNITY_ID }] });
          },
        },
        updateRecord: async (entity: string, id: string, data: object) => {
          recorded.calls.push(`update ${entity} ${id} ${JSON.stringify(data)}`);
          return { entityType: entity, id };
        },
      },
      Navigation: {
        openForm: async (target: Xrm.Navigation.EntityFormOptions) => {
          recorded.calls.push(`open ${target.entityName} ${target.entityId}`);
          return { savedEntityReference: [] };
        },
        openErrorDialog: async (error: Xrm.Navigation.ErrorDialogOptions) => void recorded.errors.push(error),
      },
    } as unknown as FormCommandHost["xrm"],
  };
  return { host, recorded };
}

const leadStatuses = [
  { value: LeadStatus.New, text: "New", state: LeadState.Open },
  { value: LeadStatus.Qualified, text: "Qualified", state: LeadState.Qualified },
  { value: LeadStatus.Lost, text: "Lost", state: LeadState.Disqualified },
  { value: LeadStatus.CannotContact, text: "Cannot Contact", state: LeadState.Disqualified },
];

function leadBar(host: FormCommandHost, formType = 2) {
  render(
    <FormCommandBar
      entityName="lead"
      session={session({}, () => response(404), [])}
      host={host}
      formType={formType}
      canWrite
      statusOptions={leadStatuses}
      onSave={jest.fn()}
      onRefresh={jest.fn()}
    />,
  );
}

describe("FormCommandBar (lead)", () => {
  it("shows Sales' lead commands on an open lead", async () => {
    leadBar(leadHost().host);
    const names = (await screen.findAllByRole("menuitem")).map((item) => item.getAttribute("aria-label"));
    expect(names).toEqual(["Save", "Qualify", "Disqualify", "Refresh"]);
    expect(screen.getByRole("menuitem", { name: "Qualify" })).not.toHaveAttribute("aria-disabled");
  });

  it("Qualify raises OnSave in save mode 16, calls QualifyLead for account, contact and opportunity, and opens the opportunity", async () => {
    const { host, recorded } = leadHost();
    leadBar(host);
    await act(async () => {
      fireEvent.click(await screen.findByRole("menuitem", { name: "Qualify" }));
    });
    await waitFor(() => expect(recorded.calls).toContain(`open opportunity ${OPPORTUNITY_ID}`));
    expect(recorded.calls).toEqual([`save 16 (statuscode ${LeadStatus.New})`, "execute QualifyLead", `open opportunity ${OPPORTUNITY_ID}`]);
    expect(recorded.requests[0]).toMatchObject({ entity: { entityType: "lead", id: LEAD_ID }, CreateAccount: true, CreateContact: true, CreateOpportunity: true, Status: LeadStatus.Qualified });
  });

  it("Qualify stops when an OnSave handler cancels the save", async () => {
    const { host, recorded } = leadHost({ cancelSave: true });
    leadBar(host);
    await act(async () => {
      fireEvent.click(await screen.findByRole("menuitem", { name: "Qualify" }));
    });
    await waitFor(() => expect(recorded.calls).toHaveLength(1));
    expect(recorded.calls).toEqual([`save 16 (statuscode ${LeadStatus.New})`]);
    expect(recorded.errors).toEqual([]);
  });

  it("shows the server's refusal of QualifyLead in the error dialog", async () => {
    const refusal = { errorCode: 0x80040265, message: "Commerce needs an account, a contact and an opportunity." };
    const { host, recorded } = leadHost({ qualifyError: refusal });
    leadBar(host);
    await act(async () => {
      fireEvent.click(await screen.findByRole("menuitem", { name: "Qualify" }));
    });
    await waitFor(() => expect(recorded.errors).toEqual([refusal]));
    expect(recorded.calls.some((c) => c.startsWith("open"))).toBe(false);
  });

  it("builds the Disqualify menu from the Disqualified status reasons and disqualifies with the chosen one after OnSave in save mode 15", async () => {
    const { host, recorded } = leadHost();
    leadBar(host);
    fireEvent.click(await screen.findByRole("menuitem", { name: "Disqualify" }));
    const reasons = await screen.findAllByRole("menuitem", { name: /^(New|Qualified|Lost|Cannot Contact)$/ });
    expect(reasons.map((item) => item.textContent)).toEqual(["Lost", "Cannot Contact"]);
    await act(async () => {
      fireEvent.click(screen.getByRole("menuitem", { name: "Cannot Contact" }));
    });
    await waitFor(() => expect(recorded.calls).toContain("reload"));
    expect(recorded.calls).toEqual([
      "statuscode submit never",
      `save 15 (statuscode ${LeadStatus.CannotContact})`,
      "statuscode submit dirty",
      `update lead {${LEAD_ID.toUpperCase()}} ${JSON.stringify({ statecode: LeadState.Disqualified, statuscode: LeadStatus.CannotContact })}`,
      "reload",
    ]);
  });

  it("hides Qualify and Disqualify on a read-only (qualified) lead, keeping Refresh", async () => {
    leadBar(leadHost().host, 3);
    await screen.findByRole("menuitem", { name: "Refresh" });
    expect(screen.queryByRole("menuitem", { name: "Qualify" })).toBeNull();
    expect(screen.queryByRole("menuitem", { name: "Disqualify" })).toBeNull();
    expect(screen.getByRole("menuitem", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
  });
});

describe("FormCommandBar (opportunity)", () => {
  it("Close as Lost opens the Close Opportunity questions with the Lost status reasons, then LoseOpportunity, then reloads", async () => {
    const { host, recorded } = leadHost();
    const questions: CloseQuestion[] = [];
    render(
      <FormCommandBar
        entityName="opportunity"
        session={session({}, () => response(404), [])}
        host={host}
        formType={2}
        canWrite
        statusOptions={[
          { value: OpportunityStatus.InProgress, text: "In Progress", state: OpportunityState.Open },
          { value: OpportunityStatus.Won, text: "Won", state: OpportunityState.Won },
          { value: OpportunityStatus.Canceled, text: "Canceled", state: OpportunityState.Lost },
          { value: OpportunityStatus.OutSold, text: "Out-Sold", state: OpportunityState.Lost },
        ]}
        onSave={jest.fn()}
        onRefresh={jest.fn()}
        askCloseDetails={async (question) => {
          questions.push(question);
          return { statusCode: OpportunityStatus.OutSold, actualRevenue: null, closeDate: "2026-11-21", description: "" };
        }}
      />,
    );
    await act(async () => {
      fireEvent.click(await screen.findByRole("menuitem", { name: "Close as Lost" }));
    });
    await waitFor(() => expect(recorded.calls).toContain("reload"));
    expect(questions.map((q) => q.statusOptions.map((o) => o.text))).toEqual([["Canceled", "Out-Sold"]]);
    expect(recorded.calls).toEqual(["execute LoseOpportunity", "reload"]);
    expect(recorded.requests[0]).toMatchObject({ Status: OpportunityStatus.OutSold });
  });
});

describe("GridCommandBar", () => {
  const sets: Record<string, [string, string, string]> = {
    lead: ["leads", "leadid", "fullname"],
    opportunity: ["opportunities", "opportunityid", "name"],
    opportunityclose: ["opportunityclosures", "activityid", "subject"],
  };

  it("enables Close as Won for exactly one selected opportunity, then closes it through the Close Opportunity dialog", async () => {
    const seen: string[] = [];
    const refresh = jest.fn();
    const s = session(sets, (path) => (path.startsWith("WinOpportunity") ? response(204) : response(404)), seen);
    const grid = (selected: { id: string; name: string }[]) => (
      <GridCommandBar
        entityName="opportunity"
        selected={selected}
        session={s}
        refresh={refresh}
        askCloseDetails={async () => ({ statusCode: OpportunityStatus.Won, actualRevenue: 900, closeDate: "2026-11-20", description: "" })}
      />
    );
    const { rerender } = render(grid([]));
    const won = await screen.findByRole("menuitem", { name: "Close as Won" });
    await waitFor(() => expect(won).toHaveAttribute("title", "Select the records Close as Won applies to first."));
    expect(won).toHaveAttribute("aria-disabled", "true");
    rerender(grid([{ id: OPPORTUNITY_ID, name: "Northwind deal" }, { id: LEAD_ID, name: "Another" }]));
    expect(screen.getByRole("menuitem", { name: "Close as Won" })).toHaveAttribute("aria-disabled", "true");
    rerender(grid([{ id: OPPORTUNITY_ID, name: "Northwind deal" }]));
    await waitFor(() => expect(screen.getByRole("menuitem", { name: "Close as Won" })).not.toHaveAttribute("aria-disabled"));
    await act(async () => {
      fireEvent.click(screen.getByRole("menuitem", { name: "Close as Won" }));
    });
    await waitFor(() => expect(refresh).toHaveBeenCalled());
    const win = seen.find((request) => request.startsWith("POST WinOpportunity"));
    expect(JSON.parse(win!.slice("POST WinOpportunity ".length))).toMatchObject({
      OpportunityClose: { "opportunityid@odata.bind": `/opportunities(${OPPORTUNITY_ID})`, actualrevenue: 900, actualend: "2026-11-20" },
      Status: OpportunityStatus.Won,
    });
  });

  it("qualifies every selected lead with QualifyLead and shows the server's refusal in the error dialog", async () => {
    const seen: string[] = [];
    const refresh = jest.fn();
    const refused = { error: { code: "0x80040265", message: "This lead is already closed." } };
    const s = session(sets, (path) => (path.includes(LEAD_ID) ? response(400, refused) : response(200, { value: [] })), seen);
    const other = "5a1e0c0e-0000-4000-8000-000000000002";
    render(<GridCommandBar entityName="lead" selected={[{ id: other, name: "Aino" }, { id: LEAD_ID, name: "Eero <b>Laine</b>" }]} session={s} refresh={refresh} />);
    await waitFor(() => expect(screen.getByRole("menuitem", { name: "Qualify" })).not.toHaveAttribute("aria-disabled"));
    await act(async () => {
      fireEvent.click(screen.getByRole("menuitem", { name: "Qualify" }));
    });
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("Eero <b>Laine</b>: This lead is already closed.");
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(seen.filter((r) => r.startsWith("POST")).map((r) => r.split(" ")[1])).toEqual([
      `leads(${other})/Microsoft.Dynamics.CRM.QualifyLead`,
      `leads(${LEAD_ID})/Microsoft.Dynamics.CRM.QualifyLead`,
    ]);
  });
});
