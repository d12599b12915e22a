/**
 * The webhook plug-in pipeline, as "Use Webhooks to create external handlers for server events"
 * (https://learn.microsoft.com/power-apps/developer/data-platform/use-webhooks) and "Register a WebHook"
 * (https://learn.microsoft.com/power-apps/developer/data-platform/register-web-hook) describe it.
 * Synchronous steps (mode 0) run inside the operation: an answer outside 2xx, or none within the timeout,
 * fails it and the transaction rolls back; the platform reads only the status code, never the body, so the
 * caller gets the "Endpoint unavailable" failure, not the webhook's text. Asynchronous steps (stage 40,
 * mode 1) are system jobs (`asyncoperations`): each job is written in the same SQLite transaction as the
 * operation that raised it, with what it takes to post it again (the serialized RemoteExecutionContext in
 * `data`, the step in `owningextensionid`), as Ready / Waiting For Resources (statecode 0, statuscode 0).
 * After commit it runs: In Progress (2, 20), then Completed with Succeeded (3, 30) or Failed (3, 31) and
 * what went wrong. A 502/503/504 gets one more attempt, sync or async. A job still waiting or in progress
 * when the process stopped is run again at the next start. (State and status values: the System Job
 * (AsyncOperation) table reference,
 * https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/asyncoperation.)
 */
import { randomUUID } from "node:crypto";
import {
  parseRemoteExecutionContext,
  serializeRemoteExecutionContext,
  webhookHeadersFor,
} from "../../../../plugins-ts/src/executionContext";
import type { Engine, PipelineHooks } from "../engine/engine";
import type { Invocation, Scope } from "../engine/scope";
import { DataverseError, ErrorCodes } from "../errors";
import { entityByLogicalName, type EntityMetadata } from "../metadata";
import { isEntityRef, type RecordData, type RecordStore } from "../storage/records";
import { quote, tableName } from "../storage/schema";
import { SandboxUsers } from "../users";
import { buildContext } from "./context";
import { deliver, deliverWithRetry, describeOutcome, succeeded, WEBHOOK_TIMEOUT_MS, type DeliveryOutcome } from "./delivery";
import { findStepById, findSteps, type RegisteredStep } from "./registry";

const MAX_PAYLOAD_BYTES = 256 * 1024;
const REGARDING = new Set(["lead", "opportunity", "account", "contact"]);

/**
 * A test hook (`CB2B_SANDBOX_HOLD_SYSTEM_JOBS`, documented in sandbox/README.md): asynchronous steps'
 * system jobs are written but never started ("waiting"), or marked In Progress and never posted
 * ("in-progress"), so that a test can stop the process at that exact point.
 */
export type SystemJobHold = "waiting" | "in-progress";

export interface PipelineOptions {
  /** The `x-ms-dynamics-organization` header value (the environment's host name). */
  organization: () => string;
  /** How long a webhook has to answer; Dataverse's 60 seconds unless a test shortens it. */
  timeoutMs?: number;
  hold?: SystemJobHold;
  log?: (line: string) => void;
}

/** System job state and status (AsyncOperation StateCode / StatusCode). */
const Job = {
  waitingForResources: { statecode: 0, statuscode: 0 },
  inProgress: { statecode: 2, statuscode: 20 },
  succeeded: { statecode: 3, statuscode: 30 },
  failed: { statecode: 3, statuscode: 31 },
} as const;
/** AsyncOperation OperationType 1, System Event: what an asynchronous plug-in step's job is. */
const SYSTEM_EVENT = 1;
/** The error code a failed job keeps: 0x80040265, the plug-in failure code synchronous steps answer with. */
const PLUGIN_FAILED = -2147220891;

const jobsEntity = (): EntityMetadata => entityByLogicalName("asyncoperation") as EntityMetadata;

export interface ResumedJobs {
  /** Jobs found waiting (statecode 0) or in progress (statecode 2) and run again. */
  resumed: number;
  succeeded: number;
  failed: number;
}

function applies(step: RegisteredStep, invocation: Invocation): boolean {
  if (invocation.messageName !== "Update" || !step.filteringAttributes) return true;
  return (invocation.changedAttributes ?? []).some((a) => step.filteringAttributes?.includes(a.toLowerCase()));
}

export class WebhookPipeline implements PipelineHooks {
  constructor(
    private readonly store: RecordStore,
    private readonly engine: Engine,
    private readonly options: PipelineOptions,
  ) {}

  /** The body Dataverse posts for this step, trimmed above 256 KB as the platform trims it. */
  private payload(scope: Scope, invocation: Invocation, step: RegisteredStep, operationId: string): { body: string; trimmed: boolean } {
    const context = buildContext(this.store, scope, invocation, step, { stage: step.stage, mode: step.mode, operationId });
    const body = serializeRemoteExecutionContext(context);
    // Above 256 KB the platform leaves out parameters, images and the parent context, and says so.
    if (Buffer.byteLength(body) > MAX_PAYLOAD_BYTES) return { body: serializeRemoteExecutionContext(context, { trimmed: true }), trimmed: true };
    return { body, trimmed: false };
  }

  /** Posts a serialized context to the step's endpoint with the `x-ms-dynamics-*` headers. */
  private send(step: RegisteredStep, body: string, trimmed: boolean): Promise<DeliveryOutcome> {
    const headers = webhookHeadersFor(parseRemoteExecutionContext(body), { organization: this.options.organization(), trimmed });
    return deliver(step, body, headers, this.options.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
  }

  async runSynchronous(scope: Scope, invocation: Invocation, stage: 10 | 20 | 40): Promise<void> {
    const steps = findSteps(this.store, invocation.messageName, invocation.entity.logicalName, stage, 0).filter((s) => applies(s, invocation));
    for (const step of steps) {
      let outcome: DeliveryOutcome;
      try {
        const { body, trimmed } = this.payload(scope, invocation, step, randomUUID());
        ({ outcome } = await deliverWithRetry(() => this.send(step, body, trimmed)));
      } catch (error) {
        outcome = { kind: "unreachable", reason: (error as Error).message };
      }
      if (!succeeded(outcome)) throw endpointUnavailable(step, outcome);
    }
  }

  async queueAsynchronous(scope: Scope, invocation: Invocation): Promise<void> {
    // A system job is no event of its own (nor is writing one): no step runs for it.
    if (invocation.entity.logicalName === "asyncoperation") return;
    const steps = findSteps(this.store, invocation.messageName, invocation.entity.logicalName, 40, 1).filter((s) => applies(s, invocation));
    for (const step of steps) {
      // The platform's OperationId of an asynchronous step is its system job id; a retry keeps it.
      const jobId = randomUUID();
      const { body } = this.payload(scope, invocation, step, jobId);
      const regarding =
        REGARDING.has(invocation.entity.logicalName) && this.store.exists(invocation.entity, invocation.primaryId)
          ? { logicalName: invocation.entity.logicalName, id: invocation.primaryId }
          : null;
      // Written inside the operation's transaction: the job exists exactly when the operation committed.
      await this.engine.create(scope, jobsEntity(), {
        asyncoperationid: jobId,
        name: step.name,
        operationtype: SYSTEM_EVENT,
        messagename: invocation.messageName,
        primaryentitytype: invocation.entity.logicalName,
        owningextensionid: { logicalName: "sdkmessageprocessingstep", id: step.id },
        regardingobjectid: regarding,
        ownerid: { logicalName: "systemuser", id: scope.caller.userId },
        correlationid: scope.correlationId,
        requestid: scope.requestId,
        depth: scope.depth,
        retrycount: 0,
        data: body,
        ...Job.waitingForResources,
      });
      scope.pending.push(async () => {
        try {
          await this.runJob(jobId);
        } catch (error) {
          // The job stays waiting or in progress and runs again at the next start; the process goes on.
          (this.options.log ?? console.error)(`system job ${jobId} could not run: ${(error as Error).message}`);
        }
      });
    }
  }

  private async writeJob(jobId: string, data: RecordData): Promise<void> {
    await this.engine.execute(SYSTEM, (scope) => this.engine.update(scope, jobsEntity(), jobId, data));
  }

  /** A succeeded job of a step with AsyncAutoDelete is removed, as the platform removes it. */
  private async deleteJob(jobId: string): Promise<void> {
    await this.engine.execute(SYSTEM, (scope) => this.engine.delete(scope, jobsEntity(), jobId));
  }

  private async complete(jobId: string, outcome: { ok: boolean; message: string }, retrycount: number): Promise<void> {
    await this.writeJob(jobId, {
      ...(outcome.ok ? Job.succeeded : Job.failed),
      message: outcome.ok ? null : outcome.message,
      friendlymessage: outcome.ok ? null : outcome.message,
      errorcode: outcome.ok ? null : PLUGIN_FAILED,
      retrycount,
      completedon: this.engine.now(),
    });
  }

  /**
   * Runs one system job from its row: In Progress, the post (retried once on 502/503/504), then
   * Succeeded (or removed, with AsyncAutoDelete) or Failed. Returns whether it succeeded; undefined when
   * it did not run (no longer waiting or in progress, or held by the test hook).
   */
  private async runJob(jobId: string): Promise<boolean | undefined> {
    const job = this.store.get(jobsEntity(), jobId);
    if (!job || (job.statecode !== Job.waitingForResources.statecode && job.statecode !== Job.inProgress.statecode)) return undefined;
    const name = String(job.name ?? jobId);
    if (this.options.hold === "waiting") {
      this.options.log?.(`system job ${jobId} (${name}) held waiting by CB2B_SANDBOX_HOLD_SYSTEM_JOBS`);
      return undefined;
    }
    // A job that was in progress when the process stopped may have been posted once already.
    const earlierAttempts = Number(job.retrycount ?? 0) + (job.statecode === Job.inProgress.statecode ? 1 : 0);
    await this.writeJob(jobId, { ...Job.inProgress, startedon: this.engine.now(), retrycount: earlierAttempts });
    if (this.options.hold === "in-progress") {
      this.options.log?.(`system job ${jobId} (${name}) held in progress by CB2B_SANDBOX_HOLD_SYSTEM_JOBS`);
      return undefined;
    }
    const stepId = isEntityRef(job.owningextensionid) ? job.owningextensionid.id : undefined;
    const step = stepId ? findStepById(this.store, stepId) : undefined;
    const body = typeof job.data === "string" ? job.data : "";
    if (!step || body === "") {
      const why = !step ? "its SDK message processing step is no longer registered" : "it has no execution context to post";
      await this.complete(jobId, { ok: false, message: `The system job cannot run: ${why}.` }, earlierAttempts);
      return false;
    }
    // The trimmed context (above 256 KB) is the one without InputParameters; it goes with the size header again.
    const trimmed = !/"InputParameters"\s*:/.test(body);
    let outcome: DeliveryOutcome;
    let attempts = 1;
    try {
      ({ outcome, attempts } = await deliverWithRetry(() => this.send(step, body, trimmed)));
    } catch (error) {
      outcome = { kind: "unreachable", reason: (error as Error).message };
    }
    const ok = succeeded(outcome);
    if (ok && step.asyncAutoDelete) await this.deleteJob(jobId);
    else await this.complete(jobId, { ok, message: ok ? "" : describeOutcome(outcome) }, earlierAttempts + attempts - 1);
    return ok;
  }

  /**
   * Runs again every asynchronous step's job that is still waiting or in progress (the process stopped
   * before it finished), oldest first, one after the other. Resolves when they have all run.
   */
  async resumeJobs(): Promise<ResumedJobs> {
    const ids = (
      this.store
        .prepare(
          `SELECT asyncoperationid AS id FROM ${quote(tableName(jobsEntity()))}
            WHERE operationtype = ? AND statecode IN (?, ?) AND data IS NOT NULL
            ORDER BY createdon, versionnumber`,
        )
        .all(SYSTEM_EVENT, Job.waitingForResources.statecode, Job.inProgress.statecode) as { id: string }[]
    ).map((row) => row.id);
    const summary: ResumedJobs = { resumed: ids.length, succeeded: 0, failed: 0 };
    for (const id of ids) {
      let ok: boolean | undefined;
      try {
        ok = await this.runJob(id);
      } catch (error) {
        this.options.log?.(`system job ${id} could not be run again: ${(error as Error).message}`);
        ok = false;
      }
      if (ok === true) summary.succeeded++;
      if (ok === false) summary.failed++;
    }
    return summary;
  }
}

const SYSTEM = { userId: SandboxUsers.admin.id, languageId: 1033 };

/**
 * A failed synchronous webhook step, as the Web API caller gets it. "Register a WebHook" (Synchronous mode)
 * says the user sees an "Endpoint unavailable" error "informing the user that the webhook service endpoint
 * may be configured incorrectly or is not available"; the exact code and text the Web API answers with are
 * not published, so the code is the plug-in failure code (0x80040265) and what follows the first sentence
 * is the sandbox's: what happened, never the webhook's own answer (Dataverse does not read it).
 */
export function endpointUnavailable(step: RegisteredStep, outcome: DeliveryOutcome): DataverseError {
  return new DataverseError(
    400,
    ErrorCodes.pluginFailed,
    `Endpoint unavailable: the webhook service endpoint may be configured incorrectly or is not available. Step '${step.name}': ${describeOutcome(outcome)}`,
  );
}
