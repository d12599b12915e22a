/**
 * What the webhook adds to a rep's click, with Dataverse as far away as it really is.
 *
 * The Node host (`npm run webhook`) runs against a stubbed Dataverse (test/stubServer.ts in its own
 * process) that answers every Web API request after `BENCH_DATAVERSE_DELAY_MS` (default 50 ms, a function
 * host's round trip to Dataverse). For each delivery kind (bench/benchScenario.ts) the benchmark reports:
 *
 * - the Web API calls the delivery made, as the webhook's own answer counts them (`dataverse` stats);
 * - p50/p99 latency of the webhook's answer under load (autocannon, loopback) — the time a synchronous
 *   step adds to the rep's Qualify, Close or Disqualify — and the same minus the bare server's;
 * - requests/s, and the ratio to a bare Node server answering 200 with the same body, measured in the
 *   same run just before (each kind has its own pair: the load on a shared machine drifts). For a delivery
 *   that needs no read, the one the ratio goal is about, the pair is measured `BENCH_RATIO_ROUNDS` times
 *   (default 5, `BENCH_DURATION_S` each), bare and host alternating, and the median ratio is reported with
 *   every round's: on a 2-core machine shared with other work one pair's ratio moved between 0.47 and 0.80
 *   while neither server had changed;
 * - on Linux, the CPU time each server spent per request (from /proc): steadier than requests/s on a
 *   machine shared with other work, and what the ratio comes from.
 *
 * Both servers run as shipped code runs: compiled by esbuild with the options `npm run build:webhook` uses
 * for the Azure Functions app, started with plain `node`. (`npm run webhook` runs the sources under tsx,
 * a development loader whose keepNames wrappers cost every closure a defineProperty; the benchmark reports
 * the Node host under tsx too, as `tsxRequestsPerSec`, for the no-read delivery.)
 *
 * Each figure is printed beside its goal from issue 14: 0 Web API requests for a delivery the PreImage
 * decides, at most 1 round trip for a synchronous Commerce one, a throughput ratio of at least 0.5 for a
 * delivery that needs no read.
 *
 * The asynchronous hand-offs (nobody waits on them) are delivered once each and counted, not timed.
 * Every timed request gets a fresh RequestId so that the delivery ledger never answers from memory.
 * Benchmarks measure; they never pass or fail.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { build } from "esbuild";
import { report } from "../../tools/benchReport";
import { handoffs, RequestIdPlaceholder, validations, type BenchDelivery } from "./benchScenario";

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
type Autocannon = (options: { url: string; connections: number; duration: number; requests: AutocannonRequest[] }) => Promise<AutocannonResult>;

// autocannon ships no type declarations; it is loaded through createRequire and typed above.
const load = createRequire(__filename);
const autocannon = load("autocannon") as Autocannon;
const tsxCli = load.resolve("tsx/cli");

const KEY = "bench-webhook-key-0123456789";
const TOKEN = "bench-access-token";
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DELAY_MS = Number(process.env.BENCH_DATAVERSE_DELAY_MS ?? 50);
const RATIO_ROUNDS = Math.max(1, Number(process.env.BENCH_RATIO_ROUNDS ?? 5));

/** `node <args>`: a compiled script, or `[tsxCli, source]` for one run from its sources. */
function start(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  const script = args[args.length - 1];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let buffer = "";
    let found = false;
    child.stdout!.on("data", (chunk: Buffer) => {
      // Keep draining stdout afterwards (the host logs a line per delivery), but stop parsing it.
      if (found) return;
      buffer += chunk.toString();
      const port = /PORT (\d+)|localhost:(\d+)\//.exec(buffer);
      if (port) {
        found = true;
        resolve({ child, port: Number(port[1] ?? port[2]) });
      }
    });
    child.on("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/**
 * The webhook host, its log lines (one per delivery) going to a file: read through a pipe by this
 * process, which also runs autocannon, they would slow both the host (a pipe write blocks on Linux) and
 * the load generator. Resolves once the host printed its port.
 */
async function startHost(args: string[], env: Record<string, string>, logFile: string): Promise<{ child: ChildProcess; port: number }> {
  const script = args[args.length - 1];
  const out = openSync(logFile, "w");
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", out, "inherit"] });
  closeSync(out);
  let exited: number | null | undefined;
  child.on("exit", (code) => (exited = code));
  for (let waited = 0; waited < 30_000; waited += 50) {
    const port = /localhost:(\d+)\//.exec(readFileSync(logFile, "utf8"));
    if (port) return { child, port: Number(port[1]) };
    if (exited !== undefined) break;
    await sleep(50);
  }
  throw new Error(`${script} did not start (exit code ${exited})`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.on("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** A server compiled as `npm run build:webhook` compiles the Azure Functions app: one esbuild bundle for Node 20. */
async function compile(entry: string, outfile: string): Promise<string> {
  await build({ entryPoints: [entry], outfile, bundle: true, platform: "node", target: "node20", format: "cjs", logLevel: "warning" });
  return outfile;
}

/** CPU time (user + system, ms) a process has used so far; null where /proc is not there (not Linux). */
function cpuMs(child: ChildProcess): number | null {
  const stat = `/proc/${child.pid}/stat`;
  if (!existsSync(stat)) return null;
  const fields = readFileSync(stat, "utf8").split(") ")[1].split(" ");
  // utime and stime, in clock ticks (USER_HZ: 100 on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const withRequestId = (body: string): string => body.split(RequestIdPlaceholder).join(randomUUID());

interface Measured extends AutocannonResult {
  /** CPU microseconds the server spent per request answered; null off Linux. */
  cpuMicrosecondsPerRequest: number | null;
}

async function measure(url: string, server: ChildProcess, delivery: Pick<BenchDelivery, "body" | "headers">, headers: Record<string, string>, warm = true): Promise<Measured> {
  const request: AutocannonRequest = {
    method: "POST",
    headers: { "content-type": "application/json", ...delivery.headers, ...headers },
    body: delivery.body,
    setupRequest: (r) => ({ ...r, body: withRequestId(delivery.body) }),
  };
  // Warm up (JIT, connections), then measure.
  if (warm) await autocannon({ url, connections: CONNECTIONS, duration: 1, requests: [request] });
  const before = cpuMs(server);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, requests: [request] });
  const after = cpuMs(server);
  return { ...result, cpuMicrosecondsPerRequest: before === null || after === null ? null : Math.round(((after - before) * 1000) / Math.max(1, result.requests.total)) };
}

interface Answer {
  status: number;
  outcome: string;
  reason?: string;
  requests: number;
  reads: number | string;
  writes: number | string;
}

/** One delivery, and what the webhook's answer says it cost. */
async function deliverOnce(url: string, delivery: BenchDelivery): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...delivery.headers, "x-cb2b-webhook-key": KEY },
    body: withRequestId(delivery.body),
  });
  const json = (await response.json()) as { outcome: string; reason?: string; dataverse?: { requests: number; reads?: number; writes?: number } };
  return {
    status: response.status,
    outcome: json.outcome,
    reason: json.reason,
    requests: json.dataverse?.requests ?? -1,
    // Older answers counted requests only.
    reads: json.dataverse?.reads ?? "n/a",
    writes: json.dataverse?.writes ?? "n/a",
  };
}


const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

/** The middle value (the mean of the two middle ones for an even count). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

interface Pair {
  baseline: Measured;
  result: Measured;
  ratio: number;
}

/**
 * The bare server, then the host, `rounds` times (warmed up once): each round's ratio compares two runs
 * made moments apart, and the median of the rounds is what one figure can stand for on a shared machine.
 */
async function pairs(rounds: number, bareUrl: string, bare: ChildProcess, hostUrl: string, host: ChildProcess, kind: BenchDelivery): Promise<Pair[]> {
  const measured: Pair[] = [];
  for (let i = 0; i < rounds; i++) {
    const baseline = await measure(bareUrl, bare, kind, {}, i === 0);
    const result = await measure(hostUrl, host, kind, { "x-cb2b-webhook-key": KEY }, i === 0);
    measured.push({ baseline, result, ratio: result.requests.average / baseline.requests.average });
  }
  return measured;
}

/** The round whose ratio is the median (the lower middle one for an even count), for its other figures. */
function medianPair(measured: Pair[]): Pair {
  const sorted = [...measured].sort((a, b) => a.ratio - b.ratio);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Issue 14's goal for a delivery's Web API requests: none when the PreImage decides, one round trip for a synchronous step that must read. */
function requestsGoal(kind: BenchDelivery, requests: number): { goal: string; met: boolean } {
  return kind.decidedByImage ? { goal: "0", met: requests === 0 } : { goal: "≤ 1", met: requests <= 1 };
}

const within = (met: boolean): string => (met ? "yes" : "no");

async function main(): Promise<void> {
  const here = __dirname;
  const dataverse = await start([tsxCli, join(here, "stubDataverse.process.ts")], { DATAVERSE_ACCESS_TOKEN: TOKEN, BENCH_DATAVERSE_DELAY_MS: String(DELAY_MS) });
  const logs = mkdtempSync(join(tmpdir(), "cb2b-bench-"));
  const hostEnv = { PORT: "0", DATAVERSE_URL: `http://127.0.0.1:${dataverse.port}`, DATAVERSE_ACCESS_TOKEN: TOKEN, CB2B_WEBHOOK_KEY: KEY };
  const hostSource = join(here, "..", "src", "hosts", "node.ts");
  const webhook = await startHost([await compile(hostSource, join(logs, "node-host.js"))], hostEnv, join(logs, "webhook.log"));
  const bare = await start([await compile(join(here, "bareServer.process.ts"), join(logs, "bare-server.js"))]);
  const webhookUrl = `http://127.0.0.1:${webhook.port}/api/dataverse`;
  const common = `${CONNECTIONS} connections, ${DURATION_S} s, loopback, stub Dataverse answering each request after ${DELAY_MS} ms; both servers compiled as npm run build:webhook compiles, run with node`;
  try {
    // Each kind is paired with a run of the bare server just before it: on a shared machine the load
    // around a run changes, and the ratio compares runs made under the same.
    for (const kind of validations()) {
      const answer = await deliverOnce(webhookUrl, kind);
      // The ratio goal is about the deliveries that need no read: those get several rounds.
      const measured = await pairs(answer.requests === 0 ? RATIO_ROUNDS : 1, `http://127.0.0.1:${bare.port}/`, bare.child, webhookUrl, webhook.child, kind);
      const { baseline, result } = medianPair(measured);
      const ratio = round(median(measured.map((p) => p.ratio)), 3);
      const requests = requestsGoal(kind, answer.requests);
      const metrics: Record<string, number | string> = {
        outcome: `${answer.status} ${answer.outcome}${answer.reason ? ` (${answer.reason})` : ""}`,
        webApiRequests: answer.requests,
        webApiRequestsGoal: requests.goal,
        webApiRequestsWithinGoal: within(requests.met),
        webApiReads: answer.reads,
        webApiWrites: answer.writes,
        latencyP50Ms: result.latency.p50,
        latencyP99Ms: result.latency.p99,
        addedP50Ms: round(result.latency.p50 - baseline.latency.p50),
        addedP99Ms: round(result.latency.p99 - baseline.latency.p99),
        requestsPerSec: Math.round(result.requests.average),
        bareRequestsPerSec: Math.round(baseline.requests.average),
        throughputRatio: ratio,
      };
      if (measured.length > 1) {
        metrics.throughputRatioRounds = measured.map((p) => round(p.ratio, 2)).join(" ");
        metrics.requestsPerSecRounds = measured.map((p) => Math.round(p.result.requests.average)).join(" ");
        metrics.bareRequestsPerSecRounds = measured.map((p) => Math.round(p.baseline.requests.average)).join(" ");
      }
      if (answer.requests === 0) {
        // Only a delivery that needs no read can be compared with a server that does nothing: the others wait on Dataverse.
        metrics.throughputRatioGoal = "≥ 0.5";
        metrics.throughputRatioWithinGoal = within(ratio >= 0.5);
      }
      // CPU per request says what the host itself costs only where it does not wait: with 50 ms reads, its
      // idle background divided by a few hundred requests would read as a cost of each.
      if (answer.requests === 0 && result.cpuMicrosecondsPerRequest !== null) metrics.hostCpuMicrosecondsPerRequest = result.cpuMicrosecondsPerRequest;
      if (answer.requests === 0 && baseline.cpuMicrosecondsPerRequest !== null) metrics.bareCpuMicrosecondsPerRequest = baseline.cpuMicrosecondsPerRequest;
      metrics.non2xx = result.non2xx;
      metrics.errors = result.errors + result.timeouts;
      report(
        `plugins-ts webhook @${DELAY_MS} ms/request [${kind.group}] ${kind.kind}`,
        metrics,
        `${common}; Web API calls as the webhook's answer counts them (a $batch is one); added = the webhook's latency minus the bare Node server's (same body, run just before); throughputRatio = requests/s over the bare server's${measured.length > 1 ? `, the median of ${measured.length} rounds (bare then host, each round; the other figures are the median round's)` : ""}; CPU per request from /proc`,
      );
    }
    // The same no-read delivery through the Node host as `npm run webhook` runs it (tsx, from the sources).
    // `node --import tsx`: the loader tsx's CLI uses, in this one process (its CLI would run the host in a child).
    const tsxHost = await startHost(["--import", "tsx", hostSource], hostEnv, join(logs, "webhook-tsx.log"));
    try {
      const [first] = validations();
      const baseline = await measure(`http://127.0.0.1:${bare.port}/`, bare.child, first, {});
      const result = await measure(`http://127.0.0.1:${tsxHost.port}/api/dataverse`, tsxHost.child, first, { "x-cb2b-webhook-key": KEY });
      report(
        `plugins-ts webhook [${first.group}] ${first.kind}, Node host run by tsx (npm run webhook)`,
        {
          tsxRequestsPerSec: Math.round(result.requests.average),
          bareRequestsPerSec: Math.round(baseline.requests.average),
          throughputRatio: round(result.requests.average / baseline.requests.average, 3),
          latencyP50Ms: result.latency.p50,
          latencyP99Ms: result.latency.p99,
          ...(result.cpuMicrosecondsPerRequest !== null ? { hostCpuMicrosecondsPerRequest: result.cpuMicrosecondsPerRequest } : {}),
        },
        `${common.replace(/; both servers.*$/, "")}; the development loader, for comparison with the compiled host above (the goal is read on that one)`,
      );
    } finally {
      await stop(tsxHost.child);
    }
    for (const kind of handoffs()) {
      const first = await deliverOnce(webhookUrl, kind);
      const replay = await deliverOnce(webhookUrl, kind);
      report(
        `plugins-ts webhook [${kind.group}] ${kind.kind} (asynchronous, counted once)`,
        {
          outcome: `${first.status} ${first.outcome}${first.reason ? ` (${first.reason})` : ""}`,
          webApiRequests: first.requests,
          webApiReads: first.reads,
          webApiWrites: first.writes,
          replayOutcome: `${replay.status} ${replay.outcome}`,
          replayWebApiRequests: replay.requests,
        },
        "one delivery that writes, then the same transition delivered again under another RequestId (finds nothing to write)",
      );
    }
  } finally {
    await Promise.all([stop(webhook.child), stop(dataverse.child), stop(bare.child)]);
    rmSync(logs, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
