import type { HandlerKey } from "../registration/steps";
import { handOffLose, handOffWin, validateLose, validateWin } from "./closeOpportunity";
import { handOffQualifyLead, validateQualifyLead } from "./qualifyLead";
import { handOffLeadState, handOffOpportunityState, validateLeadState, validateOpportunityState } from "./stateChange";
import type { Handler } from "./types";

/** Every step's handler; the registry (registration/steps.ts) says which step uses which. */
export const Handlers: Record<HandlerKey, Handler> = {
  "qualifyLead.validate": validateQualifyLead,
  "qualifyLead.handoff": handOffQualifyLead,
  "winOpportunity.validate": validateWin,
  "winOpportunity.handoff": handOffWin,
  "loseOpportunity.validate": validateLose,
  "loseOpportunity.handoff": handOffLose,
  "leadState.validate": validateLeadState,
  "leadState.handoff": handOffLeadState,
  "opportunityState.validate": validateOpportunityState,
  "opportunityState.handoff": handOffOpportunityState,
};

export type { Change, Handler, HandlerInput, Outcome } from "./types";
export { UnprocessableDeliveryError } from "./types";
