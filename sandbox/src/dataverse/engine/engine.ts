/**
 * The operation layer every write goes through: one transaction per request, the plug-in pipeline
 * stages around each message (pre-validation 10, pre-operation 20, post-operation 40), and the
 * platform's own column maintenance (created/modified by and on, owner, versionnumber, fullname,
 * default status, state/status validation, lookup targets existing).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { DataverseError, ErrorCodes, notFound } from "../errors";
import { attributeOf, entityByLogicalName, type EntityMetadata } from "../metadata";
import { applyPublishedDefaults } from "../metadata/publishedDefaults";
import { removeAssociationsOf } from "../storage/associations";
import { releaseReferencesTo } from "../storage/deleteReferences";
import { isEntityRef, toDataverseDate, type RecordData, type RecordStore } from "../storage/records";
import { toContextEntity } from "./contextValues";
import { childScope, newScope, type Caller, type ContextValue, type Invocation, type Scope } from "./scope";
import { defaultStatusFor, validateStatePair } from "./stateRules";
import type { TransactionRunner } from "./transaction";

/** The plug-in pipeline as the engine sees it (implemented in ../pipeline). */
export interface PipelineHooks {
  /** Runs the synchronous steps of one stage; throws the platform's error when a step refuses. */
  runSynchronous(scope: Scope, invocation: Invocation, stage: 10 | 20 | 40): Promise<void>;
  /**
   * Writes the asynchronous steps' system jobs in the operation's transaction (they commit or roll back
   * with it) and queues them in `scope.pending`, started after commit.
   */
  queueAsynchronous(scope: Scope, invocation: Invocation): Promise<void>;
}

export const noPipeline: PipelineHooks = {
  runSynchronous: async () => undefined,
  queueAsynchronous: async () => undefined,
};

export interface WriteOptions {
  /** `If-Match` etag value (`W/"123"`), or `*`. */
  ifMatch?: string;
}

const COMPUTED_FULLNAME = new Set(["lead", "contact"]);

export class Engine {
  private readonly background = new Set<Promise<void>>();
  /** The change set a request runs in, if any: requests of one change set share its transaction. */
  private readonly changeSet = new AsyncLocalStorage<Scope>();
  pipeline: PipelineHooks = noPipeline;

  constructor(
    readonly store: RecordStore,
    private readonly tx: TransactionRunner,
    private readonly clock: () => Date,
  ) {}

  now(): string {
    return toDataverseDate(this.clock());
  }

  currentTime(): Date {
    return this.clock();
  }

  /** Runs a request's work in one transaction, then starts the asynchronous steps it queued. */
  async execute<T>(caller: Caller, work: (scope: Scope) => Promise<T>): Promise<T> {
    const joined = this.changeSet.getStore();
    // Inside a $batch change set every request shares the change set's transaction and its queued work.
    if (joined) return work({ ...newScope(caller), correlationId: joined.correlationId, pending: joined.pending });
    const scope = newScope(caller);
    const result = await this.tx.run(() => work(scope));
    this.startPending(scope);
    return result;
  }

  /**
   * Runs several requests as one unit (a `$batch` change set): one transaction for all of them, the
   * asynchronous steps started only once all have committed. Throwing from `work` rolls all back.
   */
  async executeChangeSet<T>(caller: Caller, work: () => Promise<T>): Promise<T> {
    const scope = newScope(caller);
    const result = await this.tx.run(() => this.changeSet.run(scope, work));
    this.startPending(scope);
    return result;
  }

  private startPending(scope: Scope): void {
    for (const job of scope.pending) this.inBackground(job);
  }

  /** Runs work after the request that started it has answered; `whenIdle()` waits for it. */
  inBackground(work: () => Promise<void>): Promise<void> {
    const running: Promise<void> = work().finally(() => this.background.delete(running));
    this.background.add(running);
    return running;
  }

  /** Resolves when every asynchronous step started so far (and any they started) has finished. */
  async whenIdle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  /** Runs one message through the pipeline: steps of stages 10 and 20, the core operation, stage 40. */
  async message<T>(scope: Scope, invocation: Invocation, core: (inner: Scope) => Promise<T> | T): Promise<T> {
    await this.pipeline.runSynchronous(scope, invocation, 10);
    await this.pipeline.runSynchronous(scope, invocation, 20);
    const result = await core(childScope(scope, invocation));
    await this.pipeline.runSynchronous(scope, invocation, 40);
    await this.pipeline.queueAsynchronous(scope, invocation);
    return result;
  }

  invocation(messageName: string, entity: EntityMetadata, primaryId: string, inputParameters: Record<string, ContextValue>): Invocation {
    return { messageName, entity, primaryId, inputParameters, outputParameters: {}, operationCreatedOn: this.clock() };
  }

  private checkLookups(entity: EntityMetadata, data: RecordData): void {
    for (const [name, value] of Object.entries(data)) {
      const attribute = attributeOf(entity, name);
      if (attribute?.type !== "lookup" || !isEntityRef(value)) continue;
      const target = entityByLogicalName(value.logicalName);
      if (!target || !this.store.exists(target, value.id)) throw notFound(value.logicalName, value.id);
    }
  }

  private applyComputed(entity: EntityMetadata, record: RecordData, changes: RecordData): void {
    if (COMPUTED_FULLNAME.has(entity.logicalName) && ("firstname" in changes || "lastname" in changes)) {
      const parts = [record.firstname, record.lastname].filter((p) => typeof p === "string" && p.length > 0);
      changes.fullname = parts.length > 0 ? parts.join(" ") : null;
    }
    // The sandbox has one business unit, so a role created here is a root role: its own parent root.
    if (entity.logicalName === "role" && !isEntityRef(record.parentrootroleid) && typeof record.roleid === "string") {
      changes.parentrootroleid = { logicalName: "role", id: record.roleid };
    }
    if (entity.logicalName === "annotation" && "objectid" in changes) {
      const ref = changes.objectid;
      changes.objecttypecode = isEntityRef(ref) ? ref.logicalName : null;
    }
  }

  /**
   * Optimistic concurrency: a stale `If-Match` is 412 ConcurrencyVersionMismatch (-2147088254, "Optimistic
   * concurrency", https://learn.microsoft.com/power-apps/developer/data-platform/optimistic-concurrency) with the
   * text "Apply optimistic concurrency" shows (perform-conditional-operations-using-web-api).
   */
  private checkEtag(existing: RecordData, options: WriteOptions): void {
    if (!options.ifMatch || options.ifMatch === "*") return;
    const version = /^W\/"(\d+)"$/.exec(options.ifMatch)?.[1];
    if (version === undefined || Number(version) !== existing.versionnumber) {
      throw new DataverseError(
        412,
        ErrorCodes.concurrencyVersionMismatch,
        "The version of the existing record doesn't match the RowVersion property provided.",
      );
    }
  }

  async create(scope: Scope, entity: EntityMetadata, data: RecordData): Promise<string> {
    const requestedId = data[entity.primaryIdAttribute];
    const id = typeof requestedId === "string" ? requestedId.toLowerCase() : randomUUID();
    const record: RecordData = { ...data, [entity.primaryIdAttribute]: id };
    const invocation = this.invocation("Create", entity, id, {});
    invocation.inputParameters.Target = toContextEntity(this.store, entity, id, record, Object.keys(data));
    return this.message(scope, invocation, () => {
      if (this.store.exists(entity, id)) {
        throw new DataverseError(412, ErrorCodes.duplicateRecord, "A record with matching key values already exists.");
      }
      this.checkLookups(entity, record);
      const now = this.now();
      const caller = { logicalName: "systemuser", id: scope.caller.userId };
      if (attributeOf(entity, "statecode")) {
        const state = typeof record.statecode === "number" ? record.statecode : 0;
        const status = typeof record.statuscode === "number" ? record.statuscode : defaultStatusFor(entity, state);
        if (status !== undefined) validateStatePair(entity, id, state, status);
        record.statecode = state;
        if (status !== undefined) record.statuscode = status;
      }
      if (entity.ownership === "user" && !isEntityRef(record.ownerid)) record.ownerid = caller;
      applyPublishedDefaults(entity, record);
      Object.assign(record, { createdon: now, modifiedon: now, createdby: caller, modifiedby: caller });
      record.versionnumber = this.store.nextVersion();
      this.applyComputed(entity, { ...record }, record);
      this.store.insert(entity, record);
      invocation.outputParameters.id = id;
      invocation.postImage = this.store.get(entity, id);
      return id;
    });
  }

  private updateInvocation(entity: EntityMetadata, id: string, changes: RecordData, before: RecordData): Invocation {
    const invocation = this.invocation("Update", entity, id, {});
    invocation.inputParameters.Target = toContextEntity(this.store, entity, id, changes, Object.keys(changes));
    invocation.preImage = before;
    invocation.changedAttributes = Object.keys(changes);
    return invocation;
  }

  /** The core of Update for one part: state validation, computed columns, audit columns, the write. */
  private writeUpdate(scope: Scope, entity: EntityMetadata, id: string, part: RecordData, before: RecordData): void {
    const changes: RecordData = { ...part };
    this.checkLookups(entity, changes);
    if ("statecode" in changes || "statuscode" in changes) {
      const state = typeof changes.statecode === "number" ? changes.statecode : (before.statecode as number);
      let status = changes.statuscode;
      if (typeof status !== "number") {
        status = "statecode" in changes ? (defaultStatusFor(entity, state) ?? null) : before.statuscode;
      }
      validateStatePair(entity, id, state, status as number);
      changes.statecode = state;
      changes.statuscode = status;
    }
    this.applyComputed(entity, { ...before, ...changes }, changes);
    changes.modifiedon = this.now();
    changes.modifiedby = { logicalName: "systemuser", id: scope.caller.userId };
    changes.versionnumber = this.store.nextVersion();
    this.store.update(entity, id, changes);
  }

  /**
   * Update, as the platform runs it: pre-validation once for the whole request; when the request sets
   * statecode/statuscode together with other columns, the pre- and post-operation stages run once for
   * the other columns and once for the state columns ("Behavior of specialized update operations").
   * SetState steps do not fire for an Update, as on the platform.
   */
  async update(scope: Scope, entity: EntityMetadata, id: string, data: RecordData, options: WriteOptions = {}): Promise<void> {
    const existing = this.store.get(entity, id);
    if (!existing) throw notFound(entity.logicalName, id);
    this.checkEtag(existing, options);
    const changes: RecordData = { ...data };
    delete changes[entity.primaryIdAttribute];
    await this.pipeline.runSynchronous(scope, this.updateInvocation(entity, id, changes, existing), 10);
    const stateChanges: RecordData = {};
    const otherChanges: RecordData = {};
    for (const [name, value] of Object.entries(changes)) {
      if (name === "statecode" || name === "statuscode") stateChanges[name] = value;
      else otherChanges[name] = value;
    }
    const parts = [otherChanges, stateChanges].filter((part) => Object.keys(part).length > 0);
    for (const part of parts.length > 0 ? parts : [changes]) {
      const before = this.store.get(entity, id) as RecordData;
      const invocation = this.updateInvocation(entity, id, part, before);
      await this.pipeline.runSynchronous(scope, invocation, 20);
      this.writeUpdate(scope, entity, id, part, before);
      invocation.postImage = this.store.get(entity, id);
      await this.pipeline.runSynchronous(scope, invocation, 40);
      await this.pipeline.queueAsynchronous(scope, invocation);
    }
  }

  async delete(scope: Scope, entity: EntityMetadata, id: string, options: WriteOptions = {}): Promise<void> {
    const existing = this.store.get(entity, id);
    if (!existing) throw notFound(entity.logicalName, id);
    this.checkEtag(existing, options);
    const invocation = this.invocation("Delete", entity, id, {
      Target: { type: "EntityReference", logicalName: entity.logicalName, id },
    });
    invocation.preImage = existing;
    await this.message(scope, invocation, () => {
      this.store.delete(entity, id);
      releaseReferencesTo(this.store, entity, id);
      removeAssociationsOf(this.store, entity, id);
    });
  }
}
