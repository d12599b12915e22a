import type { LanguageId } from "../../shared/session";

const catalogue = {
  1033: { commands: "Commands", disabled: "{0} is not available for this record right now.", disabledGrid: "Select the records {0} applies to first.", more: "More commands" },
  1035: { commands: "Komennot", disabled: "{0} ei ole nyt käytettävissä tälle tietueelle.", disabledGrid: "Valitse ensin tietueet, joihin {0} kohdistuu.", more: "Lisää komentoja" },
} as const;

export function commandTexts(languageId: LanguageId) {
  return catalogue[languageId] ?? catalogue[1033];
}
