import type { ApproverEvent } from "../prospectStateMachine";
import { inLanguage, type InEveryLanguage } from "./inLanguage";

/** The webhook's refusal when `cb2b_RequireApproverRole` is on and the user lacks the approver role. */
const approverTexts = {
  1033: {
    win: "Only users with the Commerce B2B approver security role can close this Commerce B2B opportunity as won: it approves the partner in Commerce. Ask an administrator to assign the role to you or to one of your teams.",
    lose: "Only users with the Commerce B2B approver security role can close this Commerce B2B opportunity as lost: it rejects the partner in Commerce. Ask an administrator to assign the role to you or to one of your teams.",
    disqualify:
      "Only users with the Commerce B2B approver security role can disqualify this Commerce B2B lead: it rejects the partner in Commerce. Ask an administrator to assign the role to you or to one of your teams.",
  },
  1035: {
    win: "Vain käyttäjät, joilla on käyttöoikeusrooli Commerce B2B approver, voivat sulkea tämän Commercen B2B-myyntimahdollisuuden voitettuna: se hyväksyy kumppanin Commercessa. Pyydä järjestelmänvalvojaa myöntämään rooli sinulle tai jollekin tiimeistäsi.",
    lose: "Vain käyttäjät, joilla on käyttöoikeusrooli Commerce B2B approver, voivat sulkea tämän Commercen B2B-myyntimahdollisuuden hävittynä: se hylkää kumppanin Commercessa. Pyydä järjestelmänvalvojaa myöntämään rooli sinulle tai jollekin tiimeistäsi.",
    disqualify:
      "Vain käyttäjät, joilla on käyttöoikeusrooli Commerce B2B approver, voivat hylätä tämän Commercen B2B-liidin: se hylkää kumppanin Commercessa. Pyydä järjestelmänvalvojaa myöntämään rooli sinulle tai jollekin tiimeistäsi.",
  },
} as const satisfies InEveryLanguage<Record<ApproverEvent, string>>;

/** The refusal when `cb2b_RequireApproverRole` is on and the user holds the approver role neither directly nor through a team. */
export function describeApproverRequired(event: ApproverEvent, languageId: number): string {
  return inLanguage(approverTexts, languageId)[event];
}
