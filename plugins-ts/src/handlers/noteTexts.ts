import { format, Languages, type SupportedLanguage } from "../../../core/src";

/** What a hand-off note reports. */
export type NoteEvent =
  | { kind: "qualified" }
  | { kind: "approved"; prospectId: string | null }
  | { kind: "rejected"; prospectId: string | null; cause: "lose" | "disqualify" }
  | { kind: "pending"; prospectId: string | null; cause: "reopen" | "reactivate" };

const catalogue = {
  [Languages.English]: {
    subject: {
      qualified: "Commerce B2B hand-off: lead qualified",
      approved: "Commerce B2B hand-off: partner approved",
      rejected: "Commerce B2B hand-off: partner rejected",
      pending: "Commerce B2B hand-off: pending again",
    },
    qualified:
      "The account and contact were made ready for Commerce's Customers V3 dual-write maps (account customer type Customer, contact sellable, currency and customer group from the lead) and the opportunity was linked to this lead. Commerce creates the organization and person customers from them.",
    approved:
      "Prospect {0} was approved: dual-write sends the status Approved to Commerce, which creates the customer hierarchy and emails the partner.",
    rejected: "Prospect {0} was rejected ({1}): dual-write sends the status Rejected to Commerce, which emails the partner.",
    pending: "Prospect {0} is pending again ({1}): dual-write sends the status Pending to Commerce.",
    cause: {
      lose: "the opportunity was closed as lost",
      disqualify: "the lead was disqualified",
      reopen: "the opportunity was reopened",
      reactivate: "the lead was reactivated",
    },
    noProspectId: "(no prospect id)",
    byline: "By {0} on {1} UTC.",
  },
  [Languages.Finnish]: {
    subject: {
      qualified: "Commerce B2B -luovutus: liidi hyväksytty",
      approved: "Commerce B2B -luovutus: kumppani hyväksytty",
      rejected: "Commerce B2B -luovutus: kumppani hylätty",
      pending: "Commerce B2B -luovutus: odottaa taas",
    },
    qualified:
      "Asiakasyritys ja yhteyshenkilö valmisteltiin Commercen Customers V3 -kaksoiskirjoitusta varten (asiakasyrityksen asiakastyyppi Asiakas, yhteyshenkilö myytävissä, valuutta ja asiakasryhmä liidiltä), ja myyntimahdollisuus linkitettiin tähän liidiin. Commerce luo niistä organisaatio- ja henkilöasiakkaat.",
    approved:
      "Prospekti {0} hyväksyttiin: kaksoiskirjoitus lähettää Commerceen tilan Hyväksytty, ja Commerce luo asiakashierarkian ja lähettää kumppanille sähköpostin.",
    rejected: "Prospekti {0} hylättiin ({1}): kaksoiskirjoitus lähettää Commerceen tilan Hylätty, ja Commerce lähettää kumppanille sähköpostin.",
    pending: "Prospekti {0} odottaa taas ({1}): kaksoiskirjoitus lähettää Commerceen tilan Odottaa.",
    cause: {
      lose: "myyntimahdollisuus suljettiin menetettynä",
      disqualify: "liidi hylättiin",
      reopen: "myyntimahdollisuus avattiin uudelleen",
      reactivate: "liidi aktivoitiin uudelleen",
    },
    noProspectId: "(ei prospektitunnusta)",
    byline: "Tekijä: {0}, {1} UTC.",
  },
} as const;

function utc(date: Date): string {
  return date.toISOString().slice(0, 16).replace("T", " ");
}

/**
 * Subject and text of the timeline note. Nothing typed into the public sign-up form goes in (company
 * and person names stay out): the note shows ids Commerce assigned and the Sales user's name only.
 */
export function noteTexts(event: NoteEvent, by: string, at: Date, languageId: number): { subject: string; text: string } {
  const t = catalogue[languageId as SupportedLanguage] ?? catalogue[Languages.English];
  const prospect = (id: string | null): string => id ?? t.noProspectId;
  let body: string;
  switch (event.kind) {
    case "qualified":
      body = t.qualified;
      break;
    case "approved":
      body = format(t.approved, prospect(event.prospectId));
      break;
    case "rejected":
      body = format(t.rejected, prospect(event.prospectId), t.cause[event.cause]);
      break;
    case "pending":
      body = format(t.pending, prospect(event.prospectId), t.cause[event.cause]);
      break;
  }
  return { subject: t.subject[event.kind], text: `${body}\n${format(t.byline, by, utc(at))}` };
}
