/** @jest-environment jsdom */
import * as React from "react";
import { configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import "@testing-library/jest-dom";
import { setIconOptions } from "@fluentui/react";
import { startCommerceServer, type CommerceServer, type DualWriteControl } from "../../src/commerce/api";
import { CommerceHq } from "../../src/commerce/commerceHq";
import type { FetchLike } from "../commerceShared/client";
import { nodeFetch, type RecordedRequest } from "../commerceShared/test/nodeFetch";
import { HqApp } from "./HqApp";

const hostile = `<img src=x onerror=alert(1)><script>alert(2)</script>`;

function signUp(hq: CommerceHq, companyName: string, channel = "B2B-US"): void {
  const result = hq.submitSignup({ companyName, firstName: "Aino", lastName: "Virtanen", email: "aino@contoso.example", channel }, 1033);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
}

/** A prospect taken all the way: customers from Sales, approved, hierarchy and email in Commerce. */
function approveFirstProspect(hq: CommerceHq): void {
  const [prospect] = hq.prospects();
  hq.upsertCustomer("Organization", null, { organizationName: prospect.companyName, prospectId: prospect.prospectId, customerGroupId: "30" });
  hq.upsertCustomer("Person", null, { firstName: "Aino", lastName: "Virtanen", email: prospect.email, prospectId: prospect.prospectId });
  hq.changeProspectStatus(prospect.prospectId, "Approved");
}

// Generous upper bound for async queries on a busy 2-core CI machine (they return as soon as they match).
configure({ asyncUtilTimeout: 5000 });

describe("Commerce headquarters pages", () => {
  let hq: CommerceHq;
  let server: CommerceServer;
  let requests: RecordedRequest[];
  let transport: FetchLike;

  const start = async (dualWrite?: DualWriteControl): Promise<void> => {
    server = await startCommerceServer({ commerce: hq, dualWrite, pages: false });
    requests = [];
    transport = nodeFetch(server.url, requests);
  };

  beforeAll(() => setIconOptions({ disableWarnings: true }));
  beforeEach(() => {
    hq = new CommerceHq({ dbFile: ":memory:", now: () => new Date("2026-03-02T10:00:00.000Z") });
  });
  afterEach(async () => {
    await server.close();
    hq.close();
  });

  const grid = (name: string): Promise<HTMLElement> => screen.findByRole("grid", { name });
  const row = async (gridName: string, text: RegExp | string): Promise<HTMLElement> => {
    const g = await grid(gridName);
    return await waitFor(() => {
      const match = within(g)
        .getAllByRole("row")
        .find((r) => (typeof text === "string" ? r.textContent?.includes(text) : text.test(r.textContent ?? "")));
      if (!match) throw new Error(`no row with ${String(text)}`);
      return match;
    });
  };

  it("runs P-0001 and Synchronize customers and channel requests from the action pane and lists the Pending prospect", async () => {
    await start();
    signUp(hq, hostile);
    window.history.replaceState(null, "", "/hq");
    const user = userEvent.setup();
    render(<HqApp initialLanguageId={1033} fetch={transport} />);
    expect(await screen.findByRole("heading", { name: "All prospects" })).toBeInTheDocument();
    expect(await screen.findByText("There are no records to show.")).toBeInTheDocument();
    expect(screen.queryByRole("menuitem", { name: /dual-write/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole("menuitem", { name: "Run P-0001" }));
    expect(await screen.findByText("P-0001 finished: 1 request uploaded to headquarters.")).toBeInTheDocument();
    await user.click(screen.getByRole("menuitem", { name: "Synchronize customers and channel requests" }));
    expect(await screen.findByText("Synchronize customers and channel requests finished: 1 prospect created.")).toBeInTheDocument();

    const prospect = await row("All prospects", "PRO-000001");
    expect(within(prospect).getByText(hostile)).toBeInTheDocument();
    expect(within(prospect).getByText("Pending")).toBeInTheDocument();
    expect(within(prospect).getByText("Aino Virtanen")).toBeInTheDocument();
    expect(document.querySelector("img")).toBeNull();
    expect(requests.filter((r) => r.method === "POST").map((r) => r.url)).toEqual([
      `/commerce/jobs/P-0001`,
      `/commerce/jobs/synchronize-customers-and-channel-requests`,
    ]);

    // The status filter asks the API for that status only.
    await user.click(screen.getByRole("combobox", { name: /^Status/ }));
    await user.click(await screen.findByRole("option", { name: "Approved" }));
    expect(await screen.findByText("There are no records to show.")).toBeInTheDocument();
    expect(requests.some((r) => r.url === "/commerce/prospects?status=Approved")).toBe(true);
  });

  it("offers the sandbox's dual-write sync when the server has it and shows its report", async () => {
    const dualWrite: DualWriteControl = {
      syncNow: async () => ({ leadsCreated: 2, leadsUpdated: 0, prospectsUpdated: 1, customersWritten: 0, keysWrittenBack: 0, failed: 0 }),
      errors: () => [],
    };
    await start(dualWrite);
    window.history.replaceState(null, "", "/hq/prospects");
    const user = userEvent.setup();
    render(<HqApp initialLanguageId={1033} fetch={transport} />);
    const button = await screen.findByRole("menuitem", { name: "Run dual-write sync now (sandbox)" });
    await user.click(button);
    expect(
      await screen.findByText("Dual-write sync finished: 2 lead(s) created, 0 lead(s) updated, 1 prospect(s) updated, 0 customer(s) written, 0 failed."),
    ).toBeInTheDocument();
  });

  it("shows an approved partner: customer links, the hierarchy with the requester as Admin, the email as plain text", async () => {
    await start();
    signUp(hq, hostile);
    hq.runJobs();
    approveFirstProspect(hq);
    window.history.replaceState(null, "", "/hq");
    const user = userEvent.setup();
    render(<HqApp initialLanguageId={1033} fetch={transport} />);

    const prospect = await row("All prospects", "PRO-000001");
    expect(within(prospect).getByText("Approved")).toBeInTheDocument();
    await user.click(within(prospect).getByRole("link", { name: "CUS-000001" }));
    expect(window.location.pathname).toBe("/hq/customers");
    expect(await screen.findByRole("heading", { name: "All customers" })).toBeInTheDocument();
    expect(await screen.findByText(/Showing customer account CUS-000001/)).toBeInTheDocument();
    const organization = await row("All customers", "CUS-000001");
    expect(within(organization).getByText("Organization")).toBeInTheDocument();
    expect(within(organization).getByText(hostile)).toBeInTheDocument();
    expect(within(await grid("All customers")).getAllByRole("row")).toHaveLength(2); // header + the one customer
    await user.click(screen.getByRole("link", { name: "Show all customers" }));
    const person = await row("All customers", "CUS-000002");
    expect(within(person).getByText("Person")).toBeInTheDocument();

    await user.click(screen.getByRole("link", { name: "Customer hierarchies" }));
    const hierarchy = await row("Customer hierarchies", "B2B organization");
    expect(within(hierarchy).getByText(/Aino Virtanen \(CUS-000002\)/)).toBeInTheDocument();
    expect(within(hierarchy).getByText("Admin")).toBeInTheDocument();

    await user.click(screen.getByRole("link", { name: "Email outbox" }));
    const email = await row("Email outbox", "aino@contoso.example");
    expect(screen.getByText("Select an email to read it.")).toBeInTheDocument();
    await user.click(within(email).getByText(/is approved/));
    const pane = screen.getByRole("region", { name: "Email" });
    const body = within(pane).getByLabelText("Body");
    expect(body.tagName).toBe("PRE");
    expect(body.textContent).toBe(hq.outbox()[0].body);
    expect(body.textContent).toContain(hostile);
    expect(document.querySelector("img")).toBeNull();
  });

  it("lists channel requests with their stage", async () => {
    await start();
    signUp(hq, "Contoso");
    hq.runP0001();
    signUp(hq, "Fabrikam");
    window.history.replaceState(null, "", "/hq/channel-requests");
    render(<HqApp initialLanguageId={1033} fetch={transport} />);
    expect(within(await row("Channel requests", "Contoso")).getByText("In headquarters")).toBeInTheDocument();
    expect(within(await row("Channel requests", "Fabrikam")).getByText("In channel")).toBeInTheDocument();
  });

  it("speaks Finnish with the API's Finnish labels, and says so when a list cannot load", async () => {
    await start();
    signUp(hq, "Contoso Oy", "B2B-FI");
    hq.runJobs();
    window.history.replaceState(null, "", "/hq");
    render(<HqApp initialLanguageId={1035} fetch={transport} />);
    expect(await screen.findByRole("heading", { name: "Kaikki prospektit" })).toBeInTheDocument();
    expect(within(await row("Kaikki prospektit", "Contoso Oy")).getByText("Odottaa")).toBeInTheDocument();
    expect(requests.every((r) => r.headers["Accept-Language"] === "fi-FI")).toBe(true);
    expect(screen.getByRole("menuitem", { name: "Synkronoi asiakkaat ja kanavapyynnöt" })).toBeInTheDocument();
  });

  it("shows a load failure and an unknown page", async () => {
    await start();
    const failing: FetchLike = async () => ({ ok: false, status: 500, json: async () => ({ error: { code: "internalError", message: "database is locked" } }) });
    window.history.replaceState(null, "", "/hq/outbox");
    const { unmount } = render(<HqApp initialLanguageId={1033} fetch={failing} />);
    expect(await screen.findByText("The list could not be loaded: database is locked")).toBeInTheDocument();
    unmount();
    window.history.replaceState(null, "", "/hq/nowhere");
    render(<HqApp initialLanguageId={1033} fetch={transport} />);
    expect(await screen.findByText("This page does not exist.")).toBeInTheDocument();
  });
});
