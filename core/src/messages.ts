import { Languages, type SupportedLanguage } from "./names";
import type { CloseWonBlocker, QualificationProblem, QualificationRequirement } from "./qualification";
import { ProspectStatus, type ProspectStatusValue } from "./columns";
import type { ApproverEvent, TransitionRefusal } from "./prospectStateMachine";
import type { ProspectColumnRefusal } from "./prospectStatusConsistency";

/**
 * The user-facing texts of the hand-off rules, in every language the solution ships. Form scripts
 * (shown to the rep) and webhook handlers (returned as the refusal message) use the same words.
 */
const catalogue = {
  [Languages.English]: {
    requirement: {
      companyName: "Company name",
      contactName: "Contact last name",
      email: "Email",
      currency: "Currency",
    },
    missing: "{0} is missing.",
    invalid: "{0} is not a valid email address.",
    qualifyBlocked:
      "This Commerce B2B lead cannot be qualified yet: Commerce needs it to create the organization and person customers. {0}",
    closeWon: {
      noAccount: "The opportunity has no account. Qualify the Commerce B2B lead so that an account is created.",
      noContact: "The opportunity has no contact. Qualify the Commerce B2B lead so that a contact is created.",
      accountNotInCommerce:
        "The account is not yet a Commerce organization customer (no account number from Commerce). Check that the Customers V3 (accounts) dual-write map is running.",
      contactNotInCommerce:
        "The contact is not yet a Commerce person customer (no contact person id from Commerce). Check that the Customers V3 (contacts) dual-write map is running.",
    },
    refusal: {
      alreadyApproved:
        "The partner is already approved in Commerce: the customer hierarchy exists and approval cannot be taken back.",
      rejectedMustReopenFirst:
        "The partner was rejected. Reopen the opportunity or reactivate the lead before approving it.",
    },
    approverRequired: {
      win: "Only users with the Commerce B2B approver security role can close this Commerce B2B opportunity as won: it approves the partner in Commerce. Ask an administrator to assign the role to you or to one of your teams.",
      lose: "Only users with the Commerce B2B approver security role can close this Commerce B2B opportunity as lost: it rejects the partner in Commerce. Ask an administrator to assign the role to you or to one of your teams.",
      disqualify:
        "Only users with the Commerce B2B approver security role can disqualify this Commerce B2B lead: it rejects the partner in Commerce. Ask an administrator to assign the role to you or to one of your teams.",
    },
    prospectStatus: { [ProspectStatus.Pending]: "Pending", [ProspectStatus.Approved]: "Approved", [ProspectStatus.Rejected]: "Rejected" },
    prospectColumns: {
      prospectStatusNotConsistent:
        "The Commerce B2B prospect status cannot be set directly: it follows the records. It becomes Approved when the opportunity is closed as won, Rejected when the lead is disqualified or the opportunity is closed as lost, and is Pending otherwise. For this lead it is {0}.",
      dualWriteColumnsOnly:
        "Whether this lead is a Commerce B2B prospect, and which prospect it is, comes from Commerce through dual-write and cannot be changed in Sales.",
      prospectChangeNotVisible:
        "This change to the Commerce B2B prospect columns cannot be checked because the request is too large. Those columns change only through the hand-off and dual-write.",
    },
  },
  [Languages.Finnish]: {
    requirement: {
      companyName: "Yrityksen nimi",
      contactName: "Yhteyshenkilön sukunimi",
      email: "Sähköposti",
      currency: "Valuutta",
    },
    missing: "{0} puuttuu.",
    invalid: "{0} ei ole kelvollinen sähköpostiosoite.",
    qualifyBlocked:
      "Tätä Commercen B2B-liidiä ei voi vielä hyväksyä: Commerce tarvitsee sen tiedot organisaatio- ja henkilöasiakkaan luomiseen. {0}",
    closeWon: {
      noAccount: "Myyntimahdollisuudella ei ole asiakasyritystä. Hyväksy Commercen B2B-liidi, jotta asiakasyritys luodaan.",
      noContact: "Myyntimahdollisuudella ei ole yhteyshenkilöä. Hyväksy Commercen B2B-liidi, jotta yhteyshenkilö luodaan.",
      accountNotInCommerce:
        "Asiakasyritys ei ole vielä Commercen organisaatioasiakas (Commerce ei ole antanut asiakasnumeroa). Tarkista, että kaksoiskirjoituksen Customers V3 (accounts) -yhdistämismääritys on käynnissä.",
      contactNotInCommerce:
        "Yhteyshenkilö ei ole vielä Commercen henkilöasiakas (Commerce ei ole antanut yhteyshenkilön tunnusta). Tarkista, että kaksoiskirjoituksen Customers V3 (contacts) -yhdistämismääritys on käynnissä.",
    },
    refusal: {
      alreadyApproved:
        "Kumppani on jo hyväksytty Commercessa: asiakashierarkia on luotu, eikä hyväksyntää voi perua.",
      rejectedMustReopenFirst:
        "Kumppani on hylätty. Avaa myyntimahdollisuus uudelleen tai aktivoi liidi ennen hyväksymistä.",
    },
    approverRequired: {
      win: "Vain käyttäjät, joilla on käyttöoikeusrooli Commerce B2B approver, voivat sulkea tämän Commercen B2B-myyntimahdollisuuden voitettuna: se hyväksyy kumppanin Commercessa. Pyydä järjestelmänvalvojaa myöntämään rooli sinulle tai jollekin tiimeistäsi.",
      lose: "Vain käyttäjät, joilla on käyttöoikeusrooli Commerce B2B approver, voivat sulkea tämän Commercen B2B-myyntimahdollisuuden hävittynä: se hylkää kumppanin Commercessa. Pyydä järjestelmänvalvojaa myöntämään rooli sinulle tai jollekin tiimeistäsi.",
      disqualify:
        "Vain käyttäjät, joilla on käyttöoikeusrooli Commerce B2B approver, voivat hylätä tämän Commercen B2B-liidin: se hylkää kumppanin Commercessa. Pyydä järjestelmänvalvojaa myöntämään rooli sinulle tai jollekin tiimeistäsi.",
    },
    prospectStatus: { [ProspectStatus.Pending]: "Odottaa", [ProspectStatus.Approved]: "Hyväksytty", [ProspectStatus.Rejected]: "Hylätty" },
    prospectColumns: {
      prospectStatusNotConsistent:
        "Commercen B2B-prospektin tilaa ei voi asettaa suoraan: se seuraa tietueita. Tila on Hyväksytty, kun myyntimahdollisuus suljetaan voitettuna, Hylätty, kun liidi hylätään tai myyntimahdollisuus suljetaan hävittynä, ja muuten Odottaa. Tämän liidin tila on {0}.",
      dualWriteColumnsOnly:
        "Se, onko tämä liidi Commercen B2B-prospekti ja mikä prospekti se on, tulee Commercesta kaksoiskirjoituksella, eikä sitä voi muuttaa Salesissa.",
      prospectChangeNotVisible:
        "Tätä Commercen B2B-prospektin sarakkeiden muutosta ei voi tarkistaa, koska pyyntö on liian suuri. Nämä sarakkeet muuttuvat vain luovutuksessa ja kaksoiskirjoituksella.",
    },
  },
} as const;

export type RuleTexts = (typeof catalogue)[typeof Languages.English];

/** Texts for a user language id; anything but Finnish falls back to English. */
export function ruleTexts(languageId: number): RuleTexts {
  return (catalogue[languageId as SupportedLanguage] ?? catalogue[Languages.English]) as RuleTexts;
}

export function format(template: string, ...args: string[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => args[Number(index)] ?? whole);
}

export function describeRequirement(requirement: QualificationRequirement, languageId: number): string {
  return ruleTexts(languageId).requirement[requirement];
}

export function describeProblem(problem: QualificationProblem, languageId: number): string {
  const texts = ruleTexts(languageId);
  return format(problem.kind === "missing" ? texts.missing : texts.invalid, texts.requirement[problem.requirement]);
}

/** One message listing every problem, for a form notification or a webhook refusal. */
export function describeQualificationBlock(problems: readonly QualificationProblem[], languageId: number): string {
  return format(ruleTexts(languageId).qualifyBlocked, problems.map((p) => describeProblem(p, languageId)).join(" "));
}

export function describeCloseWonBlocker(blocker: CloseWonBlocker, languageId: number): string {
  return ruleTexts(languageId).closeWon[blocker];
}

export function describeRefusal(reason: TransitionRefusal, languageId: number): string {
  return ruleTexts(languageId).refusal[reason];
}

/** The refusal when `cb2b_RequireApproverRole` is on and the user holds the approver role neither directly nor through a team. */
export function describeApproverRequired(event: ApproverEvent, languageId: number): string {
  return ruleTexts(languageId).approverRequired[event];
}

/** The status's name in the user's language, as the hand-off notes say it. */
export function describeProspectStatus(status: ProspectStatusValue, languageId: number): string {
  return ruleTexts(languageId).prospectStatus[status];
}

/**
 * The refusal of a direct change to the hand-off columns (`msdyn_b2bprospectstatus`,
 * `msdyn_b2bcommerceprospect`, `msdyn_prospectid`); `expected` is the status the records support.
 */
export function describeProspectColumnRefusal(reason: ProspectColumnRefusal, languageId: number, expected?: ProspectStatusValue | null): string {
  const texts = ruleTexts(languageId);
  if (reason !== "prospectStatusNotConsistent") return texts.prospectColumns[reason];
  return format(texts.prospectColumns.prospectStatusNotConsistent, expected ? texts.prospectStatus[expected] : "?");
}
