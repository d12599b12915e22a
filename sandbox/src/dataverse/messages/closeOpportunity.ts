/**
 * Unbound `WinOpportunity` / `LoseOpportunity` ("Use Web API actions", Unbound actions,
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/use-web-api-actions#unbound-actions):
 * an opportunity close activity, the opportunity closed with the status, `actualclosedate` and actual
 * revenue; no response body (204). The close activity is Completed whether the opportunity was won or
 * lost: the OpportunityClose table reference says "By default, opportunity close activities are completed
 * unless the opportunity is reactivated, which updates them to canceled"
 * (https://learn.microsoft.com/dynamics365/developer/reference/entities/opportunityclose, StateCode).
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

/** OpportunityClose StateCode 1 Completed, StatusCode 2 Completed (the table reference's options). */
const CLOSE_ACTIVITY_COMPLETED = { statecode: 1, statuscode: 2 } as const;

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
        // Microsoft publishes neither the text nor the code Sales answers with here: both are the sandbox's.
        throw badRequest("The opportunity is already closed: reopen it before closing it again.", ErrorCodes.invalidArgument);
      }
      validateStatePair(opportunity, ref.id, targetState, status);
      const closedOn = typeof close.actualend === "string" ? close.actualend : engine.now();
      const activity: RecordData = { ...close, actualend: closedOn, ...CLOSE_ACTIVITY_COMPLETED };
      if (isEntityRef(record.transactioncurrencyid) && !close.transactioncurrencyid) activity.transactioncurrencyid = record.transactioncurrencyid;
      await engine.create(inner, opportunityClose, activity);
      const changes: RecordData = { statecode: targetState, statuscode: status, actualclosedate: closedOn };
      if (typeof close.actualrevenue === "number") changes.actualvalue = close.actualrevenue;
      await engine.update(inner, opportunity, ref.id, changes);
      invocation.postImage = engine.store.get(opportunity, ref.id);
    });
  });
}
