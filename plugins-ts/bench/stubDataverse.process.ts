/**
 * Child process for the webhook benchmark: the local Web API stub (test/stubServer.ts) over the records
 * of bench/benchScenario.ts, answering every request after `BENCH_DATAVERSE_DELAY_MS` (default 50 ms: a
 * function host's round trip to Dataverse in the same region). Prints `PORT <n>` when listening; stops on
 * SIGTERM.
 */
import { DataverseStore } from "../test/dataverseStore";
import { startStubDataverse } from "../test/stubServer";
import { seedBench } from "./benchScenario";

async function main(): Promise<void> {
  const store = new DataverseStore();
  seedBench(store);
  const delayMs = Number(process.env.BENCH_DATAVERSE_DELAY_MS ?? 50);
  const stub = await startStubDataverse(store, process.env.DATAVERSE_ACCESS_TOKEN ?? "", { delayMs });
  // The stub remembers every request for tests; the benchmark must not grow without bound.
  setInterval(() => {
    stub.requests.length = 0;
    store.reads.length = 0;
    store.writes.length = 0;
  }, 1000).unref();
  process.stdout.write(`PORT ${new URL(stub.url).port}\n`);
  process.on("SIGTERM", () => void stub.close().then(() => process.exit(0)));
}

void main();
