import { createServer } from "node:net";

/**
 * A port nothing listens on right now, for a test that must know its ports before it starts (a sandbox
 * restarted on the same ones). Another process may take it before the test listens on it: where the port
 * need not be known beforehand, listen on 0 (the webhook host reports the port it got).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
