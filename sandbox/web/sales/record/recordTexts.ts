import type { LanguageId } from "../../shared/session";

const catalogue = {
  1033: {
    yes: "Yes",
    no: "No",
    formSelector: "Form",
    loading: "Loading the record...",
    loadFailed: "The record could not be opened: {0}",
    noForm: "There is no active main form for this table.",
    readOnly: "Read-only: this record's status is {0}.",
    newRecord: "New {0}",
    unsaved: "Unsaved",
    emptyValue: "---",
    headerFields: "Header fields",
    notifications: "Form notifications",
  },
  1035: {
    yes: "Kyllä",
    no: "Ei",
    formSelector: "Lomake",
    loading: "Ladataan tietuetta...",
    loadFailed: "Tietuetta ei voitu avata: {0}",
    noForm: "Taululla ei ole aktiivista päälomaketta.",
    readOnly: "Vain luku: tietueen tila on {0}.",
    newRecord: "Uusi {0}",
    unsaved: "Tallentamaton",
    emptyValue: "---",
    headerFields: "Otsikkokentät",
    notifications: "Lomakkeen ilmoitukset",
  },
} as const;

export type RecordTexts = { [K in keyof (typeof catalogue)[1033]]: string };

export function recordTexts(languageId: LanguageId): RecordTexts {
  return catalogue[languageId] ?? catalogue[1033];
}
