/**
 * `npm run webhook`: the webhook on a plain Node HTTP server, for local use, the offline sandbox and
 * tests. Configuration from environment variables (see webhook/config.ts and plugins-ts/README.md).
 */
import type { AddressInfo } from "node:net";
import { ConfigurationError, createDependencies, readConfig } from "../webhook/config";
import { createWebhookServer, WebhookPath } from "./nodeServer";

function main(): void {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const port = Number(process.env.PORT ?? 7071);
  const server = createWebhookServer(createDependencies(config));
  server.once("error", (error: NodeJS.ErrnoException) => {
    process.stderr.write(
      error.code === "EADDRINUSE" ? `Port ${port} is already in use: the webhook cannot listen there.\n` : `The webhook cannot listen: ${error.message}\n`,
    );
    process.exit(1);
  });
  server.listen(port, () => {
    const address = server.address() as AddressInfo;
    process.stdout.write(
      `Commerce B2B webhook listening on http://localhost:${address.port}${WebhookPath} (Dataverse ${config.dataverseUrl}, ${config.authentication})\n`,
    );
    // Started by the sandbox (with an IPC channel): tell it, so that it knows this process is the one listening.
    process.send?.({ event: "listening", port: address.port });
  });
  const stop = (): void => {
    server.close(() => process.exit(0));
    // Deliveries in progress get a few seconds; idle keep-alive connections are closed now.
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // The channel closes when the process that started this host is gone (killed, even with SIGKILL):
  // stop too, rather than keep the port as an orphan nobody supervises.
  if (process.send) process.on("disconnect", stop);
}

main();
