import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseRemoteExecutionContext, type RemoteExecutionContext } from "../../../../plugins-ts/src/executionContext";
import { SdkMessageIds, sdkMessageFilterId } from "../storage/seed";

/** A tiny local webhook receiver for the pipeline tests. */
export interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  /** The body as posted, byte for byte. */
  raw: string;
  context: RemoteExecutionContext;
}

export interface ScriptedAnswer {
  status: number;
  body?: unknown;
  /** Answer only after this long (a webhook slower than the platform's timeout). */
  delayMs?: number;
}

/** Answers each delivery with the next scripted answer (then 200), and records what arrived. */
export class Receiver {
  readonly received: Received[] = [];
  answers: ScriptedAnswer[] = [];
  private server!: Server;
  private readonly timers = new Set<NodeJS.Timeout>();
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        this.received.push({ url: req.url ?? "", headers: req.headers, raw, context: parseRemoteExecutionContext(raw) });
        const answer = this.answers.shift() ?? { status: 200, body: { outcome: "applied", message: "" } };
        const reply = () => {
          if (res.destroyed) return;
          res.writeHead(answer.status, { "content-type": "application/json" });
          res.end(JSON.stringify(answer.body ?? {}));
        };
        if (!answer.delayMs) return reply();
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          reply();
        }, answer.delayMs);
        this.timers.add(timer);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/dataverse`;
  }

  stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    // A delayed answer still holds its connection open: close it rather than wait for it.
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The `sdkmessageprocessingsteps` record of a webhook step on `message` of `entity`, posting to the service endpoint. */
export function webhookStepRecord(
  step: { name: string; message: string; entity: string; stage: number; mode: number; endpointId: string },
): Record<string, unknown> {
  return {
    name: step.name,
    stage: step.stage,
    mode: step.mode,
    rank: 1,
    supporteddeployment: 0,
    "sdkmessageid@odata.bind": `/sdkmessages(${SdkMessageIds[step.message]})`,
    "sdkmessagefilterid@odata.bind": `/sdkmessagefilters(${sdkMessageFilterId(step.message, step.entity)})`,
    "eventhandler_serviceendpoint@odata.bind": `/serviceendpoints(${step.endpointId})`,
  };
}
