/**
 * `npm start`: the whole onboarding flow offline. Builds the solution if needed, starts the Dataverse
 * stand-in (http://localhost:5555, `PORT`), imports the managed zip through `ImportSolution`, starts
 * the plugins-ts webhook host, Commerce HQ and dual-write, seeds a few sign-ups and prints the URLs.
 * `npm start -- --reset` deletes .sandbox/ databases first; `--import-only` imports the managed zip and
 * nothing else (no webhook host, no step), as an admin's import in the maker portal; `--enforcement async`
 * registers the asynchronous hand-off only. Ctrl+C stops everything.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { managedSolutionZip, resetSandbox, sandboxFiles } from "./start/paths";
import { startSandbox } from "./start/sandbox";
import { hasWebhookHost } from "./start/webhookHost";

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number, not "${raw}".`);
  return value;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const enforcementAt = args.indexOf("--enforcement");
  const enforcement = enforcementAt >= 0 ? args[enforcementAt + 1] : "sync";
  if (enforcement !== "sync" && enforcement !== "async") throw new Error(`--enforcement is sync or async, not "${enforcement ?? ""}".`);
  const unknown = args.filter((a, i) => a !== "--reset" && a !== "--import-only" && (enforcementAt < 0 || (i !== enforcementAt && i !== enforcementAt + 1)));
  if (unknown.length > 0) throw new Error(`Unknown option(s): ${unknown.join(" ")}. Use --reset, --import-only and/or --enforcement sync|async.`);
  const importOnly = args.includes("--import-only");
  if (importOnly && enforcementAt >= 0) throw new Error("--import-only registers no webhook step: drop --enforcement.");
  // CB2B_SANDBOX_DIR keeps the databases somewhere else than .sandbox/ (a second sandbox, a test).
  const files = sandboxFiles(process.env.CB2B_SANDBOX_DIR ? resolve(process.env.CB2B_SANDBOX_DIR) : undefined);
  const hold = process.env.CB2B_SANDBOX_HOLD_SYSTEM_JOBS || undefined;
  if (hold !== undefined && hold !== "waiting" && hold !== "in-progress") {
    throw new Error(`CB2B_SANDBOX_HOLD_SYSTEM_JOBS is waiting or in-progress, not "${hold}".`);
  }
  if (hold) console.log(`CB2B_SANDBOX_HOLD_SYSTEM_JOBS=${hold} (a test hook): asynchronous hand-offs are held ${hold.replace("-", " ")} and never posted.`);
  if (args.includes("--reset")) {
    const removed = resetSandbox(files);
    console.log(removed.length > 0 ? `--reset: removed ${removed.length} file(s) under ${files.dir}` : "--reset: nothing to remove");
  }
  const customZip = process.env.CB2B_SOLUTION_ZIP ? resolve(process.env.CB2B_SOLUTION_ZIP) : undefined;
  if (customZip && !existsSync(customZip)) throw new Error(`CB2B_SOLUTION_ZIP names ${customZip}, which does not exist.`);
  const dataversePort = port("PORT", 5555);
  const webhookEnabled = !importOnly && hasWebhookHost();
  if (!importOnly && !webhookEnabled) console.log("No `webhook` script in package.json: starting without the plugins-ts host (as --import-only).");
  if (importOnly) console.log("--import-only: the managed solution is imported as the maker portal imports it; no webhook, no step.");
  const sandbox = await startSandbox({
    files,
    port: dataversePort,
    commercePort: port("COMMERCE_PORT", dataversePort + 1),
    host: "127.0.0.1",
    // CB2B_SOLUTION_ZIP imports another managed zip (e.g. a release download) instead of the local build.
    solutionZip: customZip ?? managedSolutionZip,
    webhook: webhookEnabled ? { port: port("WEBHOOK_PORT", dataversePort + 2), enforcement } : false,
    demo: { jobsIntervalMs: 10_000, syncIntervalMs: 2_000 },
    seed: true,
    log: (line) => console.log(line),
    holdSystemJobs: hold,
  });
  const local = (url: string): string => url.replace("127.0.0.1", "localhost");
  console.log("");
  console.log("Commerce B2B onboarding sandbox is running:");
  console.log(`  Start here         ${local(sandbox.dataverseUrl)}/  (links the B2B site, Commerce headquarters and Sales Hub)`);
  console.log(`  B2B site           ${local(new URL(sandbox.commerceUrl).origin)}/signup`);
  console.log(`  Commerce HQ        ${local(new URL(sandbox.commerceUrl).origin)}/hq`);
  console.log(`  Sales Hub          ${local(sandbox.dataverseUrl)}/main.aspx`);
  console.log(`  Dataverse Web API  ${local(sandbox.apiUrl)}  (Authorization: Bearer admin | salesrep | dualwrite)`);
  console.log(`  Commerce HQ API    ${local(sandbox.commerceUrl)}  (POST /signups, /jobs/run-all; GET /prospects, /customers, /hierarchies, /outbox)`);
  if (sandbox.webhookUrl) console.log(`  Webhook host       ${local(sandbox.webhookUrl)}/api/dataverse`);
  console.log(`  Data               ${sandbox.files.dir}  (npm start -- --reset starts over)`);
  console.log("Ctrl+C stops everything.");

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`stopping failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // Started by another process with an IPC channel (a test): stop when that process is gone.
  if (process.send) process.on("disconnect", () => stop("parent process gone"));
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
