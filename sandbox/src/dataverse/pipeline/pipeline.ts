/**
 * The webhook plug-in pipeline. Synchronous steps (mode 0) run inside the operation: a non-2xx answer
 * fails it and the transaction rolls back, the webhook's message surfaced as the error. Asynchronous
 * steps (stage 40, mode 1) run after commit as system jobs (`asyncoperations`): retried once on
 * 502/503/504, then recorded as succeeded (statuscode 30) or failed (31) with the message.
 */
import { randomUUID } from "node:crypto";
import { serializeRemoteExecutionContext, webhookHeadersFor } from "../../../../plugins-ts/src/executionContext";
import type { Engine, PipelineHooks } from "../engine/engine";
import type { Invocation, Scope } from "../engine/scope";
import { DataverseError, ErrorCodes } from "../errors";
import { entityByLogicalName, type EntityMetadata } from "../metadata";
import type { RecordData, RecordStore } from "../storage/records";
import { SandboxUsers } from "../users";
import { buildContext } from "./context";
import { deliver, failureMessage, type DeliveryResult } from "./delivery";
import { findSteps, type RegisteredStep } from "./registry";

const RETRIED_STATUSES = new Set([502, 503, 504]);
const MAX_PAYLOAD_BYTES = 256 * 1024;
const REGARDING = new Set(["lead", "opportunity", "account", "contact"]);

export interface PipelineOptions {
  /** The `x-ms-dynamics-organization` header value (the environment's host name). */
  organization: () => string;
  timeoutMs?: number;
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

  private post(scope: Scope, invocation: Invocation, step: RegisteredStep, operationId: string): Promise<DeliveryResult> {
    const context = buildContext(this.store, scope, invocation, step, { stage: step.stage, mode: step.mode, operationId });
    const organization = this.options.organization();
    let body = serializeRemoteExecutionContext(context);
    let headers = webhookHeadersFor(context, { organization });
    // Above 256 KB the platform leaves out parameters, images and the parent context, and says so.
    if (Buffer.byteLength(body) > MAX_PAYLOAD_BYTES) {
      body = serializeRemoteExecutionContext(context, { trimmed: true });
      headers = webhookHeadersFor(context, { organization, trimmed: true });
    }
    return deliver(step, body, headers, this.options.timeoutMs);
  }

  async runSynchronous(scope: Scope, invocation: Invocation, stage: 10 | 20 | 40): Promise<void> {
    const steps = findSteps(this.store, invocation.messageName, invocation.entity.logicalName, stage, 0).filter((s) => applies(s, invocation));
    for (const step of steps) {
      let result: DeliveryResult;
      try {
        result = await this.post(scope, invocation, step, randomUUID());
      } catch (error) {
        throw new DataverseError(
          400,
          ErrorCodes.pluginFailed,
          `The webhook of step '${step.name}' could not be reached: ${(error as Error).message}`,
        );
      }
      if (result.status < 200 || result.status > 299) {
        throw new DataverseError(400, ErrorCodes.pluginFailed, failureMessage(result));
      }
    }
  }

  queueAsynchronous(scope: Scope, invocation: Invocation): void {
    const steps = findSteps(this.store, invocation.messageName, invocation.entity.logicalName, 40, 1).filter((s) => applies(s, invocation));
    for (const step of steps) {
      // The platform's OperationId of an asynchronous step is its system job id; a retry keeps it.
      const jobId = randomUUID();
      const snapshot: Invocation = { ...invocation, inputParameters: { ...invocation.inputParameters }, outputParameters: { ...invocation.outputParameters } };
      scope.pending.push(() => this.runJob(scope, snapshot, step, jobId));
    }
  }

  private async writeJob(create: boolean, jobId: string, data: RecordData): Promise<void> {
    const jobs = entityByLogicalName("asyncoperation") as EntityMetadata;
    const system = { userId: SandboxUsers.admin.id, languageId: 1033 };
    await this.engine.execute(system, async (scope) => {
      if (create) await this.engine.create(scope, jobs, { asyncoperationid: jobId, ...data });
      else await this.engine.update(scope, jobs, jobId, data);
    });
  }

  /** A succeeded job of a step with AsyncAutoDelete is removed, as the platform removes it. */
  private async deleteJob(jobId: string): Promise<void> {
    const jobs = entityByLogicalName("asyncoperation") as EntityMetadata;
    await this.engine.execute({ userId: SandboxUsers.admin.id, languageId: 1033 }, (scope) => this.engine.delete(scope, jobs, jobId));
  }

  private async runJob(scope: Scope, invocation: Invocation, step: RegisteredStep, jobId: string): Promise<void> {
    const regarding = REGARDING.has(invocation.entity.logicalName) ? { logicalName: invocation.entity.logicalName, id: invocation.primaryId } : null;
    await this.writeJob(true, jobId, {
      name: step.name,
      operationtype: 1,
      messagename: invocation.messageName,
      primaryentitytype: invocation.entity.logicalName,
      owningextensionid: { logicalName: "sdkmessageprocessingstep", id: step.id },
      regardingobjectid: regarding,
      ownerid: { logicalName: "systemuser", id: scope.caller.userId },
      correlationid: scope.correlationId,
      depth: scope.depth,
      retrycount: 0,
      statecode: 2,
      statuscode: 20,
      startedon: this.engine.now(),
    });
    let attempts = 0;
    let outcome: { ok: boolean; message: string };
    for (;;) {
      attempts++;
      try {
        const result = await this.post(scope, invocation, step, jobId);
        const ok = result.status >= 200 && result.status <= 299;
        if (!ok && RETRIED_STATUSES.has(result.status) && attempts === 1) continue;
        outcome = { ok, message: ok ? "" : `Webhook returned HTTP ${result.status}: ${failureMessage(result)}` };
      } catch (error) {
        outcome = { ok: false, message: `The webhook could not be reached: ${(error as Error).message}` };
      }
      break;
    }
    if (outcome.ok && step.asyncAutoDelete) {
      await this.deleteJob(jobId);
      return;
    }
    await this.writeJob(false, jobId, {
      statecode: 3,
      statuscode: outcome.ok ? 30 : 31,
      message: outcome.ok ? null : outcome.message,
      friendlymessage: outcome.ok ? null : outcome.message,
      errorcode: outcome.ok ? null : -2147220891,
      retrycount: attempts - 1,
      completedon: this.engine.now(),
    });
  }
}
