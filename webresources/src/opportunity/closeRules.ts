import { ProspectStatus } from "../../../core/src/columns";
import { describeCloseWonBlocker } from "../../../core/src/texts/closeWonTexts";
import { describeRefusal } from "../../../core/src/texts/refusalTexts";
import { decideTransition } from "../../../core/src/prospectStateMachine";
import { closeWonBlockers } from "../../../core/src/qualification";
import type { CommerceOpportunity } from "./commerceOpportunity";

/**
 * Why a Commerce opportunity may not be closed that way yet, in the rep's language; empty when it
 * may. Won needs the account and contact to be Commerce customers already and the prospect not
 * rejected; Lost is refused once Commerce approved the partner.
 */
export function closeWonReasons(opportunity: CommerceOpportunity, languageId: number): string[] {
  const reasons = closeWonBlockers(opportunity.customers).map((blocker) => describeCloseWonBlocker(blocker, languageId));
  const transition = decideTransition(opportunity.prospectStatus ?? ProspectStatus.Pending, "win");
  if (!transition.allowed) reasons.push(describeRefusal(transition.reason, languageId));
  return reasons;
}

export function closeLostReasons(opportunity: CommerceOpportunity, languageId: number): string[] {
  const transition = decideTransition(opportunity.prospectStatus ?? ProspectStatus.Pending, "lose");
  return transition.allowed ? [] : [describeRefusal(transition.reason, languageId)];
}
