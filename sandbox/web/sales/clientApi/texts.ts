import type { LanguageId } from "../../shared/session";

/** The platform's own labels for the sandbox's Client API UI, in the user's language. */
const catalogue = {
  1033: {
    ok: "OK",
    cancel: "Cancel",
    confirmTitle: "Confirmation",
    errorTitle: "Error",
    required: "{0}: required fields must be filled in.",
    closeDialog: "Close",
  },
  1035: {
    ok: "OK",
    cancel: "Peruuta",
    confirmTitle: "Vahvistus",
    errorTitle: "Virhe",
    required: "{0}: pakolliset kentät on täytettävä.",
    closeDialog: "Sulje",
  },
} as const;

export type ClientApiTexts = { [K in keyof (typeof catalogue)[1033]]: string };

export function clientApiTexts(languageId: LanguageId): ClientApiTexts {
  return catalogue[languageId] ?? catalogue[1033];
}
