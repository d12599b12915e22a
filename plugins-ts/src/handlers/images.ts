import { LeadColumns, OpportunityColumns } from "../../../core/src";
import { getOptionValue, type EntityValue } from "../executionContext";
import type { HandlerKey } from "../registration/steps";
import type { HandlerInput } from "./types";

/**
 * The entity image each handler reads — the `PreImage` of its step and the columns it decides on — as
 * the handlers declare it. The step registration (registration/steps.ts) must carry exactly these
 * (registration/stepImages.test.ts compares them), and a handler sees an image only through `preImage`,
 * which hides every column not declared here: a handler cannot come to depend on a column its step does
 * not register.
 *
 * Entity images exist for Update (Target) and SetState (EntityMoniker) among the messages the webhook
 * uses; QualifyLead, WinOpportunity and LoseOpportunity support none
 * (https://learn.microsoft.com/power-apps/developer/data-platform/register-plug-in, "Messages that
 * support table images"), so their handlers declare none and read what they need in one FetchXML.
 * The first column of each list is `statecode`, which is never null: an image without it was not taken
 * with these columns (registered by hand, or by an older deploy) and is not trusted.
 */
export const PreImageColumns: Record<HandlerKey, readonly string[]> = {
  "qualifyLead.validate": [],
  "qualifyLead.handoff": [],
  "winOpportunity.validate": [],
  "winOpportunity.handoff": [],
  "loseOpportunity.validate": [],
  "loseOpportunity.handoff": [],
  // The rules and the approver role decide from the state, the Commerce flag and the prospect status.
  "leadState.validate": [LeadColumns.stateCode, LeadColumns.isCommerceB2BProspect, LeadColumns.prospectStatus],
  // Only whether the lead is a Commerce one and whether the state changed at all: the hand-off reads the lead as it is now.
  "leadState.handoff": [LeadColumns.stateCode, LeadColumns.isCommerceB2BProspect],
  "opportunityState.validate": [OpportunityColumns.stateCode, OpportunityColumns.originatingLead],
  "opportunityState.handoff": [OpportunityColumns.stateCode, OpportunityColumns.originatingLead],
  // The values before the request, the lead's state and the opportunity it was qualified into.
  "prospectColumns.validate": [
    LeadColumns.stateCode,
    LeadColumns.isCommerceB2BProspect,
    LeadColumns.prospectStatus,
    LeadColumns.prospectId,
    LeadColumns.qualifyingOpportunity,
  ],
};

/** The alias every image of ours is registered under (its key in PreEntityImages). */
export const PreImageAlias = "PreImage";

/**
 * The delivery's PreImage as the handler declared it: only the declared columns, undefined when there
 * is none, when it lacks `statecode` (not taken with our columns), or when the payload was trimmed.
 */
export function preImage(input: HandlerInput, handler: HandlerKey): EntityValue | undefined {
  const columns = PreImageColumns[handler];
  if (input.trimmed || columns.length === 0) return undefined;
  const image = input.context.preEntityImages.get(PreImageAlias);
  if (!image || getOptionValue(image.attributes, columns[0]) === undefined) return undefined;
  return { ...image, attributes: new Map([...image.attributes].filter(([column]) => columns.includes(column))) };
}
