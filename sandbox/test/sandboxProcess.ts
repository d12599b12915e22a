/**
 * `npm start` as a child process for tests that kill it: `node --import tsx sandbox/src/cli.ts`, one
 * process (the `tsx` CLI would put a second one in front, and a SIGKILL would reach only that one).
 * Output is collected line by line; tests wait for lines, never for time.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { join } from "node:path";
import { repoRoot } from "../src/start/paths";

export interface SandboxPorts {
  dataverse: number;
  commerce: number;
  webhook: number;
}

export class SandboxProcess {
  /** Every process started and not yet seen to exit: `killAll()` ends them, whatever a failed test left running. */
  private static readonly running = new Set<SandboxProcess>();
  readonly lines: string[] = [];
  private readonly waiters: { check: () => boolean; resolve: () => void; reject: (error: Error) => void; what: string }[] = [];
  private exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  private constructor(
    readonly child: ChildProcess,
    readonly ports: SandboxPorts,
  ) {
    let partial = "";
    const onData = (chunk: Buffer): void => {
      partial += chunk.toString("utf8");
      const complete = partial.split("\n");
      partial = complete.pop() ?? "";
      this.lines.push(...complete);
      this.settle();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    SandboxProcess.running.add(this);
    child.once("exit", (code, signal) => {
      SandboxProcess.running.delete(this);
      if (partial) this.lines.push(partial);
      this.exited = { code, signal };
      this.settle();
      for (const waiter of this.waiters.splice(0)) {
        waiter.reject(new Error(`The sandbox exited (${signal ?? `code ${String(code)}`}) before ${waiter.what}. Its output:\n${this.output}`));
      }
    });
  }

  /** Starts the sandbox on these ports and data folder, and resolves once it says it is running. */
  static async start(dataDir: string, ports: SandboxPorts, env: Record<string, string> = {}): Promise<SandboxProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "sandbox", "src", "cli.ts")], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(ports.dataverse),
        COMMERCE_PORT: String(ports.commerce),
        WEBHOOK_PORT: String(ports.webhook),
        CB2B_SANDBOX_DIR: dataDir,
        CB2B_SANDBOX_HOLD_SYSTEM_JOBS: "",
        ...env,
      },
      // The IPC channel makes the sandbox stop if this test process dies without stopping it.
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    const sandbox = new SandboxProcess(child, ports);
    try {
      await sandbox.waitForLine(/Commerce B2B onboarding sandbox is running/);
    } catch (error) {
      await sandbox.kill("SIGKILL");
      throw error;
    }
    return sandbox;
  }

  /** SIGKILLs every sandbox these tests started that is still running (call it in afterAll). */
  static async killAll(): Promise<void> {
    await Promise.all([...SandboxProcess.running].map((sandbox) => sandbox.kill("SIGKILL")));
  }

  private settle(): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.check()) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  private until(check: () => boolean, what: string): Promise<void> {
    if (check()) return Promise.resolve();
    if (this.exited) return Promise.reject(new Error(`The sandbox had exited before ${what}. Its output:\n${this.output}`));
    return new Promise((resolve, reject) => this.waiters.push({ check, resolve, reject, what }));
  }

  get alive(): boolean {
    return this.exited === null;
  }

  get output(): string {
    return this.lines.join("\n");
  }

  /** The first line (already printed or still to come) matching `pattern`; fails if the process exits first. */
  async waitForLine(pattern: RegExp): Promise<string> {
    await this.until(() => this.lines.some((line) => pattern.test(line)), `it printed ${pattern}`);
    return this.lines.find((line) => pattern.test(line)) as string;
  }

  /** The lines matching `pattern`, once there are at least `count` of them. */
  async waitForLines(pattern: RegExp, count: number): Promise<string[]> {
    const matching = () => this.lines.filter((line) => pattern.test(line));
    await this.until(() => matching().length >= count, `it printed ${count} lines matching ${pattern}`);
    return matching();
  }

  /** Sends the signal and resolves when the process has exited. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill(signal);
    await exited;
  }
}

/** Whether something accepts connections on the port now. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Sends raw bytes as one HTTP request (the HTTP clients normalise request lines, so malformed ones need
 * a socket) and resolves with everything the server wrote before it closed the connection.
 */
export function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // Written, not ended: the request says Connection: close (or is malformed), so the server closes.
    const socket = connect({ port, host: "127.0.0.1" }, () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.once("close", () => resolve(Buffer.concat(chunks).toString("latin1")));
    socket.once("error", (error) => reject(new Error(`${error.message} after ${JSON.stringify(Buffer.concat(chunks).toString("latin1").slice(0, 100))}`)));
  });
}
