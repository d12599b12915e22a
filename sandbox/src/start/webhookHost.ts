import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { repoRoot } from "./paths";

export interface WebhookHostOptions {
  port: number;
  /** The Dataverse organization URL the handlers call back (`DATAVERSE_URL`). */
  dataverseUrl: string;
  /** Static bearer token for those calls (`DATAVERSE_ACCESS_TOKEN`). */
  accessToken: string;
  /** The key the service endpoint sends and the host checks (`CB2B_WEBHOOK_KEY`). */
  webhookKey: string;
  log: (line: string) => void;
  /** How long to wait for the host to accept connections. */
  startTimeoutMs?: number;
}

export interface WebhookHost {
  /** e.g. `http://127.0.0.1:7071` */
  url: string;
  close(): Promise<void>;
}

function webhookScript(): string | undefined {
  const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  return pkg.scripts?.webhook;
}

/** Whether the repository has the plugins-ts host (`npm run webhook`). */
export function hasWebhookHost(): boolean {
  return webhookScript() !== undefined;
}

/**
 * The command behind `npm run webhook`. A `tsx <file>` script is run as `node tsx/cli <file>` so
 * the sandbox owns the host's process and can stop it; anything else goes through npm.
 */
export function webhookCommand(): { command: string; args: string[] } {
  const script = webhookScript();
  if (!script) throw new Error('package.json has no "webhook" script: the plugins-ts host is not available.');
  const tsxFile = /^tsx\s+(\S+)$/.exec(script.trim());
  if (tsxFile) return { command: process.execPath, args: [require.resolve("tsx/cli"), tsxFile[1]] };
  return { command: process.platform === "win32" ? "npm.cmd" : "npm", args: ["run", "--silent", "webhook"] };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts the plugins-ts Node host as a child process and waits until it accepts connections. */
export async function startWebhookHost(options: WebhookHostOptions): Promise<WebhookHost> {
  const { command, args } = webhookCommand();
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(options.port),
      DATAVERSE_URL: options.dataverseUrl,
      DATAVERSE_ACCESS_TOKEN: options.accessToken,
      CB2B_WEBHOOK_KEY: options.webhookKey,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = (chunk: Buffer): void => {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) options.log(`[webhook] ${line}`);
  };
  child.stdout?.on("data", prefix);
  child.stderr?.on("data", prefix);

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  // Startup polling (never in tests): the host prints no machine-readable ready signal.
  while (!(await canConnect(options.port))) {
    if (child.exitCode !== null) throw new Error(`The webhook host exited with code ${child.exitCode} before it started listening.`);
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`The webhook host did not listen on port ${options.port} in time.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `http://127.0.0.1:${options.port}`,
    close: async () => {
      child.kill("SIGTERM");
      if (!(await waitForExit(child, 5000))) {
        child.kill("SIGKILL");
        await waitForExit(child, 5000);
      }
    },
  };
}
