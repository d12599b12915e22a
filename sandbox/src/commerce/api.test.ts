import { startCommerceServer, type CommerceServer } from "./api";
import { CommerceHq } from "./commerceHq";

describe("Commerce JSON API", () => {
  let hq: CommerceHq;
  let server: CommerceServer;
  beforeEach(async () => {
    hq = new CommerceHq({ dbFile: ":memory:", now: () => new Date("2026-03-02T10:00:00.000Z") });
    server = await startCommerceServer({ commerce: hq, port: 0 });
  });
  afterEach(async () => {
    await server.close();
    hq.close();
  });

  const post = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });

  it("takes a sign-up, runs the jobs and lists the Pending prospect with labels in the caller's language", async () => {
    const hostile = "<b>Contoso</b> & Co";
    const created = await post("/commerce/signups", {
      companyName: hostile,
      firstName: "Aino",
      lastName: "Virtanen",
      email: "aino@contoso.example",
      channel: "B2B-FI",
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(created.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await created.json()).toMatchObject({ requestId: "REQ-000001", stage: "Channel" });

    expect(await (await post("/commerce/jobs/P-0001")).json()).toEqual({ uploaded: 1 });
    const synced = (await (await post("/commerce/jobs/synchronize-customers-and-channel-requests")).json()) as { prospects: unknown[] };
    expect(synced.prospects).toHaveLength(1);

    const list = await fetch(`${server.url}/commerce/prospects?status=Pending`, { headers: { "Accept-Language": "fi-FI,fi;q=0.9" } });
    const { value } = (await list.json()) as { value: { companyName: string; statusLabel: string; prospectTypeLabel: string }[] };
    expect(value).toEqual([expect.objectContaining({ companyName: hostile, statusLabel: "Odottaa", prospectTypeLabel: "B2B-prospekti" })]);

    const detail = await fetch(`${server.url}/commerce/prospects/PRO-000001`);
    expect(await detail.json()).toMatchObject({ prospectId: "PRO-000001", hierarchy: null, emails: [], approvalWaitingForCustomers: false });
  });

  it("answers invalid input with field errors and wrong requests with JSON errors", async () => {
    const invalid = await post("/commerce/signups", { companyName: "", channel: "B2B-US" }, { "Accept-Language": "fi" });
    expect(invalid.status).toBe(400);
    const { errors } = (await invalid.json()) as { errors: { field: string; message: string }[] };
    expect(errors.map((e) => e.field)).toEqual(["companyName", "firstName", "lastName", "email"]);
    expect(errors[0].message).toBe("Yrityksen nimi on pakollinen.");

    expect((await post("/commerce/signups", "{not json")).status).toBe(400);
    expect((await post("/commerce/signups", "{}", { "Content-Type": "text/plain" })).status).toBe(415);
    expect((await post("/commerce/signups", JSON.stringify({ comments: "x".repeat(70 * 1024) }))).status).toBe(413);
    expect((await fetch(`${server.url}/commerce/prospects`, { method: "DELETE" })).status).toBe(405);
    expect((await fetch(`${server.url}/commerce/prospects?status=Won`)).status).toBe(400);
    const missing = await fetch(`${server.url}/commerce/prospects/PRO-999999`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "notFound", message: "Prospect PRO-999999 does not exist." } });
    expect(hq.signupRequests()).toHaveLength(0);
  });
});
