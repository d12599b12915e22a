type Language = 1033 | 1035;

/** The Close Opportunity dialog, as Sales labels it. */
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
