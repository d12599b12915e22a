import { listening } from "../../test/sandboxProcess";
import { startWebhookHost, type WebhookHost } from "./webhookHost";

/** The sandbox supervises the plugins-ts host it starts: a host that dies is started again, and says so. */
describe("the webhook host the sandbox starts", () => {
  const KEY = "supervised-webhook-key-0123456789";
  let host: WebhookHost | undefined;
  let log: string[];
  let port: number;
  beforeEach(async () => {
    log = [];
    // Port 0: the host listens where the system lets it and reports the port (restarts keep it).
    host = await startWebhookHost({ port: 0, dataverseUrl: "http://127.0.0.1:9", accessToken: "unused", webhookKey: KEY, log: (line) => log.push(line) });
    port = Number(new URL(host.url).port);
    expect(port).toBeGreaterThan(0);
  });
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  const health = () => fetch(`http://127.0.0.1:${port}/api/health`, { headers: { "x-cb2b-webhook-key": KEY } });

  it("is restarted on the same port with the same key after it is killed, and the restart is logged", async () => {
    const running = host as WebhookHost;
    const first = running.pid();
    expect((await health()).status).toBe(200);
    const restarted = new Promise<number | undefined>((resolve) => running.onRestart(resolve));
    process.kill(first as number, "SIGKILL");
    const second = await restarted;
    expect(second).toEqual(expect.any(Number));
    expect(second).not.toBe(first);
    expect(running.pid()).toBe(second);
    expect((await health()).status).toBe(200);
    expect(log).toEqual(
      expect.arrayContaining([
        `[webhook] the webhook host (pid ${String(first)}) stopped (signal SIGKILL); restarting it`,
        `[webhook] restarted the webhook host (pid ${String(second)}) on http://127.0.0.1:${port}`,
      ]),
    );
  });

  it("is not restarted once the sandbox closes it", async () => {
    const running = host as WebhookHost;
    let restarts = 0;
    running.onRestart(() => restarts++);
    await running.close();
    host = undefined;
    expect(await listening(port)).toBe(false);
    expect(restarts).toBe(0);
    expect(log.filter((line) => line.includes("restart"))).toEqual([]);
  });
});
