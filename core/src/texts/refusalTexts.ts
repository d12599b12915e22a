import type { TransitionRefusal } from "../prospectStateMachine";
import { inLanguage, type InEveryLanguage } from "./inLanguage";

/** A prospect-status transition the state machine refuses: both form scripts and the webhook. */
const refusalTexts = {
  1033: {
    alreadyApproved: "The partner is already approved in Commerce: the customer hierarchy exists and approval cannot be taken back.",
    rejectedMustReopenFirst: "The partner was rejected. Reopen the opportunity or reactivate the lead before approving it.",
  },
  1035: {
    alreadyApproved: "Kumppani on jo hyväksytty Commercessa: asiakashierarkia on luotu, eikä hyväksyntää voi perua.",
    rejectedMustReopenFirst: "Kumppani on hylätty. Avaa myyntimahdollisuus uudelleen tai aktivoi liidi ennen hyväksymistä.",
  },
} as const satisfies InEveryLanguage<Record<TransitionRefusal, string>>;

export function describeRefusal(reason: TransitionRefusal, languageId: number): string {
  return inLanguage(refusalTexts, languageId)[reason];
}
