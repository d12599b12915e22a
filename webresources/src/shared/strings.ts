import { ProspectStatus, type ProspectStatusValue } from "../../../core/src/columns";
import { format } from "../../../core/src/texts/inLanguage";
import { Languages, type SupportedLanguage } from "../../../core/src/names";

/**
 * What the form scripts show the rep, in every language the solution ships. The rule texts (what is
 * missing, why Close as Won must wait, refusals) come from core so the webhook handlers say the same
 * words; the texts only the forms show are here (both forms), in lead/leadTexts.ts and in
 * opportunity/opportunityTexts.ts: each form's script carries its own texts and not the other form's.
 */
export type Catalogue<T> = { readonly [language in SupportedLanguage]: T };

/** The texts for a user language id; anything but Finnish falls back to English, as core does. */
export function textsFor<T>(catalogue: Catalogue<unknown>, languageId: number): T {
  return (catalogue[languageId as SupportedLanguage] ?? catalogue[Languages.English]) as T;
}

const shared = {
  [Languages.English]: {
    prospectStatus: {
      [ProspectStatus.Pending]: "Pending",
      [ProspectStatus.Approved]: "Approved",
      [ProspectStatus.Rejected]: "Rejected",
    },
    unknownStatus: "not yet known",
    actionFailed: "The action failed: {0}",
  },
  [Languages.Finnish]: {
    prospectStatus: {
      [ProspectStatus.Pending]: "Odottaa",
      [ProspectStatus.Approved]: "Hyväksytty",
      [ProspectStatus.Rejected]: "Hylätty",
    },
    unknownStatus: "ei vielä tiedossa",
    actionFailed: "Toiminto epäonnistui: {0}",
  },
} as const satisfies Catalogue<unknown>;

export type FormTexts = (typeof shared)[typeof Languages.English];

/** The texts both forms show. */
export function formTexts(languageId: number): FormTexts {
  return textsFor<FormTexts>(shared, languageId);
}

export function prospectStatusLabel(status: ProspectStatusValue | null, languageId: number): string {
  const texts = formTexts(languageId);
  return status === null ? texts.unknownStatus : texts.prospectStatus[status];
}

export { format };
