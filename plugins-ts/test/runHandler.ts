import type { RemoteExecutionContext } from "../src/executionContext";
import { Handlers, type Outcome } from "../src/handlers";
import { inMemoryClient, type DataverseStore } from "./dataverseStore";

/** The moment every handler test runs at. */
export const TestNow = new Date("2026-11-25T19:30:00Z");

/** One step's handler against the in-memory Dataverse, as the host calls it. */
export function runHandler(store: DataverseStore, handler: keyof typeof Handlers, context: RemoteExecutionContext, trimmed = false): Promise<Outcome> {
  return Handlers[handler]({ context, trimmed, dataverse: inMemoryClient(store), now: () => TestNow });
}
