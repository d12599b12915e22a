import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { registerWebhookSteps, type Enforcement } from "../../../plugins-ts/src/registration/registerSteps";
import { checkWebhookHealth } from "../../../plugins-ts/src/registration/webhookHealth";
import { CommerceHq } from "../commerce/commerceHq";
import { startCommerceServer, type CommerceServer } from "../commerce/api";
import { JobScheduler } from "../commerce/jobScheduler";
import type { SystemJobHold } from "../dataverse/pipeline/pipeline";
import { startDataverse } from "../dataverse/server";
import { SandboxUsers } from "../dataverse/users";
import { DualWrite } from "../dualwrite/dualWrite";
import { WebApiClient } from "../dualwrite/webApiClient";
import { createWebHandler } from "../web/handler";
import type { WebLinks } from "../web/pages";
import { ensureSandboxWebBuilt, ensureSolutionBuilt } from "./buildSolution";
import { importSolution } from "./importSolution";
import { sandboxFiles, type SandboxFiles } from "./paths";
import { seedSignups } from "./seed";
import { pointWebhooksAt } from "./serviceEndpoints";
import { startWebhookHost, type WebhookHost } from "./webhookHost";

export interface SandboxOptions {
  files?: SandboxFiles;
  /** Dataverse Web API port (0 = any free port). */
  port: number;
  /** Commerce API port (0 = any free port). */
  commercePort: number;
  host?: string;
  /** The managed solution to build if missing and import; null skips both. */
  solutionZip: string | null;
  /**
   * The plugins-ts webhook host, wired and its steps registered as `npm run deploy` does (enforcement
   * "sync" by default). false: the solution is imported and nothing else, as an admin's import in the
   * maker portal leaves it (`npm start -- --import-only`): no host, no endpoint wiring, no step.
   */
  webhook: { port: number; key?: string; enforcement?: Enforcement } | false;
  /** Timers for the Commerce jobs and dual-write's live sync; false for deterministic runs. */
  demo: { jobsIntervalMs: number; syncIntervalMs: number } | false;
  /** Seeds sample sign-ups into an empty Commerce database and runs the jobs and one sync. */
  seed: boolean;
  now?: () => Date;
  log?: (line: string) => void;
  /** Folder of the browser bundles the Dataverse origin serves; default out/sandbox-web, built there when missing. */
  webBundleDir?: string;
  /** Test hook (`CB2B_SANDBOX_HOLD_SYSTEM_JOBS`): asynchronous steps' system jobs are held waiting or in progress. */
  holdSystemJobs?: SystemJobHold;
}

export interface RunningSandbox {
  files: SandboxFiles;
  dataverseUrl: string;
  apiUrl: string;
  commerceUrl: string;
  webhookUrl: string | null;
  solution: { uniqueName: string; version: string; imported: boolean } | null;
  commerce: CommerceHq;
  dualWrite: DualWrite;
  /** Resolves when the asynchronous webhook steps started so far have finished. */
  whenIdle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the whole offline environment: Dataverse stand-in, the solution imported through the Web
 * API, the webhook host wired to the imported service endpoints, Commerce HQ and dual-write.
 * Whatever started is stopped again if a later step fails.
 */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const log = options.log ?? (() => undefined);
  const files = options.files ?? sandboxFiles();
  mkdirSync(files.dir, { recursive: true });
  const closers: (() => Promise<void> | void)[] = [];
  const closeAll = async (): Promise<void> => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    if (options.solutionZip) await ensureSolutionBuilt(options.solutionZip, log);
    if (!options.webBundleDir) await ensureSandboxWebBuilt(log);

    // The landing page links the Commerce server, which starts after Dataverse.
    const links: WebLinks = { commerceOrigin: null };
    const web = createWebHandler({ links: () => links, bundleDir: options.webBundleDir });
    // System jobs left waiting or in progress by the last run are run below, once the webhook host is up.
    const dataverse = await startDataverse({
      dbFile: files.dataverseDb,
      port: options.port,
      host: options.host,
      now: options.now,
      web,
      resumeSystemJobs: false,
      holdSystemJobs: options.holdSystemJobs,
      log,
    });
    closers.push(() => dataverse.close());
    const admin = new WebApiClient({ apiUrl: dataverse.apiUrl, accessToken: SandboxUsers.admin.token });

    let solution: RunningSandbox["solution"] = null;
    if (options.solutionZip) {
      const result = await importSolution(admin, options.solutionZip);
      solution = { ...result.identity, imported: result.imported };
      log(`${result.imported ? "imported" : "already installed"}: ${result.identity.uniqueName} ${result.identity.version}`);
    }

    let webhook: WebhookHost | null = null;
    if (options.webhook) {
      const key = options.webhook.key ?? randomBytes(24).toString("base64url");
      webhook = await startWebhookHost({
        port: options.webhook.port,
        dataverseUrl: dataverse.url,
        accessToken: SandboxUsers.admin.token,
        webhookKey: key,
        log,
      });
      const host = webhook;
      // Asynchronous steps still running need the host: let them finish before stopping it.
      closers.push(async () => {
        await dataverse.whenIdle();
        await host.close();
      });
      // As `npm run deploy` does: health check with the key, endpoint wiring, then the steps.
      await checkWebhookHealth(`${webhook.url}/api/dataverse`, key);
      const endpoints = await pointWebhooksAt(admin, webhook.url, key);
      log(`webhook host ${webhook.url} (pid ${String(webhook.pid())}); service endpoint(s) pointed at it: ${endpoints.join(", ") || "none imported"}`);
      if (options.solutionZip) {
        const enforcement = options.webhook.enforcement ?? "sync";
        const steps = await registerWebhookSteps(
          { list: (path) => admin.list(path), create: (set, body) => admin.create(set, body), update: (set, id, body) => admin.update(set, id, body), remove: (set, id) => admin.delete(set, id) },
          { enforcement },
        );
        log(`webhook steps (enforcement ${enforcement}): ${steps.map((s) => `${s.name} (${s.action})`).join(", ")}`);
      }
    }

    // Hand-offs queued before the last stop (a crash, a kill -9) run now, before dual-write's first sync
    // carries their result to Commerce.
    const resumed = await dataverse.resumeSystemJobs();
    if (resumed.resumed > 0) {
      log(`system jobs left waiting or in progress by the last run, run again: ${resumed.resumed} (${resumed.succeeded} succeeded, ${resumed.failed} failed)`);
    }

    const commerce = new CommerceHq({ dbFile: files.commerceDb, now: options.now });
    closers.push(() => commerce.close());
    const dualWrite = new DualWrite({ commerce, apiUrl: dataverse.apiUrl, accessToken: SandboxUsers.dualWrite.token, now: options.now });
    closers.push(() => dualWrite.stop());

    const commerceServer: CommerceServer = await startCommerceServer({ commerce, dualWrite, port: options.commercePort, host: options.host });
    closers.push(() => commerceServer.close());
    links.commerceOrigin = commerceServer.url;

    if (options.seed && commerce.signupRequests().length === 0) {
      const ids = seedSignups(commerce);
      const { prospects } = commerce.runJobs();
      log(`seeded ${ids.length} sign-up(s); the jobs created ${prospects.length} prospect(s)`);
    }
    const report = await dualWrite.syncNow();
    log(`dual-write: ${report.leadsCreated} lead(s) created, ${report.failed} record(s) failed`);

    if (options.demo) {
      const scheduler = new JobScheduler(commerce, (error) => log(`Commerce jobs failed: ${String(error)}`));
      scheduler.start(options.demo.jobsIntervalMs);
      closers.push(() => scheduler.stop());
      dualWrite.start(options.demo.syncIntervalMs);
    }

    return {
      files,
      dataverseUrl: dataverse.url,
      apiUrl: dataverse.apiUrl,
      commerceUrl: `${commerceServer.url}/commerce`,
      webhookUrl: webhook?.url ?? null,
      solution,
      commerce,
      dualWrite,
      whenIdle: () => dataverse.whenIdle(),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
