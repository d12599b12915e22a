/**
 * Unbound `WinOpportunity` / `LoseOpportunity`: an opportunity close activity (completed when won,
 * canceled when lost), the opportunity closed with the status, `actualclosedate` and actual revenue.
 */
import { OpportunityState } from "../../../../core/src";
import { badRequest, ErrorCodes, notFound } from "../errors";
import { toContextEntity } from "../engine/contextValues";
import type { Engine } from "../engine/engine";
import type { Caller } from "../engine/scope";
import { defaultStatusFor, validateStatePair } from "../engine/stateRules";
import { entityByLogicalName, type EntityMetadata } from "../metadata";
import { deserializeRecord } from "../odata/deserialize";
import { isEntityRef, type RecordData } from "../storage/records";
import { requireAccess } from "../security/principal";
import { asBody, integerParameter } from "./parameters";

const meta = (name: string) => entityByLogicalName(name) as EntityMetadata;

export type CloseKind = "WinOpportunity" | "LoseOpportunity";

export async function closeOpportunity(engine: Engine, caller: Caller, kind: CloseKind, rawBody: unknown): Promise<void> {
  const body = asBody(rawBody);
  const opportunity = meta("opportunity");
  const opportunityClose = meta("opportunityclose");
  const closeBody = body.OpportunityClose;
  if (typeof closeBody !== "object" || closeBody === null) throw badRequest("The parameter 'OpportunityClose' is required.");
  const { ["@odata.type"]: _type, ...closeFields } = closeBody as Record<string, unknown>;
  const close = deserializeRecord(opportunityClose, closeFields);
  const ref = close.opportunityid;
  if (!isEntityRef(ref)) throw badRequest("OpportunityClose must reference the opportunity (opportunityid@odata.bind).");
  const targetState = kind === "WinOpportunity" ? OpportunityState.Won : OpportunityState.Lost;
  const requested = integerParameter(body, "Status");
  const status = requested === undefined || requested === -1 ? defaultStatusFor(opportunity, targetState)! : requested;

  await engine.execute(caller, async (scope) => {
    const record = engine.store.get(opportunity, ref.id);
    if (!record) throw notFound("opportunity", ref.id);
    // WinOpportunity/LoseOpportunity privileges: write the opportunity, create the close activity.
    requireAccess(engine.store, caller, opportunity, "Write", record);
    requireAccess(engine.store, caller, opportunityClose, "Create");
    const invocation = engine.invocation(kind, opportunity, ref.id, {
      OpportunityClose: toContextEntity(engine.store, opportunityClose, String(close.activityid ?? ""), close),
      Status: { type: "OptionSetValue", value: status },
    });
    invocation.preImage = record;
    // Checked in the core operation, after pre-validation steps ran, as the platform does.
    await engine.message(scope, invocation, async (inner) => {
      if (record.statecode !== OpportunityState.Open) {
        throw badRequest("The opportunity is already closed: reopen it before closing it again.", ErrorCodes.invalidArgument);
      }
      validateStatePair(opportunity, ref.id, targetState, status);
      const closedOn = typeof close.actualend === "string" ? close.actualend : engine.now();
      const activity: RecordData = {
        ...close,
        actualend: closedOn,
        // A won opportunity's close activity is completed, a lost one's canceled.
        statecode: kind === "WinOpportunity" ? 1 : 2,
        statuscode: kind === "WinOpportunity" ? 2 : 3,
      };
      if (isEntityRef(record.transactioncurrencyid) && !close.transactioncurrencyid) activity.transactioncurrencyid = record.transactioncurrencyid;
      await engine.create(inner, opportunityClose, activity);
      const changes: RecordData = { statecode: targetState, statuscode: status, actualclosedate: closedOn };
      if (typeof close.actualrevenue === "number") changes.actualvalue = close.actualrevenue;
      await engine.update(inner, opportunity, ref.id, changes);
      invocation.postImage = engine.store.get(opportunity, ref.id);
    });
  });
}
