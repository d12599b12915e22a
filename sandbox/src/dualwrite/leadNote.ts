import { Languages } from "../../../core/src";

/**
 * The timeline note dual-write adds to a lead it creates from a Commerce B2B prospect, so the rep
 * sees where the lead came from. Written in the organization's base language.
 */
const texts = {
  [Languages.English]: {
    subject: "Created by dual-write",
    text: "This lead was created by dual-write (map Prospects (leads)) from the Commerce B2B prospect {0}.",
  },
  [Languages.Finnish]: {
    subject: "Kaksoiskirjoituksen luoma",
    text: "Kaksoiskirjoitus (yhdistämismääritys Prospects (leads)) loi tämän liidin Commercen B2B-prospektista {0}.",
  },
} as const;

export function dualWriteLeadNote(prospectId: string, languageId: number): { subject: string; notetext: string } {
  const t = languageId === Languages.Finnish ? texts[Languages.Finnish] : texts[Languages.English];
  return { subject: t.subject, notetext: t.text.replace("{0}", prospectId) };
}
