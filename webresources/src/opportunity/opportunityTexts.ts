import { Languages } from "../../../core/src/names";
import { textsFor, type Catalogue } from "../shared/strings";

/** What the opportunity form shows the rep (see shared/strings.ts for the texts both forms show). */
const opportunity = {
  [Languages.English]: {
    opportunityNotification:
      "This opportunity comes from Commerce B2B prospect {0}, Commerce status: {1}. Close as Won approves the partner in Commerce; Close as Lost rejects it.",
    closeWonBlocked: "Close as Won is not available for this Commerce B2B opportunity yet. {0}",
    closeLostBlocked: "Close as Lost is not available for this Commerce B2B opportunity. {0}",
  },
  [Languages.Finnish]: {
    opportunityNotification:
      "Tämä myyntimahdollisuus on peräisin Commercen B2B-prospektista {0}, tila Commercessa: {1}. Voitettuna sulkeminen hyväksyy kumppanin Commercessa; hävittynä sulkeminen hylkää sen.",
    closeWonBlocked: "Tätä Commercen B2B-myyntimahdollisuutta ei voi vielä sulkea voitettuna. {0}",
    closeLostBlocked: "Tätä Commercen B2B-myyntimahdollisuutta ei voi sulkea hävittynä. {0}",
  },
} as const satisfies Catalogue<unknown>;

export type OpportunityTexts = (typeof opportunity)[typeof Languages.English];

export function opportunityTexts(languageId: number): OpportunityTexts {
  return textsFor<OpportunityTexts>(opportunity, languageId);
}
