import { LeadStatus } from "../../../core/src/columns";
import { Languages } from "../../../core/src/names";
import { textsFor, type Catalogue } from "../shared/strings";

/** What the lead form shows the rep (see shared/strings.ts for the texts both forms show). */
const lead = {
  [Languages.English]: {
    leadNotification:
      "Commerce B2B prospect {0}, Commerce status: {1}. Qualify creates the account, contact and opportunity that Commerce needs. Disqualify rejects the partner and Commerce emails the rejection.",
    disqualifyReason: {
      [LeadStatus.Lost]: "Lost",
      [LeadStatus.CannotContact]: "Cannot Contact",
      [LeadStatus.NoLongerInterested]: "No Longer Interested",
      [LeadStatus.Canceled]: "Canceled",
    },
    unknownReason: "(no reason chosen)",
    disqualifyTitle: "Disqualify the Commerce B2B partner?",
    disqualifyText:
      "Disqualifying prospect {0} with the reason \"{1}\" rejects the partner: Commerce sets the prospect to Rejected and emails the rejection to the partner.",
    disqualifyConfirm: "Disqualify",
    cancel: "Cancel",
    disqualifyBlocked: "This Commerce B2B lead cannot be disqualified. {0}",
    reviewOverdue:
      "This partner has waited longer than the review deadline of {0} hours: it passed on {1}. Qualify or disqualify the lead so that Commerce can tell the partner.",
  },
  [Languages.Finnish]: {
    leadNotification:
      "Commercen B2B-prospekti {0}, tila Commercessa: {1}. Hyväksyminen luo asiakasyrityksen, yhteyshenkilön ja myyntimahdollisuuden, joita Commerce tarvitsee. Hylkääminen hylkää kumppanin, ja Commerce lähettää hylkäyksestä sähköpostin.",
    disqualifyReason: {
      [LeadStatus.Lost]: "Menetetty",
      [LeadStatus.CannotContact]: "Ei tavoiteta",
      [LeadStatus.NoLongerInterested]: "Ei enää kiinnostunut",
      [LeadStatus.Canceled]: "Peruutettu",
    },
    unknownReason: "(syytä ei valittu)",
    disqualifyTitle: "Hylätäänkö Commercen B2B-kumppani?",
    disqualifyText:
      "Prospektin {0} hylkääminen syyllä \"{1}\" hylkää kumppanin: Commerce asettaa prospektin tilaan Hylätty ja lähettää kumppanille hylkäyksestä sähköpostin.",
    disqualifyConfirm: "Hylkää",
    cancel: "Peruuta",
    disqualifyBlocked: "Tätä Commercen B2B-liidiä ei voi hylätä. {0}",
    reviewOverdue:
      "Tämä kumppani on odottanut kauemmin kuin tarkistuksen määräaika, {0} tuntia: se umpeutui {1}. Hyväksy tai hylkää liidi, jotta Commerce voi ilmoittaa kumppanille.",
  },
} as const satisfies Catalogue<unknown>;

export type LeadTexts = (typeof lead)[typeof Languages.English];

export function leadTexts(languageId: number): LeadTexts {
  return textsFor<LeadTexts>(lead, languageId);
}

/** The label of a lead Disqualify reason (statuscode 4–7), or a neutral text when the form does not say. */
export function disqualifyReasonLabel(statusCode: number | null, languageId: number): string {
  const texts = leadTexts(languageId);
  const reasons = texts.disqualifyReason as Readonly<Record<number, string>>;
  return (statusCode !== null && reasons[statusCode]) || texts.unknownReason;
}
