import type { CloseWonBlocker } from "../qualification";
import { inLanguage, type InEveryLanguage } from "./inLanguage";

/** Why a Commerce B2B opportunity cannot be closed as won yet: the opportunity form script and the WinOpportunity webhook step. */
const closeWonTexts = {
  1033: {
    noAccount: "The opportunity has no account. Qualify the Commerce B2B lead so that an account is created.",
    noContact: "The opportunity has no contact. Qualify the Commerce B2B lead so that a contact is created.",
    accountNotInCommerce:
      "The account is not yet a Commerce organization customer (no account number from Commerce). Check that the Customers V3 (accounts) dual-write map is running.",
    contactNotInCommerce:
      "The contact is not yet a Commerce person customer (no contact person id from Commerce). Check that the Customers V3 (contacts) dual-write map is running.",
  },
  1035: {
    noAccount: "Myyntimahdollisuudella ei ole asiakasyritystä. Hyväksy Commercen B2B-liidi, jotta asiakasyritys luodaan.",
    noContact: "Myyntimahdollisuudella ei ole yhteyshenkilöä. Hyväksy Commercen B2B-liidi, jotta yhteyshenkilö luodaan.",
    accountNotInCommerce:
      "Asiakasyritys ei ole vielä Commercen organisaatioasiakas (Commerce ei ole antanut asiakasnumeroa). Tarkista, että kaksoiskirjoituksen Customers V3 (accounts) -yhdistämismääritys on käynnissä.",
    contactNotInCommerce:
      "Yhteyshenkilö ei ole vielä Commercen henkilöasiakas (Commerce ei ole antanut yhteyshenkilön tunnusta). Tarkista, että kaksoiskirjoituksen Customers V3 (contacts) -yhdistämismääritys on käynnissä.",
  },
} as const satisfies InEveryLanguage<Record<CloseWonBlocker, string>>;

export function describeCloseWonBlocker(blocker: CloseWonBlocker, languageId: number): string {
  return inLanguage(closeWonTexts, languageId)[blocker];
}
