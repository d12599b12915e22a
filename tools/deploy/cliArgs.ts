/**
 * Parses `npm run deploy -- …` arguments. Secrets are deliberately not accepted here: the webhook key
 * comes only from CB2B_WEBHOOK_KEY so it never lands in shell history or CI logs.
 */
import type { Enforcement } from "../../plugins-ts/src/registration/registerSteps";
import { webhookUrlProblem } from "../../plugins-ts/src/registration/webhookHealth";

export class UsageError extends Error {}

export interface DeployArgs {
  readonly url: string;
  readonly managed: boolean;
  readonly webhookUrl?: string;
  readonly settingsFile?: string;
  /** `--env name=value`, in command-line order (later wins when merged). */
  readonly env: readonly { readonly schemaName: string; readonly value: string }[];
  readonly dryRun: boolean;
  readonly usePac: boolean;
  /** Import again when the same version is installed (otherwise the import is skipped). */
  readonly reimport: boolean;
  /** `--path`: another solution zip (e.g. a release download) instead of the local build, as in `pac solution import --path`. */
  readonly path?: string;
  /** `--enforcement sync|async`: synchronous validation + hand-off (default), or the asynchronous hand-off only. */
  readonly enforcement: Enforcement;
}

export const USAGE =
  "usage: npm run deploy -- --url https://<org>.crm4.dynamics.com [--managed|--unmanaged] " +
  "[--path solution.zip] [--webhook-url URL [--enforcement sync|async]] [--settings file.json] [--env name=value ...] [--dry-run] [--use-pac] [--reimport]";

const SECRET_FLAGS = new Set(["--webhook-key", "--key", "--client-secret", "--secret", "--token"]);

/** Accepts only an https origin (Dataverse refuses plain http) and returns it without a trailing slash. */
export function normalizeEnvironmentUrl(raw: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new UsageError(`--url is not a URL: ${raw}`);
  }
  const local = parsed.hostname === "localhost" || parsed.hostname === "127.0.0.1";
  // Plain http is only sensible against the local sandbox.
  if (parsed.protocol !== "https:" && !(local && parsed.protocol === "http:")) {
    throw new UsageError(`--url must be https: ${raw}`);
  }
  if ((parsed.pathname !== "/" && parsed.pathname !== "") || parsed.search || parsed.hash) {
    throw new UsageError(`--url must be the environment root, e.g. https://contoso.crm4.dynamics.com (got ${raw})`);
  }
  return parsed.origin;
}

export function parseArgs(argv: readonly string[]): DeployArgs {
  let url: string | undefined;
  let managed: boolean | undefined;
  let webhookUrl: string | undefined;
  let settingsFile: string | undefined;
  const env: { schemaName: string; value: string }[] = [];
  let dryRun = false;
  let usePac = false;
  let reimport = false;
  let path: string | undefined;
  let enforcement: Enforcement | undefined;

  const valueOf = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return v;
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (SECRET_FLAGS.has(arg.split("=")[0])) {
      // Do not echo the value back: it is a secret.
      throw new UsageError(`${arg.split("=")[0]} is not accepted on the command line; set CB2B_WEBHOOK_KEY / DATAVERSE_* environment variables`);
    }
    switch (arg) {
      case "--url":
        url = normalizeEnvironmentUrl(valueOf(i++, arg));
        break;
      case "--managed":
      case "--unmanaged":
        if (managed !== undefined && managed !== (arg === "--managed")) throw new UsageError("--managed and --unmanaged are exclusive");
        managed = arg === "--managed";
        break;
      case "--webhook-url": {
        const v = valueOf(i++, arg);
        const problem = webhookUrlProblem(v);
        if (problem) throw new UsageError(`--webhook-url: ${problem}`);
        webhookUrl = v;
        break;
      }
      case "--settings":
        settingsFile = valueOf(i++, arg);
        break;
      case "--env": {
        const v = valueOf(i++, arg);
        const eq = v.indexOf("=");
        if (eq <= 0) throw new UsageError(`--env expects name=value (got ${v})`);
        env.push({ schemaName: v.slice(0, eq), value: v.slice(eq + 1) });
        break;
      }
      case "--dry-run":
        dryRun = true;
        break;
      case "--use-pac":
        usePac = true;
        break;
      case "--reimport":
        reimport = true;
        break;
      case "--path":
        path = valueOf(i++, arg);
        break;
      case "--enforcement": {
        const v = valueOf(i++, arg);
        if (v !== "sync" && v !== "async") throw new UsageError(`--enforcement is sync or async (got ${v})`);
        enforcement = v;
        break;
      }
      default:
        throw new UsageError(`unknown argument: ${arg}\n${USAGE}`);
    }
  }
  if (!url) throw new UsageError(`--url is required\n${USAGE}`);
  if (enforcement && !webhookUrl) throw new UsageError("--enforcement needs --webhook-url: the steps are turned on only for a webhook that answered");
  return { url, managed: managed ?? true, webhookUrl, settingsFile, env, dryRun, usePac, reimport, path, enforcement: enforcement ?? "sync" };
}
