import type { DataverseCallStats, DataverseClientFactory } from "../dataverse/client";
import { DataverseError } from "../dataverse/errors";
import {
  ExecutionContextError,
  normalizeGuid,
  parseRemoteExecutionContext,
  readWebhookHeaders,
  type RemoteExecutionContext,
} from "../executionContext";
import { Handlers, UnprocessableDeliveryError, type Change, type Outcome } from "../handlers";
import { findStep, stepName, type StepRegistration } from "../registration/steps";
import { isAuthorized, presentedKeys } from "./auth";
import type { DeliveryLedger } from "./deliveryLedger";
import { silentLogger, type Logger } from "./logger";

/** A webhook request as both hosts see it. */
export interface WebhookRequest {
  method: string;
  /** Case-insensitive header lookup. */
  header: (name: string) => string | null | undefined;
  query: URLSearchParams;
  body: string;
}

/** The JSON the webhook answers with. Dataverse itself only looks at the status code; people and logs read the rest. */
export interface WebhookAnswer {
  outcome: Outcome["kind"] | "unauthorized" | "badRequest" | "failed";
  /** For a refusal, the user-facing text in the user's language. */
  message: string;
  reason?: string;
  changes?: Change[];
  step?: { id: string; name: string };
  delivery?: { key: string | null; duplicate: boolean };
  dataverse?: DataverseCallStats;
}

export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface WebhookDependencies {
  webhookKey: string;
  dataverse: DataverseClientFactory;
  ledger: DeliveryLedger<Delivered>;
  log?: Logger;
  now?: () => number;
  /** Time the handlers may use, Dataverse retries included. Dataverse waits 60 s; this leaves room to answer. */
  budgetMs?: number;
}

/**
 * A finished delivery as the ledger remembers it: flat, its answer already JSON. The ledger keeps up to
 * 10,000 for 15 minutes, and the garbage collector walks every object they hold on every full collection:
 * kept as answer objects they cost a busy host a third of its throughput (issue 14: `npm run bench`).
 */
export interface Delivered {
  status: number;
  /** The answer as JSON, without `delivery` (which says, per arrival, whether it was a duplicate). */
  json: string;
  /** What the log line says of it. */
  outcome: WebhookAnswer["outcome"];
  reason?: string;
  /** Why nothing was done (ids and state numbers only); a refusal's text is the user's and is not kept here. */
  detail?: string;
  retries?: number;
  /** Decided without a Dataverse request: the ledger does not keep it (deliveryLedger.ts). */
  costFree?: boolean;
}

function delivered(status: number, answer: WebhookAnswer): Delivered {
  const result: Delivered = { status, json: JSON.stringify(answer), outcome: answer.outcome, retries: answer.dataverse?.retries };
  if (answer.dataverse && answer.dataverse.requests === 0) result.costFree = true;
  if (answer.reason) result.reason = answer.reason;
  if (answer.outcome === "notApplicable" || answer.outcome === "unchanged") result.detail = answer.message;
  return result;
}

export const DefaultBudgetMs = 50_000;

/**
 * Largest body a host accepts. Dataverse trims the context above 256 KB (and says so in a header), so a
 * bigger body is not from Dataverse.
 */
export const MaxBodyBytes = 1024 * 1024;

const json = (status: number, answer: WebhookAnswer, extraHeaders: Record<string, string> = {}): WebhookResponse => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", ...extraHeaders },
  body: JSON.stringify(answer),
});

/** Status codes: a refusal must not be 502/503/504, which Dataverse would retry. */
function statusFor(outcome: Outcome): number {
  return outcome.kind === "refused" ? 409 : 200;
}

/**
 * The key a repeated delivery shares with the first one: the step, the request (RequestId, or the
 * OperationId the platform gives each execution, which its retries keep) and the record.
 */
export function deliveryKey(step: StepRegistration, context: RemoteExecutionContext): string | null {
  const request = normalizeGuid(context.requestId) ?? normalizeGuid(context.operationId);
  return request === null ? null : `${step.id}:${request}:${normalizeGuid(context.primaryEntityId) ?? "-"}`;
}

async function runStep(step: StepRegistration, context: RemoteExecutionContext, trimmed: boolean, deps: WebhookDependencies): Promise<Delivered> {
  const now = deps.now ?? Date.now;
  const dataverse = deps.dataverse.forDelivery(now() + (deps.budgetMs ?? DefaultBudgetMs));
  const stepInfo = { id: step.id, name: stepName(step) };
  try {
    const outcome = await Handlers[step.handler]({ context, trimmed, dataverse, now: () => new Date(now()) });
    const answer: WebhookAnswer = { outcome: outcome.kind, message: outcome.message, step: stepInfo, dataverse: dataverse.stats };
    // A refusal's reason, or why a hand-off found nothing to do (a stale or forged delivery).
    if ("reason" in outcome && outcome.reason) answer.reason = outcome.reason;
    if (outcome.kind === "applied") answer.changes = outcome.changes;
    return delivered(statusFor(outcome), answer);
  } catch (error) {
    const failed = (status: number, message: string, outcome: WebhookAnswer["outcome"] = "failed"): Delivered =>
      delivered(status, { outcome, message, step: stepInfo, dataverse: dataverse.stats });
    if (error instanceof UnprocessableDeliveryError) return failed(400, error.message, "badRequest");
    // 503 when Dataverse stayed busy past the budget: the platform retries a 503 once.
    if (error instanceof DataverseError) return failed(error.transient ? 503 : 500, `Dataverse: ${error.message}`);
    (deps.log ?? silentLogger)({ event: "webhook.error", step: stepInfo.name, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    return failed(500, "The webhook failed unexpectedly; see its log.");
  }
}

/**
 * Method and key, checked from what arrives before the body: a host can answer without reading it.
 * Null when the request may proceed.
 */
export function preflight(request: Omit<WebhookRequest, "body">, deps: Pick<WebhookDependencies, "webhookKey" | "log">): WebhookResponse | null {
  if (request.method.toUpperCase() !== "POST") {
    return json(405, { outcome: "badRequest", message: "Only POST is supported." }, { allow: "POST" });
  }
  if (!isAuthorized(deps.webhookKey, presentedKeys(request.header, request.query))) {
    (deps.log ?? silentLogger)({ event: "webhook.unauthorized" });
    return json(401, { outcome: "unauthorized", message: "Missing or wrong webhook key." });
  }
  return null;
}

/**
 * GET /api/health, authenticated like a delivery: 200 only when the caller presents the key this host
 * expects, so `npm run deploy` can prove that the endpoint it configured will accept Dataverse's posts
 * before it turns any step on. Touches no Dataverse.
 */
export function handleHealth(request: Omit<WebhookRequest, "body">, deps: Pick<WebhookDependencies, "webhookKey" | "log">): WebhookResponse {
  if (request.method.toUpperCase() !== "GET") return json(405, { outcome: "badRequest", message: "Only GET is supported." }, { allow: "GET" });
  if (!isAuthorized(deps.webhookKey, presentedKeys(request.header, request.query))) {
    (deps.log ?? silentLogger)({ event: "webhook.health.unauthorized" });
    return json(401, { outcome: "unauthorized", message: "Missing or wrong webhook key." });
  }
  return { status: 200, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify({ status: "ok" }) };
}

/** The one handler: authenticate, parse, route to the step's handler once, answer. */
export async function handleWebhook(request: WebhookRequest, deps: WebhookDependencies): Promise<WebhookResponse> {
  return preflight(request, deps) ?? handleDelivery(request, deps);
}

/**
 * Parse, route to the step's handler once, answer: for a host that has already answered `preflight`
 * (method and key) from what arrived before the body, as both hosts do, so the key is checked once.
 */
export async function handleDelivery(request: WebhookRequest, deps: WebhookDependencies): Promise<WebhookResponse> {
  const log = deps.log ?? silentLogger;
  const now = deps.now ?? Date.now;
  const started = now();
  let context: RemoteExecutionContext;
  try {
    context = parseRemoteExecutionContext(request.body);
  } catch (error) {
    if (!(error instanceof ExecutionContextError)) throw error;
    log({ event: "webhook.badRequest", problem: error.message });
    return json(400, { outcome: "badRequest", message: error.message });
  }
  const step = findStep(context);
  if (!step) {
    const message = `Unknown message: this webhook has no step for ${context.messageName} of ${context.primaryEntityName} at stage ${context.stage} in ${context.mode === 0 ? "synchronous" : "asynchronous"} mode.`;
    log({ event: "webhook.badRequest", problem: message });
    return json(400, { outcome: "badRequest", message });
  }
  const trimmed = readWebhookHeaders(request.header).messageSizeExceeded;
  const key = deliveryKey(step, context);
  const { result, duplicate } = await deps.ledger.run(key, () => runStep(step, context, trimmed, deps));
  log({
    event: "webhook.delivery",
    step: stepName(step),
    message: context.messageName,
    entity: context.primaryEntityName,
    recordId: context.primaryEntityId,
    correlationId: context.correlationId,
    key,
    duplicate,
    trimmed,
    status: result.status,
    outcome: result.outcome,
    reason: result.reason,
    detail: result.detail,
    retries: result.retries,
    ms: now() - started,
  });
  // The remembered answer with this arrival's `delivery` as its last member.
  return {
    status: result.status,
    headers: { "content-type": "application/json; charset=utf-8", ...(duplicate ? { "x-cb2b-duplicate-delivery": "true" } : {}) },
    body: `${result.json.slice(0, -1)},"delivery":${JSON.stringify({ key, duplicate })}}`,
  };
}
