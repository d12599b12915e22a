import { UsageError, normalizeEnvironmentUrl, parseArgs } from "./cliArgs";

describe("parseArgs", () => {
  it("defaults to managed, no dry run, no pac", () => {
    expect(parseArgs(["--url", "https://contoso.crm4.dynamics.com/"])).toEqual({
      url: "https://contoso.crm4.dynamics.com",
      managed: true,
      webhookUrl: undefined,
      settingsFile: undefined,
      env: [],
      dryRun: false,
      usePac: false,
      reimport: false,
      path: undefined,
      enforcement: "sync",
    });
  });

  it("reads every option, keeping --env order and '=' inside values", () => {
    const a = parseArgs([
      "--url", "https://contoso.crm4.dynamics.com", "--unmanaged", "--webhook-url", "https://fn.example.net/api/prospect",
      "--settings", "s.json", "--env", "cb2b_A=1", "--env", "cb2b_B=x=y", "--dry-run", "--use-pac", "--reimport",
    ]);
    expect(a.managed).toBe(false);
    expect(a.webhookUrl).toBe("https://fn.example.net/api/prospect");
    expect(a.settingsFile).toBe("s.json");
    expect(a.env).toEqual([{ schemaName: "cb2b_A", value: "1" }, { schemaName: "cb2b_B", value: "x=y" }]);
    expect(a.dryRun).toBe(true);
    expect(a.usePac).toBe(true);
    expect(a.reimport).toBe(true);
  });

  it("refuses secrets on the command line without echoing them", () => {
    for (const argv of [["--url", "https://a.crm.dynamics.com", "--webhook-key", "s3cr3t"], ["--client-secret=s3cr3t"]]) {
      let err: unknown;
      try {
        parseArgs(argv);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).not.toContain("s3cr3t");
      expect((err as Error).message).toContain("CB2B_WEBHOOK_KEY");
    }
  });

  it.each([
    [[], /--url is required/],
    [["--url"], /--url needs a value/],
    [["--url", "https://a.crm.dynamics.com", "--managed", "--unmanaged"], /exclusive/],
    [["--url", "https://a.crm.dynamics.com", "--env", "novalue"], /name=value/],
    [["--url", "https://a.crm.dynamics.com", "--webhook-url", "http://fn.example.net"], /must be https/],
    // Register a WebHook (Microsoft Learn): "Registered WebHooks support only port 80 for HTTP and port 443 for HTTPS."
    [["--url", "https://a.crm.dynamics.com", "--webhook-url", "https://fn.example.net:8443/api/dataverse"], /only on port 443 .* not on port 8443/],
    [["--url", "https://a.crm.dynamics.com", "--enforcement", "async"], /--enforcement needs --webhook-url/],
    [["--url", "https://a.crm.dynamics.com", "--webhook-url", "https://fn.example.net/api/dataverse", "--enforcement", "strict"], /sync or async/],
    [["--url", "https://a.crm.dynamics.com", "--bogus"], /unknown argument: --bogus/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe("--webhook-url and --enforcement", () => {
  it("accepts https on 443 (explicit or not) and the local sandbox on any port, and reads the enforcement", () => {
    const base = ["--url", "https://contoso.crm4.dynamics.com", "--webhook-url"];
    expect(parseArgs([...base, "https://fn.example.net:443/api/dataverse"]).webhookUrl).toBe("https://fn.example.net:443/api/dataverse");
    expect(parseArgs([...base, "http://127.0.0.1:7071/api/dataverse"]).enforcement).toBe("sync");
    expect(parseArgs([...base, "http://localhost:5557/api/dataverse", "--enforcement", "async"]).enforcement).toBe("async");
  });
});

describe("normalizeEnvironmentUrl", () => {
  it("accepts an https root and the local sandbox over http", () => {
    expect(normalizeEnvironmentUrl("https://contoso.crm4.dynamics.com")).toBe("https://contoso.crm4.dynamics.com");
    expect(normalizeEnvironmentUrl("http://127.0.0.1:5555/")).toBe("http://127.0.0.1:5555");
  });

  it.each([
    ["contoso.crm4.dynamics.com", /not a URL/],
    ["http://contoso.crm4.dynamics.com", /must be https/],
    ["https://contoso.crm4.dynamics.com/api/data/v9.2", /environment root/],
    ["https://contoso.crm4.dynamics.com/main.aspx?appid=1", /environment root/],
  ])("rejects %s", (raw, message) => {
    expect(() => normalizeEnvironmentUrl(raw)).toThrow(message);
  });
});

describe("--path", () => {
  it("takes another solution zip, as pac solution import --path does", () => {
    expect(parseArgs(["--url", "https://contoso.crm4.dynamics.com", "--path", "release/CommerceB2BOnboarding_managed.zip"]).path).toBe(
      "release/CommerceB2BOnboarding_managed.zip",
    );
    expect(parseArgs(["--url", "https://contoso.crm4.dynamics.com"]).path).toBeUndefined();
    expect(() => parseArgs(["--url", "https://contoso.crm4.dynamics.com", "--path"])).toThrow(/--path needs a value/);
  });
});
