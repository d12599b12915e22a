/**
 * Child process for the webhook benchmark: the local Web API stub with a Commerce B2B lead whose
 * customers are already in Commerce. Prints `PORT <n>` when listening; stops on SIGTERM.
 */
import { DataverseStore } from "../test/dataverseStore";
import { seedInCommerce, seedLead } from "../test/scenario";
import { startStubDataverse } from "../test/stubServer";

async function main(): Promise<void> {
  const store = new DataverseStore();
  seedLead(store);
  seedInCommerce(store);
  const stub = await startStubDataverse(store, process.env.DATAVERSE_ACCESS_TOKEN ?? "");
  // The stub remembers every request for tests; the benchmark must not grow without bound.
  setInterval(() => {
    stub.requests.length = 0;
    store.reads.length = 0;
  }, 1000).unref();
  process.stdout.write(`PORT ${new URL(stub.url).port}\n`);
  process.on("SIGTERM", () => void stub.close().then(() => process.exit(0)));
}

void main();
