import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { DataverseStore } from "../../test/dataverseStore";
import { fixture, Ids, seedLead } from "../../test/scenario";
import { startStubDataverse, type StubDataverse } from "../../test/stubServer";

const KEY = "node-host-test-key-0123456789";
const TOKEN = "node-host-test-token";

/** Runs `plugins-ts/src/hosts/node.ts` (what `npm run webhook` runs) the way the sandbox does. */
function startHost(env: Record<string, string>): { child: ChildProcess; output: () => string; listening: Promise<number>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [require.resolve("tsx/cli"), join(__dirname, "node.ts")], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const listening = new Promise<number>((resolve, reject) => {
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on http:\/\/localhost:(\d+)\/api\/dataverse/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    void exited.then((code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  // A host that is expected to fail never listens; that rejection is not an error then.
  listening.catch(() => undefined);
  return { child, output: () => output, listening, exited };
}

describe("npm run webhook (Node host entry point)", () => {
  let stub: StubDataverse;
  let store: DataverseStore;
  beforeAll(async () => {
    store = new DataverseStore();
    seedLead(store, { statecode: 2 });
    stub = await startStubDataverse(store, TOKEN);
  });
  afterAll(() => stub.close());

  it("starts from environment variables with a static token, serves POST /api/dataverse and stops on SIGTERM", async () => {
    const host = startHost({ PORT: "0", DATAVERSE_URL: stub.url, DATAVERSE_ACCESS_TOKEN: TOKEN, CB2B_WEBHOOK_KEY: KEY });
    const port = await host.listening;
    expect(host.output()).toContain(`(Dataverse ${stub.url}, static token (DATAVERSE_ACCESS_TOKEN))`);
    const response = await fetch(`http://127.0.0.1:${port}/api/dataverse`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-cb2b-webhook-key": KEY },
      body: fixture("leadUpdate.handoff.json"),
    });
    expect(response.status).toBe(200);
    expect(store.get("leads", Ids.lead)?.msdyn_b2bprospectstatus).toBe(192350002);
    host.child.kill("SIGTERM");
    await expect(host.exited).resolves.toBe(0);
    // One JSON line per delivery, without the key or the token.
    expect(host.output()).toMatch(/"event":"webhook.delivery"/);
    expect(host.output()).not.toContain(KEY);
    expect(host.output()).not.toContain(TOKEN);
  });

  it("refuses to start without its configuration and says what is missing", async () => {
    const host = startHost({ PORT: "0" });
    await expect(host.exited).resolves.toBe(1);
    expect(host.output()).toMatch(/DATAVERSE_URL is not set[\s\S]*CB2B_WEBHOOK_KEY[\s\S]*DATAVERSE_ACCESS_TOKEN/);
  });
});
