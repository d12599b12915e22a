import type { HandlerKey } from "../registration/steps";
import { handOffLose, handOffWin, validateLose, validateWin } from "./closeOpportunity";
import { retryingConcurrentChanges } from "./concurrency";
import { validateProspectColumns } from "./prospectColumns";
import { handOffQualifyLead, validateQualifyLead } from "./qualifyLead";
import { handOffLeadState, handOffOpportunityState, validateLeadState, validateOpportunityState } from "./stateChange";
import type { Handler } from "./types";

/**
 * Every step's handler; the registry (registration/steps.ts) says which step uses which. The
 * asynchronous hand-offs write conditionally and are decided again when a parallel delivery won.
 */
export const Handlers: Record<HandlerKey, Handler> = {
  "qualifyLead.validate": validateQualifyLead,
  "qualifyLead.handoff": retryingConcurrentChanges(handOffQualifyLead),
  "winOpportunity.validate": validateWin,
  "winOpportunity.handoff": retryingConcurrentChanges(handOffWin),
  "loseOpportunity.validate": validateLose,
  "loseOpportunity.handoff": retryingConcurrentChanges(handOffLose),
  "leadState.validate": validateLeadState,
  "leadState.handoff": retryingConcurrentChanges(handOffLeadState),
  "opportunityState.validate": validateOpportunityState,
  "opportunityState.handoff": retryingConcurrentChanges(handOffOpportunityState),
  "prospectColumns.validate": validateProspectColumns,
};

export type { Change, Handler, HandlerInput, Outcome } from "./types";
export { UnprocessableDeliveryError } from "./types";
export type { StaleReason } from "./types";
