import { AuthConfigError, chooseTokenSource } from "./auth";

const URL_ = "https://contoso.crm4.dynamics.com";
const noPrompt = (): void => {
  throw new Error("no device code expected");
};

describe("chooseTokenSource", () => {
  it("prefers a static DATAVERSE_ACCESS_TOKEN and marks it secret", async () => {
    const c = chooseTokenSource(URL_, { DATAVERSE_ACCESS_TOKEN: "tok-123", DATAVERSE_CLIENT_SECRET: "s" }, noPrompt);
    expect(c.kind).toBe("static");
    expect(c.secrets).toEqual(["tok-123"]);
    await expect(c.source()).resolves.toBe("tok-123");
  });

  it("uses client credentials when a secret is set, marking the secret", () => {
    const c = chooseTokenSource(
      URL_,
      { DATAVERSE_CLIENT_ID: "11111111-1111-4111-8111-111111111111", DATAVERSE_CLIENT_SECRET: "cs-secret", DATAVERSE_TENANT_ID: "contoso.onmicrosoft.com" },
      noPrompt,
    );
    expect(c.kind).toBe("client-credentials");
    expect(c.secrets).toEqual(["cs-secret"]);
  });

  it("names the missing variables for an incomplete client-credentials setup", () => {
    expect(() => chooseTokenSource(URL_, { DATAVERSE_CLIENT_SECRET: "cs" }, noPrompt)).toThrow(AuthConfigError);
    expect(() => chooseTokenSource(URL_, { DATAVERSE_CLIENT_SECRET: "cs" }, noPrompt)).toThrow(/DATAVERSE_CLIENT_ID and DATAVERSE_TENANT_ID/);
  });

  it("falls back to device code for a person", () => {
    expect(chooseTokenSource(URL_, {}, noPrompt).kind).toBe("device-code");
  });
});
