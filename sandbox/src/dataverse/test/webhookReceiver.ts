import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseRemoteExecutionContext, type RemoteExecutionContext } from "../../../../plugins-ts/src/executionContext";

/** A tiny local webhook receiver for the pipeline tests. */
export interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  context: RemoteExecutionContext;
}

/** Answers each delivery with the next scripted answer (then 200), and records what arrived. */
export class Receiver {
  readonly received: Received[] = [];
  answers: { status: number; body?: unknown }[] = [];
  private server!: Server;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        this.received.push({ url: req.url ?? "", headers: req.headers, context: parseRemoteExecutionContext(Buffer.concat(chunks).toString("utf8")) });
        const answer = this.answers.shift() ?? { status: 200, body: { outcome: "applied", message: "" } };
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(JSON.stringify(answer.body ?? {}));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/dataverse`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
