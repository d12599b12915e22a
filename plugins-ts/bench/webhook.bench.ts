/**
 * Throughput and latency of the Node webhook host (`npm run webhook`) on loopback, measured with
 * autocannon, against a bare Node HTTP server answering 200 in the same run.
 *
 * Each request is a synchronous WinOpportunity validation (the path a rep waits on): the host
 * authenticates, parses the RemoteExecutionContext and reads opportunity, lead, account and contact
 * from a stubbed Dataverse (the test Web API stub, in its own process). Every request gets a fresh
 * RequestId so that the delivery ledger does not answer from memory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

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
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;

// autocannon ships no type declarations; it is loaded through createRequire and typed above.
const load = createRequire(__filename);
const autocannon = load("autocannon") as Autocannon;
const tsxCli = load.resolve("tsx/cli");

const KEY = "bench-webhook-key-0123456789";
const TOKEN = "bench-access-token";
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = 10;

function start(script: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [tsxCli, script], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const port = /PORT (\d+)|localhost:(\d+)\//.exec(buffer);
      // Keep draining stdout afterwards (the host logs a line per delivery), but stop parsing it.
      if (port && buffer !== "") {
        buffer = "";
        resolve({ child, port: Number(port[1] ?? port[2]) });
      }
    });
    child.on("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.on("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

async function measure(url: string, body: string, headers: Record<string, string>): Promise<AutocannonResult> {
  const request: AutocannonRequest = {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    setupRequest: (r) => ({ ...r, body: body.replace("REQUEST-ID", randomUUID()) }),
  };
  // Warm up (JIT, connections), then measure.
  await autocannon({ url, connections: CONNECTIONS, duration: 1, requests: [request] });
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, requests: [request] });
}

function report(name: string, result: AutocannonResult, notes: string): void {
  const metrics = {
    requestsPerSec: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  console.log(`BENCH ${JSON.stringify({ name, metrics, notes })}`);
}

async function main(): Promise<void> {
  const here = __dirname;
  const body = readFileSync(join(here, "..", "test", "fixtures", "winOpportunity.validate.json"), "utf8").replace(
    /"RequestId":"[^"]+"/,
    '"RequestId":"REQUEST-ID"',
  );
  const dataverse = await start(join(here, "stubDataverse.process.ts"), { DATAVERSE_ACCESS_TOKEN: TOKEN });
  const webhook = await start(join(here, "..", "src", "hosts", "node.ts"), {
    PORT: "0",
    DATAVERSE_URL: `http://127.0.0.1:${dataverse.port}`,
    DATAVERSE_ACCESS_TOKEN: TOKEN,
    CB2B_WEBHOOK_KEY: KEY,
  });
  const bare = await start(join(here, "bareServer.process.ts"));
  try {
    const common = `${CONNECTIONS} connections, ${DURATION_S} s, loopback`;
    const hosted = await measure(`http://127.0.0.1:${webhook.port}/api/dataverse`, body, { "x-cb2b-webhook-key": KEY });
    report("plugins-ts webhook: Node host, sync WinOpportunity, stubbed Dataverse", hosted, `${common}; 4 Web API reads per request`);
    const baseline = await measure(`http://127.0.0.1:${bare.port}/`, body, {});
    report("plugins-ts webhook: bare Node HTTP server answering 200", baseline, common);
    console.log(
      `BENCH ${JSON.stringify({
        name: "plugins-ts webhook: host vs bare server",
        metrics: {
          throughputRatio: Number((hosted.requests.average / baseline.requests.average).toFixed(3)),
          p50LatencyRatio: Number((hosted.latency.p50 / Math.max(baseline.latency.p50, 1)).toFixed(2)),
        },
        notes: "requests/s of the webhook host divided by the bare server's; same machine, same run",
      })}`,
    );
  } finally {
    await Promise.all([stop(webhook.child), stop(dataverse.child), stop(bare.child)]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
