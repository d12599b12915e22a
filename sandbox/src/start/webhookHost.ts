import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { repoRoot } from "./paths";

export interface WebhookHostOptions {
  /**
   * The port to listen on. 0: a free one the system picks, which the host reports over its IPC channel
   * (a `tsx` webhook script); restarts keep it. A port picked beforehand and handed over can be taken by
   * another process in between, which is why tests use 0.
   */
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
  /** e.g. `http://127.0.0.1:7071`: the port the host listens on (the one it reported when started on 0). */
  url: string;
  /** The process id of the host running now (a restarted host has a new one). */
  pid(): number | undefined;
  /** Calls `listener` with the new process id each time a crashed host has been restarted and listens again. */
  onRestart(listener: (pid: number | undefined) => void): void;
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
 * The command behind `npm run webhook`. A `tsx <file>` script runs as `node --import tsx <file>`: one
 * process that is the host itself, so the sandbox owns it, sees it die and can stop it (the `tsx` CLI
 * would put a second process between them). It gets an IPC channel: it says when it listens, and it
 * exits when the channel closes because the sandbox is gone. Anything else goes through npm.
 */
export function webhookCommand(): { command: string; args: string[]; ipc: boolean } {
  const script = webhookScript();
  if (!script) throw new Error('package.json has no "webhook" script: the plugins-ts host is not available.');
  const tsxFile = /^tsx\s+(\S+)$/.exec(script.trim());
  if (tsxFile) return { command: process.execPath, args: ["--import", "tsx", tsxFile[1]], ipc: true };
  return { command: process.platform === "win32" ? "npm.cmd" : "npm", args: ["run", "--silent", "webhook"], ipc: false };
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

const exitText = (code: number | null, signal: NodeJS.Signals | null): string => (signal ? `signal ${signal}` : `exit code ${String(code)}`);

/** After a restart that failed, wait this long before the next one: 0.5 s, 1 s, 2 s … at most 30 s. */
const restartDelayMs = (failures: number): number => Math.min(30_000, 500 * 2 ** (failures - 1));

/**
 * Starts the plugins-ts Node host as a child process, waits until it listens, and supervises it: a host
 * that dies while the sandbox runs (a crash, a kill) is started again on the same port with the same
 * key, and both the death and the restart are logged. Closing the sandbox stops it for good.
 */
export async function startWebhookHost(options: WebhookHostOptions): Promise<WebhookHost> {
  const { command, args, ipc } = webhookCommand();
  // Through npm the host cannot say which port it got: it needs one given.
  if (options.port === 0 && !ipc) throw new Error("The webhook host needs a fixed port when it runs through npm (no IPC channel to report a free one).");
  let port = options.port;
  const where = (): string => (port === 0 ? "" : ` on port ${port}`);
  const restartListeners: ((pid: number | undefined) => void)[] = [];
  let closing = false;
  let wakeUp: (() => void) | null = null;

  function spawnHost(): ChildProcess {
    const child = spawn(command, args, {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        DATAVERSE_URL: options.dataverseUrl,
        DATAVERSE_ACCESS_TOKEN: options.accessToken,
        CB2B_WEBHOOK_KEY: options.webhookKey,
      },
      stdio: ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
    });
    const prefix = (chunk: Buffer): void => {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) options.log(`[webhook] ${line}`);
    };
    child.stdout?.on("data", prefix);
    child.stderr?.on("data", prefix);
    // A spawn failure (no such command) surfaces as an exit below, not as an unhandled error.
    child.on("error", (error) => options.log(`[webhook] ${error.message}`));
    return child;
  }

  /**
   * Resolves with the port when the host listens: it says so (and where) over IPC, or (through npm) its
   * port accepts connections.
   */
  async function listening(child: ChildProcess): Promise<number> {
    const timeoutMs = options.startTimeoutMs ?? 30_000;
    if (ipc) {
      return new Promise<number>((resolve, reject) => {
        const finish = (error: Error | null, listeningOn = 0): void => {
          clearTimeout(timer);
          child.off("message", onMessage);
          child.off("exit", onExit);
          if (error) reject(error);
          else resolve(listeningOn);
        };
        const onMessage = (message: unknown): void => {
          const said = message as { event?: unknown; port?: unknown } | null;
          if (said?.event === "listening" && typeof said.port === "number") finish(null, said.port);
        };
        const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
          finish(new Error(`The webhook host exited (${exitText(code, signal)}) before it started listening${where()}.`));
        const timer = setTimeout(() => finish(new Error(`The webhook host did not listen${where()} in time.`)), timeoutMs);
        child.on("message", onMessage);
        child.once("exit", onExit);
      });
    }
    const deadline = Date.now() + timeoutMs;
    // Startup polling (never in tests): through npm the host has no channel to say it is ready.
    while (!(await canConnect(port))) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`The webhook host exited (${exitText(child.exitCode, child.signalCode)}) before it started listening.`);
      }
      if (Date.now() > deadline) throw new Error(`The webhook host did not listen${where()} in time.`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return port;
  }

  async function stop(child: ChildProcess): Promise<void> {
    child.kill("SIGTERM");
    if (!(await waitForExit(child, 5000))) {
      child.kill("SIGKILL");
      await waitForExit(child, 5000);
    }
  }

  let current = spawnHost();
  try {
    // Restarts listen where the first host did.
    port = await listening(current);
  } catch (error) {
    await stop(current);
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;

  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function restart(): Promise<void> {
    let failures = 0;
    while (!closing) {
      if (failures > 0) {
        const delay = restartDelayMs(failures);
        options.log(`[webhook] the restart failed; trying again in ${delay / 1000} s`);
        await pause(delay);
        if (closing) return;
      }
      current = spawnHost();
      try {
        await listening(current);
      } catch (error) {
        failures++;
        options.log(`[webhook] ${(error as Error).message}`);
        if (current.exitCode === null && current.signalCode === null) await stop(current);
        continue;
      }
      if (closing) return;
      options.log(`[webhook] restarted the webhook host (pid ${String(current.pid)}) on ${url}`);
      supervise(current);
      for (const listener of restartListeners) listener(current.pid);
      return;
    }
  }

  function supervise(child: ChildProcess): void {
    child.once("exit", (code, signal) => {
      if (closing) return;
      options.log(`[webhook] the webhook host (pid ${String(child.pid)}) stopped (${exitText(code, signal)}); restarting it`);
      void restart();
    });
  }
  supervise(current);

  return {
    url,
    pid: () => current.pid,
    onRestart: (listener) => {
      restartListeners.push(listener);
    },
    close: async () => {
      closing = true;
      wakeUp?.();
      await stop(current);
    },
  };
}
