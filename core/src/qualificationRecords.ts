import { Languages, type SupportedLanguage } from "./names";
import { format } from "./messages";

/**
 * Qualifying a Commerce B2B lead must create all three records: dual-write's Customers V3 maps turn the
 * account into Commerce's organization customer and the contact into its person customer, and the
 * opportunity is what Close as Won later approves. (Sales skips the account or contact when the lead
 * already points at an existing one, or when the rep unticks them.)
 */
export type QualificationRecord = "account" | "contact" | "opportunity";

export interface QualificationScope {
  /** QualifyLead's CreateAccount / CreateContact / CreateOpportunity parameters, or what was created. */
  account: boolean;
  contact: boolean;
  opportunity: boolean;
}

/** The records a qualification would not create (or did not create); empty when all three are there. */
export function missingQualificationRecords(scope: QualificationScope): QualificationRecord[] {
  return (["account", "contact", "opportunity"] as const).filter((record) => !scope[record]);
}

const texts = {
  [Languages.English]: {
    record: { account: "an account", contact: "a contact", opportunity: "an opportunity" },
    list: (items: string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`),
    message:
      "A Commerce B2B lead must be qualified into a new account, contact and opportunity: Commerce creates its organization and person customers from them. This qualification does not create {0}.",
  },
  [Languages.Finnish]: {
    record: { account: "asiakasyritystä", contact: "yhteyshenkilöä", opportunity: "myyntimahdollisuutta" },
    list: (items: string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} eikä ${items[items.length - 1]}`),
    message:
      "Commercen B2B-liidi on hyväksyttävä uudeksi asiakasyritykseksi, yhteyshenkilöksi ja myyntimahdollisuudeksi: Commerce luo niistä organisaatio- ja henkilöasiakkaansa. Tämä hyväksyntä ei luo {0}.",
  },
} as const;

/** The refusal for a qualification that leaves records out, in the user's language (English fallback). */
export function describeMissingQualificationRecords(missing: readonly QualificationRecord[], languageId: number): string {
  const t = texts[languageId as SupportedLanguage] ?? texts[Languages.English];
  return format(t.message, t.list(missing.map((record) => t.record[record])));
}
