import { Languages, LeadStatus, ProspectStatus, format, type ProspectStatusValue, type SupportedLanguage } from "../../../core/src";

/**
 * What the form scripts show the rep, in every language the solution ships. The rule texts
 * (what is missing, why Close as Won must wait, refusals) come from core so the webhook handlers
 * say the same words; these are the texts only the forms show.
 */
const catalogue = {
  [Languages.English]: {
    prospectStatus: {
      [ProspectStatus.Pending]: "Pending",
      [ProspectStatus.Approved]: "Approved",
      [ProspectStatus.Rejected]: "Rejected",
    },
    unknownStatus: "not yet known",
    leadNotification:
      "Commerce B2B prospect {0}, Commerce status: {1}. Qualify creates the account, contact and opportunity that Commerce needs. Disqualify rejects the partner and Commerce emails the rejection.",
    opportunityNotification:
      "This opportunity comes from Commerce B2B prospect {0}, Commerce status: {1}. Close as Won approves the partner in Commerce; Close as Lost rejects it.",
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
    closeWonBlocked: "Close as Won is not available for this Commerce B2B opportunity yet. {0}",
    closeLostBlocked: "Close as Lost is not available for this Commerce B2B opportunity. {0}",
    disqualifyBlocked: "This Commerce B2B lead cannot be disqualified. {0}",
    actionFailed: "The action failed: {0}",
  },
  [Languages.Finnish]: {
    prospectStatus: {
      [ProspectStatus.Pending]: "Odottaa",
      [ProspectStatus.Approved]: "Hyväksytty",
      [ProspectStatus.Rejected]: "Hylätty",
    },
    unknownStatus: "ei vielä tiedossa",
    leadNotification:
      "Commercen B2B-prospekti {0}, tila Commercessa: {1}. Hyväksyminen luo asiakasyrityksen, yhteyshenkilön ja myyntimahdollisuuden, joita Commerce tarvitsee. Hylkääminen hylkää kumppanin, ja Commerce lähettää hylkäyksestä sähköpostin.",
    opportunityNotification:
      "Tämä myyntimahdollisuus on peräisin Commercen B2B-prospektista {0}, tila Commercessa: {1}. Voitettuna sulkeminen hyväksyy kumppanin Commercessa; hävittynä sulkeminen hylkää sen.",
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
    closeWonBlocked: "Tätä Commercen B2B-myyntimahdollisuutta ei voi vielä sulkea voitettuna. {0}",
    closeLostBlocked: "Tätä Commercen B2B-myyntimahdollisuutta ei voi sulkea hävittynä. {0}",
    disqualifyBlocked: "Tätä Commercen B2B-liidiä ei voi hylätä. {0}",
    actionFailed: "Toiminto epäonnistui: {0}",
  },
} as const;

export type FormTexts = (typeof catalogue)[typeof Languages.English];

/** Texts for a user language id; anything but Finnish falls back to English, as core does. */
export function formTexts(languageId: number): FormTexts {
  return (catalogue[languageId as SupportedLanguage] ?? catalogue[Languages.English]) as FormTexts;
}

export function prospectStatusLabel(status: ProspectStatusValue | null, languageId: number): string {
  const texts = formTexts(languageId);
  return status === null ? texts.unknownStatus : texts.prospectStatus[status];
}

/** The label of a lead Disqualify reason (statuscode 4–7), or a neutral text when the form does not say. */
export function disqualifyReasonLabel(statusCode: number | null, languageId: number): string {
  const texts = formTexts(languageId);
  const reasons = texts.disqualifyReason as Readonly<Record<number, string>>;
  return (statusCode !== null && reasons[statusCode]) || texts.unknownReason;
}

export { format };
