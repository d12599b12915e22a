import type { QualificationProblem, QualificationRequirement } from "../qualification";
import { format, inLanguage, type InEveryLanguage } from "./inLanguage";

/** Why a Commerce B2B lead cannot be qualified yet: the lead form script and the QualifyLead webhook step. */
const qualificationTexts = {
  1033: {
    requirement: { companyName: "Company name", contactName: "Contact last name", email: "Email", currency: "Currency" },
    missing: "{0} is missing.",
    invalid: "{0} is not a valid email address.",
    qualifyBlocked:
      "This Commerce B2B lead cannot be qualified yet: Commerce needs it to create the organization and person customers. {0}",
  },
  1035: {
    requirement: { companyName: "Yrityksen nimi", contactName: "Yhteyshenkilön sukunimi", email: "Sähköposti", currency: "Valuutta" },
    missing: "{0} puuttuu.",
    invalid: "{0} ei ole kelvollinen sähköpostiosoite.",
    qualifyBlocked:
      "Tätä Commercen B2B-liidiä ei voi vielä hyväksyä: Commerce tarvitsee sen tiedot organisaatio- ja henkilöasiakkaan luomiseen. {0}",
  },
} as const satisfies InEveryLanguage<{ requirement: Record<QualificationRequirement, string>; missing: string; invalid: string; qualifyBlocked: string }>;

export function describeRequirement(requirement: QualificationRequirement, languageId: number): string {
  return inLanguage(qualificationTexts, languageId).requirement[requirement];
}

export function describeProblem(problem: QualificationProblem, languageId: number): string {
  const texts = inLanguage(qualificationTexts, languageId);
  return format(problem.kind === "missing" ? texts.missing : texts.invalid, texts.requirement[problem.requirement]);
}

/** One message listing every problem, for a form notification or a webhook refusal. */
export function describeQualificationBlock(problems: readonly QualificationProblem[], languageId: number): string {
  return format(inLanguage(qualificationTexts, languageId).qualifyBlocked, problems.map((p) => describeProblem(p, languageId)).join(" "));
}
