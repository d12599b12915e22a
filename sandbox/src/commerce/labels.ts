import { Languages, type SupportedLanguage } from "../../../core/src";

/**
 * Every text the Commerce simulator shows or sends, in the languages the product ships. The words
 * follow Commerce headquarters' own UI (All prospects, customer hierarchies, email notification types).
 */
const texts = {
  [Languages.English]: {
    prospectStatus: { Pending: "Pending", Approved: "Approved", Rejected: "Rejected" },
    prospectType: { B2BProspect: "B2B prospect" },
    partyType: { Organization: "Organization", Person: "Person" },
    hierarchyPurpose: { B2BOrganization: "B2B organization" },
    hierarchyRole: { Admin: "Admin" },
    notificationType: { B2BProspectApproved: "B2B prospect approved", B2BProspectRejected: "B2B prospect rejected" },
    jobs: {
      P0001: "P-0001 (channel transactions)",
      SynchronizeCustomersAndChannelRequests: "Synchronize customers and channel requests",
    },
    validation: {
      required: "{0} is required.",
      tooLong: "{0} can be at most {1} characters.",
      notText: "{0} must be text.",
      controlCharacters: "{0} contains characters that are not allowed.",
      invalidUnicode: "{0} contains text that is not valid Unicode (a broken character). Type it again.",
      invalidEmail: "{0} is not a valid email address.",
      invalidUrl: "{0} must be a web address that starts with http:// or https://.",
      invalidNumber: "{0} must be a whole number between 0 and 1000000000.",
      unknownChannel: "The channel {0} does not exist.",
      unknownField: "{0} is not a field of the sign-up form.",
      notAnObject: "The request body must be a JSON object.",
    },
    fields: {
      companyName: "Company name",
      firstName: "First name",
      lastName: "Last name",
      email: "Email",
      phone: "Phone",
      website: "Website",
      street: "Street",
      city: "City",
      stateOrProvince: "State or province",
      postalCode: "ZIP/postal code",
      countryRegion: "Country/region",
      numberOfEmployees: "Number of employees",
      comments: "Comments",
      channel: "Channel",
    },
    email: {
      approvedSubject: "Your business partner request for {0} is approved",
      approvedBody:
        "Hello {0},\n\n{1} is now a business partner. You are the administrator of your organization on our B2B site and can add the users who buy on its behalf.\n\nCustomer account: {2}\n",
      rejectedSubject: "Your business partner request for {0}",
      rejectedBody:
        "Hello {0},\n\nThank you for your interest. We cannot approve {1} as a business partner at this time.\n",
    },
  },
  [Languages.Finnish]: {
    prospectStatus: { Pending: "Odottaa", Approved: "Hyväksytty", Rejected: "Hylätty" },
    prospectType: { B2BProspect: "B2B-prospekti" },
    partyType: { Organization: "Organisaatio", Person: "Henkilö" },
    hierarchyPurpose: { B2BOrganization: "B2B-organisaatio" },
    hierarchyRole: { Admin: "Pääkäyttäjä" },
    notificationType: { B2BProspectApproved: "B2B-prospekti hyväksytty", B2BProspectRejected: "B2B-prospekti hylätty" },
    jobs: {
      P0001: "P-0001 (kanavatapahtumat)",
      SynchronizeCustomersAndChannelRequests: "Synkronoi asiakkaat ja kanavapyynnöt",
    },
    validation: {
      required: "{0} on pakollinen.",
      tooLong: "{0} voi olla enintään {1} merkkiä.",
      notText: "{0} on oltava tekstiä.",
      controlCharacters: "{0} sisältää merkkejä, jotka eivät ole sallittuja.",
      invalidUnicode: "{0} sisältää tekstiä, joka ei ole kelvollista Unicodea (rikkinäinen merkki). Kirjoita se uudelleen.",
      invalidEmail: "{0} ei ole kelvollinen sähköpostiosoite.",
      invalidUrl: "{0} on oltava verkko-osoite, joka alkaa http:// tai https://.",
      invalidNumber: "{0} on oltava kokonaisluku väliltä 0–1000000000.",
      unknownChannel: "Kanavaa {0} ei ole.",
      unknownField: "{0} ei ole rekisteröitymislomakkeen kenttä.",
      notAnObject: "Pyynnön rungon on oltava JSON-objekti.",
    },
    fields: {
      companyName: "Yrityksen nimi",
      firstName: "Etunimi",
      lastName: "Sukunimi",
      email: "Sähköposti",
      phone: "Puhelin",
      website: "Verkkosivusto",
      street: "Katuosoite",
      city: "Kaupunki",
      stateOrProvince: "Osavaltio tai maakunta",
      postalCode: "Postinumero",
      countryRegion: "Maa/alue",
      numberOfEmployees: "Työntekijöiden määrä",
      comments: "Kommentit",
      channel: "Kanava",
    },
    email: {
      approvedSubject: "Yrityksen {0} kumppanuushakemus on hyväksytty",
      approvedBody:
        "Hei {0},\n\n{1} on nyt kumppanimme. Olet organisaatiosi pääkäyttäjä B2B-sivustollamme ja voit lisätä käyttäjät, jotka ostavat sen puolesta.\n\nAsiakastili: {2}\n",
      rejectedSubject: "Yrityksen {0} kumppanuushakemus",
      rejectedBody: "Hei {0},\n\nKiitos kiinnostuksestasi. Emme voi tällä hetkellä hyväksyä yritystä {1} kumppaniksemme.\n",
    },
  },
} as const;

export type CommerceTexts = (typeof texts)[typeof Languages.English];

/** Texts for a language id; anything but Finnish falls back to English. */
export function commerceTexts(languageId: number): CommerceTexts {
  return (texts[languageId as SupportedLanguage] ?? texts[Languages.English]) as CommerceTexts;
}

/** Picks 1035 or 1033 from an HTTP Accept-Language header (`fi`, `fi-FI`, …). */
export function languageFromAcceptLanguage(header: string | undefined): SupportedLanguage {
  const first = (header ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
  return first === "fi" || first.startsWith("fi-") ? Languages.Finnish : Languages.English;
}
