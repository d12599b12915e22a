/**
 * The deploy, step by step: WhoAmI, version check, the webhook's authenticated health check, import
 * (ImportSolutionAsync or pac), publish when unmanaged, webhook wiring, the webhook steps of the chosen
 * enforcement, environment variable values. No step is turned on unless the webhook answered. Every dependency (Web API, pac runner, wait)
 * is passed in, so the whole sequence runs in tests without a network or a clock.
 */
import JSZip from "jszip";
import type { DeployArgs } from "./cliArgs";
import { type EnvironmentVariableChange, setEnvironmentVariables } from "./environmentVariables";
import { decideImport, readInstalledSolution } from "./installedVersion";
import { importSolutionAsync } from "./importSolution";
import { registerWebhookSteps, type StepChange } from "../../plugins-ts/src/registration/registerSteps";
import { type WebhookChange, wireWebhook } from "./serviceEndpoint";
import type { EnvironmentVariableSetting } from "./settings";
import { DeployError, type WebApi } from "./webApi";

export interface DeployDeps {
  readonly api: WebApi;
  readonly zip: Buffer;
  readonly serviceEndpointId: string;
  readonly settings: readonly EnvironmentVariableSetting[];
  readonly webhookKey: string | undefined;
  readonly log: (line: string) => void;
  readonly wait: () => Promise<void>;
  /** Runs `pac solution import`; absent when pac is not on PATH. */
  readonly runPac?: (zipFile: string) => Promise<void>;
  readonly zipFile: string;
  /** GET of the webhook's health route with the key; throws with what to fix (plugins-ts webhookHealth.ts). */
  readonly checkHealth: (webhookUrl: string, key: string) => Promise<void>;
}

export interface DeployOutcome {
  readonly imported: boolean;
  readonly webhook?: WebhookChange;
  readonly steps: StepChange[];
  readonly environmentVariables: EnvironmentVariableChange[];
}

/** The package's solution.xml text, or undefined when the zip has none. */
async function solutionXmlOf(zip: Buffer): Promise<string | undefined> {
  return (await JSZip.loadAsync(zip)).file("solution.xml")?.async("string");
}

export async function packageVersion(zip: Buffer): Promise<string> {
  const solutionXml = await solutionXmlOf(zip);
  const version = solutionXml && /<Version>\s*([\d.]+)\s*<\/Version>/.exec(solutionXml)?.[1];
  if (!version) throw new DeployError("the solution zip has no solution.xml <Version>: run npm run build first");
  return version;
}

/** solution.xml's `<Managed>`: 1 for a managed package. */
export async function packageIsManaged(zip: Buffer): Promise<boolean> {
  const solutionXml = await solutionXmlOf(zip);
  return /<Managed>\s*1\s*<\/Managed>/.exec(solutionXml ?? "") !== null;
}

export async function deploy(args: DeployArgs, deps: DeployDeps): Promise<DeployOutcome> {
  const { api, log } = deps;
  const prefix = args.dryRun ? "[dry run] " : "";
  const who = await api.request<{ UserId: string; OrganizationId: string }>("GET", "WhoAmI");
  log(`connected to ${args.url} as user ${who.UserId} (organization ${who.OrganizationId})`);

  const version = await packageVersion(deps.zip);
  const installed = await readInstalledSolution(api);
  const decision = decideImport(installed, version, args.managed);
  const doImport = decision !== "same-version" || args.reimport;
  log(
    `${prefix}${installed ? `installed ${installed.version}, ` : "not installed, "}package ${version} (${args.managed ? "managed" : "unmanaged"}): ` +
      (doImport ? (decision === "install" ? "install" : decision === "upgrade" ? "upgrade" : "reimport") : "same version, import skipped (use --reimport to import again)"),
  );

  // Before anything changes: the steps may only be turned on once the webhook accepts our key.
  if (args.webhookUrl) {
    if (deps.webhookKey === undefined) {
      throw new DeployError("--webhook-url needs CB2B_WEBHOOK_KEY (the key the function app expects): the webhook is checked before any step is turned on");
    }
    await deps.checkHealth(args.webhookUrl, deps.webhookKey);
    log(`webhook health check: ${args.webhookUrl} answers and accepts the key`);
  }

  if (doImport && !args.dryRun) {
    if (args.usePac) {
      if (!deps.runPac) throw new DeployError("--use-pac was given but pac is not on PATH: install the Power Platform CLI or drop --use-pac");
      await deps.runPac(deps.zipFile);
    } else {
      await importSolutionAsync(api, { zip: deps.zip, overwriteUnmanagedCustomizations: false, log, wait: deps.wait });
    }
    if (!args.managed) {
      log("publishing customizations (PublishAllXml)");
      await api.request("POST", "PublishAllXml", {});
    }
  }

  let webhook: WebhookChange | undefined;
  if (args.webhookUrl) {
    if (args.dryRun && !installed) {
      log(`${prefix}webhook endpoint ${deps.serviceEndpointId} would be created by the import, then pointed at ${args.webhookUrl}`);
    } else {
      webhook = await wireWebhook(api, deps.serviceEndpointId, args.webhookUrl, deps.webhookKey, args.dryRun);
      log(`${prefix}webhook: ${webhook.urlFrom} -> ${webhook.urlTo}${webhook.keySet ? " (key from CB2B_WEBHOOK_KEY)" : " (key unchanged)"}`);
    }
  } else if (deps.webhookKey !== undefined) {
    log("CB2B_WEBHOOK_KEY is set but --webhook-url is not: the webhook is left as it is");
  }

  // The solution ships no step: they are registered here, and only for a webhook that answered.
  let steps: StepChange[] = [];
  if (!args.webhookUrl) {
    log("webhook steps: not changed (server-side enforcement is turned on by a deploy with --webhook-url and CB2B_WEBHOOK_KEY)");
  } else if (args.dryRun && !installed) {
    log(`${prefix}webhook steps (${args.enforcement}) would be registered after the import`);
  } else {
    steps = await registerWebhookSteps(
      {
        list: async (path) => (await api.request<{ value: Record<string, unknown>[] }>("GET", path)).value,
        create: (set, body) => api.request("POST", set, body),
        update: (set, id, body) => api.request("PATCH", `${set}(${id})`, body, { "if-match": "*" }),
        remove: (set, id) => api.request("DELETE", `${set}(${id})`),
      },
      { enforcement: args.enforcement, dryRun: args.dryRun },
    );
    log(`${prefix}enforcement ${args.enforcement === "sync" ? "sync: synchronous validation and asynchronous hand-off" : "async: asynchronous hand-off only"}`);
    for (const step of steps) log(`${prefix}webhook step ${step.name}: ${step.action}`);
  }

  const environmentVariables = args.dryRun && !installed ? [] : await setEnvironmentVariables(api, deps.settings, args.dryRun);
  for (const c of environmentVariables) log(`${prefix}environment variable ${c.schemaName}: ${c.action}`);
  if (args.dryRun && !installed && deps.settings.length) {
    for (const s of deps.settings) log(`${prefix}environment variable ${s.schemaName}: set after the import`);
  }
  log(args.dryRun ? "dry run: nothing was changed" : "deploy finished");
  return { imported: doImport && !args.dryRun, webhook, steps, environmentVariables };
}
