import JSZip from "jszip";
import type { DeployArgs } from "./cliArgs";
import { deploy, packageVersion } from "./deploy";
import { Redactor, redactingLog } from "./redact";
import type { WebApi } from "./webApi";

const EP = "32db2711-c540-47f9-8d82-f0688058f82b";
const KEY = "webhook-key-0123456789";

async function zipOf(version: string): Promise<Buffer> {
  const z = new JSZip();
  z.file("solution.xml", `<ImportExportXml><SolutionManifest><Version>${version}</Version></SolutionManifest></ImportExportXml>`);
  return z.generateAsync({ type: "nodebuffer" });
}

/** A tiny stateful environment: importing installs the version and creates the endpoint and definition. */
function environment(installed?: { version: string; ismanaged: boolean }) {
  const state = {
    installed,
    endpointUrl: installed ? "https://cb2b-webhook.invalid/api/dataverse" : undefined,
    value: undefined as string | undefined,
    steps: new Map<string, Record<string, unknown>>(),
  };
  const writes: string[] = [];
  let importing: string | undefined;
  const api: WebApi = {
    environmentUrl: "https://contoso.crm4.dynamics.com",
    request: <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const r = (v: unknown) => Promise.resolve(v as T);
      if (method !== "GET") writes.push(`${method} ${path.split("?")[0]}`);
      if (path === "PublishAllXml") return r(undefined);
      if (path === "WhoAmI") return r({ UserId: "u", OrganizationId: "o" });
      if (path.startsWith("solutions?")) return r({ value: state.installed ? [{ solutionid: "s", ...state.installed }] : [] });
      if (path === "ImportSolutionAsync") {
        importing = "1.0.0.0";
        return r({ AsyncOperationId: "a1", ImportJobKey: "j1" });
      }
      if (path.startsWith("asyncoperations(")) {
        state.installed = { version: importing ?? "?", ismanaged: true };
        state.endpointUrl ??= "https://cb2b-webhook.invalid/api/dataverse";
        return r({ statecode: 3, statuscode: 30 });
      }
      if (path.startsWith(`serviceendpoints(${EP})`)) {
        if (method === "GET") return r({ url: state.endpointUrl });
        state.endpointUrl = (body as { url: string }).url;
        return r(undefined);
      }
      if (path.startsWith("serviceendpoints?")) return r({ value: state.endpointUrl ? [{ serviceendpointid: EP }] : [] });
      if (path.startsWith("sdkmessages?")) return r({ value: [{ sdkmessageid: `m-${/name eq '(\w+)'/.exec(path)?.[1]}` }] });
      if (path.startsWith("sdkmessagefilters?")) return r({ value: [{ sdkmessagefilterid: `f-${/_sdkmessageid_value eq ([\w-]+)/.exec(path)?.[1]}` }] });
      if (path.startsWith("sdkmessageprocessingsteps?")) {
        const id = /sdkmessageprocessingstepid eq ([\w-]+)/.exec(path)?.[1] ?? "";
        const row = state.steps.get(id);
        return r({ value: row ? [row] : [] });
      }
      if (path === "sdkmessageprocessingsteps") {
        const b = body as Record<string, string>;
        state.steps.set(b.sdkmessageprocessingstepid, {
          ...b,
          _sdkmessageid_value: /\(([^)]+)\)/.exec(b["sdkmessageid@odata.bind"])?.[1],
          _sdkmessagefilterid_value: /\(([^)]+)\)/.exec(b["sdkmessagefilterid@odata.bind"])?.[1],
          _eventhandler_value: /\(([^)]+)\)/.exec(b["eventhandler_serviceendpoint@odata.bind"])?.[1],
        });
        return r(undefined);
      }
      if (path.startsWith("environmentvariabledefinitions?")) return r({ value: state.installed ? [{ environmentvariabledefinitionid: "d1", schemaname: "cb2b_A" }] : [] });
      if (path.startsWith("environmentvariablevalues?")) return r({ value: state.value === undefined ? [] : [{ environmentvariablevalueid: "v1", value: state.value }] });
      if (path === "environmentvariablevalues" || path.startsWith("environmentvariablevalues(")) {
        state.value = (body as { value: string }).value;
        return r(undefined);
      }
      return Promise.reject(new Error(`unexpected ${method} ${path}`));
    },
  };
  return { api, state, writes };
}

const args = (over: Partial<DeployArgs> = {}): DeployArgs => ({
  url: "https://contoso.crm4.dynamics.com",
  managed: true,
  webhookUrl: "https://fn.example.net/api/dataverse",
  env: [],
  dryRun: false,
  usePac: false,
  reimport: false,
  ...over,
});

async function run(env: ReturnType<typeof environment>, a: DeployArgs, zip: Buffer) {
  const redactor = new Redactor();
  redactor.add(KEY);
  const out: string[] = [];
  const outcome = await deploy(a, {
    api: env.api,
    zip,
    zipFile: "x.zip",
    serviceEndpointId: EP,
    settings: [{ schemaName: "cb2b_A", value: "1" }],
    webhookKey: KEY,
    log: redactingLog(redactor, (t) => out.push(t)),
    wait: () => Promise.resolve(),
  });
  return { outcome, log: out.join("") };
}

describe("deploy", () => {
  it("installs, wires the webhook, sets variables; a re-run skips the import and duplicates nothing", async () => {
    const env = environment();
    const zip = await zipOf("1.0.0.0");
    const first = await run(env, args(), zip);
    expect(first.outcome.imported).toBe(true);
    expect(env.state.endpointUrl).toBe("https://fn.example.net/api/dataverse");
    expect(env.state.value).toBe("1");
    const stepWrites = Array<string>(6).fill("POST sdkmessageprocessingsteps");
    expect(env.writes).toEqual(["POST ImportSolutionAsync", `PATCH serviceendpoints(${EP})`, ...stepWrites, "POST environmentvariablevalues"]);
    expect(first.outcome.steps.map((s) => s.action)).toEqual(Array(6).fill("create"));
    expect(first.log).toContain("webhook step Cb2b.Webhook.Validate: QualifyLead of lead: create");
    expect(first.log).not.toContain(KEY);

    env.writes.length = 0;
    const second = await run(env, args(), zip);
    expect(second.outcome.imported).toBe(false);
    expect(second.log).toContain("same version, import skipped");
    expect(env.writes).toEqual([`PATCH serviceendpoints(${EP})`]);
    expect(second.outcome.steps.map((s) => s.action)).toEqual(Array(6).fill("unchanged"));
    expect(second.outcome.environmentVariables).toEqual([{ schemaName: "cb2b_A", action: "unchanged" }]);
  });

  it("changes nothing in a dry run", async () => {
    const env = environment({ version: "0.9.0.0", ismanaged: true });
    const { log } = await run(env, args({ dryRun: true }), await zipOf("1.0.0.0"));
    expect(env.writes).toEqual([]);
    expect(log).toContain("[dry run] installed 0.9.0.0, package 1.0.0.0 (managed): upgrade");
    expect(log).toContain("dry run: nothing was changed");
  });

  it("publishes after an unmanaged import", async () => {
    const env = environment();
    env.state.installed = { version: "0.9.0.0", ismanaged: false };
    const { log } = await run(env, args({ managed: false }), await zipOf("1.0.0.0"));
    expect(env.writes.slice(0, 2)).toEqual(["POST ImportSolutionAsync", "POST PublishAllXml"]);
    expect(log).toContain("publishing customizations (PublishAllXml)");
  });

  it("refuses --use-pac without pac", async () => {
    await expect(run(environment(), args({ usePac: true }), await zipOf("1.0.0.0"))).rejects.toThrow(/pac is not on PATH/);
  });

  it("stops before importing when a newer version is installed", async () => {
    const env = environment({ version: "2.0.0.0", ismanaged: true });
    await expect(run(env, args(), await zipOf("1.0.0.0"))).rejects.toThrow(/2\.0\.0\.0 is installed, newer/);
    expect(env.writes).toEqual([]);
  });
});

describe("packageVersion", () => {
  it("reads solution.xml or says to build", async () => {
    await expect(packageVersion(await zipOf("1.2.3.4"))).resolves.toBe("1.2.3.4");
    await expect(packageVersion(await new JSZip().generateAsync({ type: "nodebuffer" }))).rejects.toThrow(/npm run build/);
  });
});
