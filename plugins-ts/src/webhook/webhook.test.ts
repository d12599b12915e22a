import { isAuthorized, presentedKeys } from "./auth";
import { ConfigurationError, readConfig } from "./config";
import { DeliveryLedger } from "./deliveryLedger";

describe("webhook key check", () => {
  const key = "0123456789abcdef-key";
  const headers = (values: Record<string, string>) => (name: string) => values[name];

  it("accepts the key from the x-cb2b-webhook-key header or from ?code=", () => {
    expect(isAuthorized(key, presentedKeys(headers({ "x-cb2b-webhook-key": key }), new URLSearchParams()))).toBe(true);
    expect(isAuthorized(key, presentedKeys(headers({}), new URLSearchParams({ code: key })))).toBe(true);
  });

  it("refuses a missing, wrong, shorter or longer key", () => {
    for (const presented of [[], ["wrong"], [key.slice(0, -1)], [`${key}x`], [""]]) expect(isAuthorized(key, presented)).toBe(false);
  });
});

describe("configuration from the environment", () => {
  const base = { DATAVERSE_URL: "https://contoso.crm4.dynamics.com/", CB2B_WEBHOOK_KEY: "0123456789abcdef" };

  it("uses a static token when DATAVERSE_ACCESS_TOKEN is set", async () => {
    const config = readConfig({ ...base, DATAVERSE_ACCESS_TOKEN: "abc" });
    expect(config).toMatchObject({ dataverseUrl: "https://contoso.crm4.dynamics.com", apiVersion: "9.2", authentication: "static token (DATAVERSE_ACCESS_TOKEN)" });
    await expect(config.token()).resolves.toBe("abc");
  });

  it("uses the app user's client credentials otherwise", () => {
    const config = readConfig({ ...base, DATAVERSE_TENANT_ID: "t", DATAVERSE_CLIENT_ID: "c", DATAVERSE_CLIENT_SECRET: "s" });
    expect(config.authentication).toBe("client credentials");
  });

  it("lists everything that is missing, without echoing values", () => {
    const attempt = () => readConfig({ DATAVERSE_URL: "contoso", CB2B_WEBHOOK_KEY: "short-secret" });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/DATAVERSE_URL must start with https:\/\/[\s\S]*CB2B_WEBHOOK_KEY must be set[\s\S]*DATAVERSE_ACCESS_TOKEN/);
    expect(attempt).not.toThrow(/short-secret/);
  });
});

describe("delivery ledger", () => {
  it("remembers answers below 500 for a while, and forgets failures", async () => {
    let clock = 0;
    const ledger = new DeliveryLedger<{ status: number }>({ ttlMs: 1000, now: () => clock });
    let runs = 0;
    const work = (status: number) => async () => ({ status: (runs++, status) });
    expect(await ledger.run("a", work(200))).toEqual({ result: { status: 200 }, duplicate: false });
    expect(await ledger.run("a", work(200))).toEqual({ result: { status: 200 }, duplicate: true });
    clock = 1000;
    expect((await ledger.run("a", work(200))).duplicate).toBe(false);
    await ledger.run("b", work(503));
    expect((await ledger.run("b", work(200))).duplicate).toBe(false);
    await ledger.run(null, work(200));
    await ledger.run(null, work(200));
    expect(runs).toBe(6);
  });

  it("does not keep an answer whose work cost nothing: the next arrival does it again", async () => {
    const ledger = new DeliveryLedger<{ status: number; costFree?: boolean }>();
    let runs = 0;
    const decided = async () => ({ status: (runs++, 200), costFree: true });
    expect((await ledger.run("a", decided)).duplicate).toBe(false);
    expect((await ledger.run("a", decided)).duplicate).toBe(false);
    expect(runs).toBe(2);
    // Arrivals while it runs still share the one run.
    const [first, second] = await Promise.all([ledger.run("b", decided), ledger.run("b", decided)]);
    expect([first.duplicate, second.duplicate, runs]).toEqual([false, true, 3]);
  });

  it("keeps at most maxEntries answers, dropping the oldest", async () => {
    const ledger = new DeliveryLedger<{ status: number }>({ maxEntries: 2 });
    for (const key of ["a", "b", "c"]) await ledger.run(key, async () => ({ status: 200 }));
    expect((await ledger.run("a", async () => ({ status: 200 }))).duplicate).toBe(false);
    expect((await ledger.run("c", async () => ({ status: 200 }))).duplicate).toBe(true);
  });
});
