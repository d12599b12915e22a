/** @jest-environment jsdom */
import * as React from "react";
import { configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import "@testing-library/jest-dom";
import { setIconOptions } from "@fluentui/react";
import { startCommerceServer, type CommerceServer } from "../../src/commerce/api";
import { CommerceHq } from "../../src/commerce/commerceHq";
import type { FetchLike } from "../commerceShared/client";
import { nodeFetch, type RecordedRequest } from "../commerceShared/test/nodeFetch";
import { SiteApp } from "./SiteApp";

const hostile = `<img src=x onerror=alert(1)><script>alert(2)</script>`;

// Generous upper bound for async queries on a busy 2-core CI machine (they return as soon as they match).
configure({ asyncUtilTimeout: 5000 });

describe("B2B site — Partner sign up", () => {
  let hq: CommerceHq;
  let server: CommerceServer;
  let requests: RecordedRequest[];
  let transport: FetchLike;

  beforeAll(() => setIconOptions({ disableWarnings: true }));
  beforeEach(async () => {
    window.history.replaceState(null, "", "/signup");
    hq = new CommerceHq({ dbFile: ":memory:", now: () => new Date("2026-03-02T10:00:00.000Z") });
    server = await startCommerceServer({ commerce: hq, pages: false });
    requests = [];
    transport = nodeFetch(server.url, requests);
  });
  afterEach(async () => {
    await server.close();
    hq.close();
  });

  const posts = (): RecordedRequest[] => requests.filter((r) => r.method === "POST");
  const channelsLoaded = (): Promise<void> =>
    waitFor(() => expect(screen.getByRole("combobox", { name: /Channel|Kanava/ })).toHaveTextContent(/Adventure Works B2B/));

  it("checks the fields in the browser with the API's own messages and sends nothing while they fail", async () => {
    const user = userEvent.setup();
    render(<SiteApp initialLanguageId={1033} fetch={transport} />);
    await channelsLoaded();
    await user.click(screen.getByRole("button", { name: "Submit" }));

    expect(await screen.findByText("Check the highlighted fields.")).toBeInTheDocument();
    expect(screen.getByText("Company name is required.")).toBeInTheDocument();
    expect(screen.getByText("First name is required.")).toBeInTheDocument();
    expect(screen.getByText("Last name is required.")).toBeInTheDocument();
    expect(screen.getByText("Email is required.")).toBeInTheDocument();
    expect(screen.getByLabelText("Company name")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Phone")).not.toHaveAttribute("aria-invalid", "true");
    await waitFor(() => expect(screen.getByLabelText("Company name")).toHaveFocus());

    await user.type(screen.getByLabelText("Company name"), "Contoso");
    await user.type(screen.getByLabelText("Email"), "not-an-email");
    await user.type(screen.getByLabelText("Website"), "contoso.example");
    await user.type(screen.getByLabelText("Number of employees"), "many");
    // After the first submit the messages follow the typing.
    expect(screen.queryByText("Company name is required.")).not.toBeInTheDocument();
    expect(screen.getByText("Email is not a valid email address.")).toBeInTheDocument();
    expect(screen.getByText("Website must be a web address that starts with http:// or https://.")).toBeInTheDocument();
    expect(screen.getByText("Number of employees must be a whole number between 0 and 1000000000.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Submit" }));
    expect(posts()).toHaveLength(0);
    expect(hq.signupRequests()).toHaveLength(0);
  });

  it("submits to the Commerce API and confirms, showing a hostile company name as text", async () => {
    const user = userEvent.setup();
    render(<SiteApp initialLanguageId={1033} fetch={transport} />);
    await channelsLoaded();
    await user.type(screen.getByLabelText("Company name"), hostile);
    await user.type(screen.getByLabelText("First name"), "Aino");
    await user.type(screen.getByLabelText("Last name"), "Virtanen");
    await user.type(screen.getByLabelText("Email"), "  aino@contoso.example ");
    await user.type(screen.getByLabelText("Number of employees"), "250");
    await user.type(screen.getByLabelText("City"), "Helsinki");
    await user.type(screen.getByLabelText("Comments"), "Line one{enter}Line two");
    await user.click(screen.getByRole("button", { name: "Submit" }));

    await screen.findByRole("heading", { name: "Thank you for your request" });
    // MessageBar renders its text a moment later (for screen readers' live region).
    const confirmation = await screen.findByText(/We received the business partner request for/);
    expect(within(confirmation).getByText(hostile)).toBeInTheDocument();
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector("main script")).toBeNull();
    expect(screen.getByText("Request number: REQ-000001")).toBeInTheDocument();
    expect(screen.getByText("aino@contoso.example")).toBeInTheDocument();
    expect(screen.getByText("A sales representative reviews your request.")).toBeInTheDocument();
    expect(window.location.pathname).toBe("/signup/thanks");
    expect(window.history.state).toEqual({ confirmation: { requestId: "REQ-000001", companyName: hostile, email: "aino@contoso.example" } });

    expect(posts()).toHaveLength(1);
    expect(JSON.parse(posts()[0].body ?? "")).toEqual({
      companyName: hostile,
      firstName: "Aino",
      lastName: "Virtanen",
      email: "aino@contoso.example",
      numberOfEmployees: 250,
      city: "Helsinki",
      comments: "Line one\nLine two",
      channel: "B2B-US",
    });
    expect(hq.signupRequests()).toEqual([expect.objectContaining({ companyName: hostile, stage: "Channel", channel: "B2B-US", numberOfEmployees: 250 })]);

    await user.click(screen.getByRole("button", { name: "Submit another request" }));
    expect(window.location.pathname).toBe("/signup");
    expect(screen.getByLabelText("Company name")).toHaveValue("");
  });

  it("shows the API's 400 field errors at their fields", async () => {
    const user = userEvent.setup();
    // The API refuses what the browser accepted (e.g. a rule changed on the server since the page loaded).
    const refusing: FetchLike = async (url, init) =>
      init.method === "POST"
        ? {
            ok: false,
            status: 400,
            json: async () => ({
              errors: [
                { field: "email", code: "invalidEmail", message: "Email is not a valid email address." },
                { field: "", code: "notAnObject", message: "The request body must be a JSON object." },
              ],
            }),
          }
        : transport(url, init);
    render(<SiteApp initialLanguageId={1033} fetch={refusing} />);
    await channelsLoaded();
    await user.type(screen.getByLabelText("Company name"), "Contoso");
    await user.type(screen.getByLabelText("First name"), "Aino");
    await user.type(screen.getByLabelText("Last name"), "Virtanen");
    await user.type(screen.getByLabelText("Email"), "aino@contoso.example");
    await user.click(screen.getByRole("button", { name: "Submit" }));

    const email = screen.getByLabelText("Email");
    await waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(email).toHaveAccessibleDescription("Email is not a valid email address.");
    expect(await screen.findByText("The request body must be a JSON object.")).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Thank you for your request" })).not.toBeInTheDocument();
    expect(window.location.pathname).toBe("/signup");
  });

  it("speaks Finnish, asks the API in Finnish and switches language without losing what was typed", async () => {
    const user = userEvent.setup();
    render(<SiteApp initialLanguageId={1035} fetch={transport} />);
    await waitFor(() => expect(screen.getByRole("combobox", { name: /^Kanava/ })).toHaveTextContent("Adventure Works B2B Suomi"));
    expect(screen.getByRole("heading", { name: "Kumppaniksi rekisteröityminen" })).toBeInTheDocument();
    expect(requests[0].headers["Accept-Language"]).toBe("fi-FI");
    await user.type(screen.getByLabelText("Yrityksen nimi"), "Contoso Oy");
    await user.click(screen.getByRole("button", { name: "Lähetä" }));
    expect(screen.getByText("Etunimi on pakollinen.")).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("fi");
    expect(window.location.search).toBe("?lang=fi");

    await user.click(screen.getByRole("button", { name: "In English" }));
    expect(screen.getByLabelText("Company name")).toHaveValue("Contoso Oy");
    expect(screen.getByText("First name is required.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Suomeksi" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("en");
  });

  it("opens /signup/thanks from history state after a reload, and the form without it", async () => {
    window.history.replaceState({ confirmation: { requestId: "REQ-000009", companyName: "Fabrikam", email: "x@fabrikam.example" } }, "", "/signup/thanks");
    const { unmount } = render(<SiteApp initialLanguageId={1033} fetch={transport} />);
    expect(screen.getByRole("heading", { name: "Thank you for your request" })).toBeInTheDocument();
    expect(await screen.findByText("Fabrikam")).toBeInTheDocument();
    unmount();
    window.history.replaceState(null, "", "/signup/thanks");
    render(<SiteApp initialLanguageId={1033} fetch={transport} />);
    expect(screen.getByRole("heading", { name: "Partner sign up" })).toBeInTheDocument();
  });
});
