import { OpportunityStatus } from "../../../core/src";

type Language = 1033 | 1035;

const catalogue = {
  1033: {
    title: "Close Opportunity",
    statusReason: "Status Reason",
    actualRevenue: "Actual Revenue",
    closeDate: "Close Date",
    description: "Description",
    ok: "OK",
    cancel: "Cancel",
    subject: "Opportunity Close",
    required: "Required fields must be filled in.",
  },
  1035: {
    title: "Sulje myyntimahdollisuus",
    statusReason: "Tilan syy",
    actualRevenue: "Todellinen tuotto",
    closeDate: "Sulkemispäivämäärä",
    description: "Kuvaus",
    ok: "OK",
    cancel: "Peruuta",
    subject: "Myyntimahdollisuuden sulkeminen",
    required: "Pakolliset kentät on täytettävä.",
  },
} as const;

export type CloseTexts = { [K in keyof (typeof catalogue)[1033]]: string };

export function closeTexts(languageId: number): CloseTexts {
  return catalogue[(languageId === 1035 ? 1035 : 1033) as Language];
}

/** Sales' opportunity status reasons of Won and Lost, for when the form does not carry statuscode. */
const STATUS_LABELS: Record<number, Record<Language, string>> = {
  [OpportunityStatus.Won]: { 1033: "Won", 1035: "Voitettu" },
  [OpportunityStatus.Canceled]: { 1033: "Canceled", 1035: "Peruutettu" },
  [OpportunityStatus.OutSold]: { 1033: "Out-Sold", 1035: "Hävitty kilpailijalle" },
};

export const WonStatuses = [OpportunityStatus.Won];
export const LostStatuses = [OpportunityStatus.Canceled, OpportunityStatus.OutSold];

export function statusLabel(value: number, languageId: number): string {
  return STATUS_LABELS[value]?.[(languageId === 1035 ? 1035 : 1033) as Language] ?? String(value);
}
