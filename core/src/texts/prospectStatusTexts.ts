import type { ProspectStatusValue } from "../columns";
import type { ProspectColumnRefusal } from "../prospectStatusConsistency";
import { format, inLanguage, type InEveryLanguage } from "./inLanguage";

/**
 * The prospect status by name (hand-off notes) and the webhook's refusal of a direct change to the hand-off
 * columns. The statuses are keyed by their option values as literals (checked against core's
 * ProspectStatusValue by the `satisfies` below): a computed key would read an imported object, which bundlers must assume
 * has side effects, and every form script would carry this table.
 */
const prospectStatusTexts = {
  1033: {
    status: { 192350000: "Pending", 192350001: "Approved", 192350002: "Rejected" },
    columns: {
      prospectStatusNotConsistent:
        "The Commerce B2B prospect status cannot be set directly: it follows the records. It becomes Approved when the opportunity is closed as won, Rejected when the lead is disqualified or the opportunity is closed as lost, and is Pending otherwise. For this lead it is {0}.",
      dualWriteColumnsOnly:
        "Whether this lead is a Commerce B2B prospect, and which prospect it is, comes from Commerce through dual-write and cannot be changed in Sales.",
      prospectChangeNotVisible:
        "This change to the Commerce B2B prospect columns cannot be checked because the request is too large. Those columns change only through the hand-off and dual-write.",
    },
  },
  1035: {
    status: { 192350000: "Odottaa", 192350001: "Hyväksytty", 192350002: "Hylätty" },
    columns: {
      prospectStatusNotConsistent:
        "Commercen B2B-prospektin tilaa ei voi asettaa suoraan: se seuraa tietueita. Tila on Hyväksytty, kun myyntimahdollisuus suljetaan voitettuna, Hylätty, kun liidi hylätään tai myyntimahdollisuus suljetaan hävittynä, ja muuten Odottaa. Tämän liidin tila on {0}.",
      dualWriteColumnsOnly:
        "Se, onko tämä liidi Commercen B2B-prospekti ja mikä prospekti se on, tulee Commercesta kaksoiskirjoituksella, eikä sitä voi muuttaa Salesissa.",
      prospectChangeNotVisible:
        "Tätä Commercen B2B-prospektin sarakkeiden muutosta ei voi tarkistaa, koska pyyntö on liian suuri. Nämä sarakkeet muuttuvat vain luovutuksessa ja kaksoiskirjoituksella.",
    },
  },
} as const satisfies InEveryLanguage<{ status: Record<ProspectStatusValue, string>; columns: Record<ProspectColumnRefusal, string> }>;

/** The status's name in the user's language, as the hand-off notes say it. */
export function describeProspectStatus(status: ProspectStatusValue, languageId: number): string {
  return inLanguage(prospectStatusTexts, languageId).status[status];
}

/**
 * The refusal of a direct change to the hand-off columns (`msdyn_b2bprospectstatus`,
 * `msdyn_b2bcommerceprospect`, `msdyn_prospectid`); `expected` is the status the records support.
 */
export function describeProspectColumnRefusal(reason: ProspectColumnRefusal, languageId: number, expected?: ProspectStatusValue | null): string {
  const texts = inLanguage(prospectStatusTexts, languageId);
  if (reason !== "prospectStatusNotConsistent") return texts.columns[reason];
  return format(texts.columns.prospectStatusNotConsistent, expected ? texts.status[expected] : "?");
}
