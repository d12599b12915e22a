/**
 * `npm run deploy -- --url https://<org>.crm4.dynamics.com …`: wires real dependencies into deploy().
 * Everything printed goes through the Redactor, which knows the webhook key, client secret and token.
 */
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { readFile } from "node:fs/promises";
import { delimiter, join, resolve } from "node:path";
import { checkWebhookHealth } from "../../plugins-ts/src/registration/webhookHealth";
import { chooseTokenSource } from "./auth";
import { USAGE, UsageError, parseArgs } from "./cliArgs";
import { deploy, packageIsManaged } from "./deploy";
import { Redactor, redactingLog } from "./redact";
import { readServiceEndpointId } from "./serviceEndpoint";
import { mergeSettings, readSettingsFile } from "./settings";
import { createWebApi } from "./webApi";

const ROOT = resolve(__dirname, "../..");
const POLL_MS = 5000;

function findOnPath(command: string): string | undefined {
  const names = process.platform === "win32" ? [`${command}.exe`, `${command}.cmd`] : [command];
  for (const dir of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    for (const name of names) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const args = parseArgs(argv);
  const redactor = new Redactor();
  const log = redactingLog(redactor, (t) => process.stdout.write(t));
  const webhookKey = process.env.CB2B_WEBHOOK_KEY || undefined;
  redactor.add(webhookKey);
  const tokens = chooseTokenSource(args.url, process.env, (m) => log(m));
  redactor.add(...tokens.secrets);
  // A token from MSAL is only known once issued; register it before it can appear in any message.
  const token = async (): Promise<string> => {
    const t = await tokens.source();
    redactor.add(t);
    return t;
  };
  const zipFile = args.path ? resolve(args.path) : join(ROOT, "out/solution", `CommerceB2BOnboarding${args.managed ? "_managed" : ""}.zip`);
  const zip = await readFile(zipFile).catch(() => {
    throw new UsageError(args.path ? `${zipFile} not found (--path)` : `${zipFile} not found: run npm run build first`);
  });
  const zipManaged = await packageIsManaged(zip);
  if (zipManaged !== args.managed) {
    throw new UsageError(`${zipFile} is ${zipManaged ? "a managed" : "an unmanaged"} solution: add ${zipManaged ? "--managed" : "--unmanaged"}`);
  }
  const fileSettings = args.settingsFile ? await readSettingsFile(args.settingsFile) : [];
  const pac = findOnPath("pac");
  log(`deploying ${args.managed ? "managed" : "unmanaged"} solution to ${args.url} (auth: ${tokens.kind})`);
  await deploy(args, {
    api: createWebApi(args.url, token),
    zip,
    zipFile,
    serviceEndpointId: await readServiceEndpointId(join(ROOT, "solution/src/Other/Customizations.xml")),
    settings: mergeSettings(fileSettings, args.env),
    webhookKey,
    log,
    wait: () => new Promise((r) => setTimeout(r, POLL_MS)),
    checkHealth: (url, key) => checkWebhookHealth(url, key),
    runPac: pac
      ? (file) =>
          new Promise<void>((ok, fail) => {
            // pac uses its own auth profile (pac auth create); its output is its own.
            const child = spawn(pac, ["solution", "import", "--path", file, "--environment", args.url, "--async"], { stdio: "inherit" });
            child.on("error", fail);
            child.on("exit", (code) => (code === 0 ? ok() : fail(new Error(`pac solution import exited with ${code}`))));
          })
      : undefined,
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const redactor = new Redactor();
    redactor.add(process.env.CB2B_WEBHOOK_KEY, process.env.DATAVERSE_CLIENT_SECRET, process.env.DATAVERSE_ACCESS_TOKEN);
    process.stderr.write(`error: ${redactor.redact(e instanceof Error ? e.message : String(e))}\n`);
    process.exitCode = 1;
  },
);
