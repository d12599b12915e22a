import type { LanguageId } from "../shared/session";

/**
 * The B2B site's own words in every shipped language. Field labels and validation messages are not
 * here: they come from the Commerce simulator's catalogue (sandbox/src/commerce/labels.ts), so the
 * form and the API's 400 errors always use the same names.
 */
const strings = {
  1033: {
    siteName: "Adventure Works",
    siteTagline: "Business partners",
    navSignup: "Partner sign up",
    pageTitle: "Partner sign up",
    intro: "Apply to become a business partner of Adventure Works. After approval you can order for your organization on our B2B site.",
    requiredNote: "Fields marked with * are required.",
    sectionCompany: "Company",
    sectionContact: "Contact person",
    sectionAddress: "Address",
    sectionMore: "More about your business",
    channelPlaceholder: "Select a channel",
    channelsFailed: "The list of B2B channels could not be loaded: {0}",
    submit: "Submit",
    submitting: "Submitting…",
    fixErrors: "Check the highlighted fields.",
    submitFailed: "Your request could not be sent: {0}",
    thanksTitle: "Thank you for your request",
    thanksReceived: "We received the business partner request for {0}.",
    thanksRequestId: "Request number: {0}",
    nextTitle: "What happens next",
    nextReview: "A sales representative reviews your request.",
    nextEmail: "When it is decided, we send an email to {0}. If you are approved, the email tells you your customer account and that you are the administrator of your organization on our B2B site.",
    anotherRequest: "Submit another request",
    footer: "Adventure Works B2B site · Dynamics 365 Commerce sandbox",
  },
  1035: {
    siteName: "Adventure Works",
    siteTagline: "Yrityskumppanit",
    navSignup: "Kumppaniksi rekisteröityminen",
    pageTitle: "Kumppaniksi rekisteröityminen",
    intro: "Hae Adventure Worksin yrityskumppaniksi. Hyväksynnän jälkeen voit tilata organisaatiosi puolesta B2B-sivustollamme.",
    requiredNote: "Tähdellä (*) merkityt kentät ovat pakollisia.",
    sectionCompany: "Yritys",
    sectionContact: "Yhteyshenkilö",
    sectionAddress: "Osoite",
    sectionMore: "Lisätietoja yrityksestäsi",
    channelPlaceholder: "Valitse kanava",
    channelsFailed: "B2B-kanavien luetteloa ei voitu ladata: {0}",
    submit: "Lähetä",
    submitting: "Lähetetään…",
    fixErrors: "Tarkista korostetut kentät.",
    submitFailed: "Hakemustasi ei voitu lähettää: {0}",
    thanksTitle: "Kiitos hakemuksestasi",
    thanksReceived: "Vastaanotimme yrityksen {0} kumppanuushakemuksen.",
    thanksRequestId: "Hakemuksen numero: {0}",
    nextTitle: "Mitä seuraavaksi tapahtuu",
    nextReview: "Myyntiedustaja käsittelee hakemuksesi.",
    nextEmail: "Kun päätös on tehty, lähetämme sähköpostia osoitteeseen {0}. Jos hakemus hyväksytään, viestissä kerrotaan asiakastilisi ja se, että olet organisaatiosi pääkäyttäjä B2B-sivustollamme.",
    anotherRequest: "Lähetä uusi hakemus",
    footer: "Adventure Worksin B2B-sivusto · Dynamics 365 Commerce -testiympäristö",
  },
} as const;

export type SiteStrings = { readonly [K in keyof (typeof strings)[1033]]: string };

export function siteStrings(languageId: LanguageId): SiteStrings {
  return strings[languageId];
}
