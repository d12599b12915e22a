import JSZip from "jszip";
import type { DeployArgs } from "./cliArgs";
import { deploy, packageVersion } from "./deploy";
import { Redactor, redactingLog } from "./redact";
import { Steps } from "../../plugins-ts/src/registration/steps";
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
    rows: new Map<string, Map<string, Record<string, unknown>>>(),
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
      // Steps and their images: rows kept under the id registration writes, read back with _x_value lookups.
      const rowSet = /^(sdkmessageprocessingsteps|sdkmessageprocessingstepimages)(\?|$)/.exec(path)?.[1];
      if (rowSet) {
        const table = state.rows.get(rowSet) ?? state.rows.set(rowSet, new Map()).get(rowSet)!;
        if (method === "GET") {
          const row = table.get(/id eq ([\w-]+)/.exec(path)?.[1] ?? "");
          return r({ value: row ? [row] : [] });
        }
        const read: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
          const bind = /^(.*)@odata\.bind$/.exec(key);
          if (!bind) read[key] = value;
          else read[`_${bind[1] === "eventhandler_serviceendpoint" ? "eventhandler" : bind[1]}_value`] = /\(([^)]+)\)/.exec(String(value))?.[1];
        }
        table.set(String(read[`${rowSet.replace(/s$/, "")}id`]), read);
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
  enforcement: "sync",
  ...over,
});

async function run(env: ReturnType<typeof environment>, a: DeployArgs, zip: Buffer, health: (url: string) => Promise<void> = () => Promise.resolve()) {
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
    checkHealth: (url) => health(url),
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
    const stepWrites = Steps.flatMap((step) => ["POST sdkmessageprocessingsteps", ...step.images.map(() => "POST sdkmessageprocessingstepimages")]);
    expect(env.writes).toEqual(["POST ImportSolutionAsync", `PATCH serviceendpoints(${EP})`, ...stepWrites, "POST environmentvariablevalues"]);
    expect(first.outcome.steps.map((s) => s.action)).toEqual(Steps.map(() => "create"));
    expect(first.log).toContain("webhook health check: https://fn.example.net/api/dataverse answers and accepts the key");
    expect(first.log).toContain("enforcement sync: synchronous validation and asynchronous hand-off");
    expect(first.log).toContain("webhook step Cb2b.Webhook.Validate: QualifyLead of lead: create");
    expect(first.log).not.toContain(KEY);

    env.writes.length = 0;
    const second = await run(env, args(), zip);
    expect(second.outcome.imported).toBe(false);
    expect(second.log).toContain("same version, import skipped");
    expect(env.writes).toEqual([`PATCH serviceendpoints(${EP})`]);
    expect(second.outcome.steps.map((s) => s.action)).toEqual(Steps.map(() => "unchanged"));
    expect(second.outcome.environmentVariables).toEqual([{ schemaName: "cb2b_A", action: "unchanged" }]);
  });

  it("turns no step on when the webhook fails its health check, and changes nothing at all", async () => {
    const env = environment();
    const refused = run(env, args(), await zipOf("1.0.0.0"), (url) => Promise.reject(new Error(`the webhook at ${url} refused the key (401)`)));
    await expect(refused).rejects.toThrow(/refused the key \(401\)/);
    expect(env.writes).toEqual([]);
  });

  it("without --webhook-url imports and leaves the steps alone (enforcement stays off)", async () => {
    const env = environment();
    const { outcome, log } = await run(env, args({ webhookUrl: undefined }), await zipOf("1.0.0.0"), () => Promise.reject(new Error("no check expected")));
    expect(outcome.steps).toEqual([]);
    expect(env.writes).toEqual(["POST ImportSolutionAsync", "POST environmentvariablevalues"]);
    expect(log).toContain("webhook steps: not changed");
  });

  it("--enforcement async registers the hand-off only", async () => {
    const env = environment();
    const { outcome, log } = await run(env, args({ enforcement: "async" }), await zipOf("1.0.0.0"));
    expect(outcome.steps.map((s) => s.name)).toEqual(Steps.filter((s) => s.mode === 1).map((s) => expect.stringContaining(s.message)));
    expect(outcome.steps.every((s) => s.name.startsWith("Cb2b.Webhook.Handoff"))).toBe(true);
    expect(log).toContain("enforcement async: asynchronous hand-off only");
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
