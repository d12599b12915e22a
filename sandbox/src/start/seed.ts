import type { CommerceHq } from "../commerce/commerceHq";
import type { SignupInput } from "../commerce/signup";

/** A few partner sign-ups so a fresh sandbox has leads to work on (one per channel language, one incomplete for the rules). */
export const SampleSignups: readonly SignupInput[] = [
  {
    companyName: "Contoso Pharmaceuticals",
    firstName: "Alex",
    lastName: "Wu",
    email: "alex.wu@contoso.example",
    phone: "+1 425 555 0100",
    website: "https://contoso.example",
    street: "1 Microsoft Way",
    city: "Redmond",
    stateOrProvince: "WA",
    postalCode: "98052",
    countryRegion: "USA",
    numberOfEmployees: 1200,
    comments: "We would like to order for our 14 clinics.",
    channel: "B2B-US",
  },
  {
    companyName: "Pohjolan Työkalu Oy",
    firstName: "Aino",
    lastName: "Virtanen",
    email: "aino.virtanen@pohjolantyokalu.example",
    phone: "+358 40 123 4567",
    website: "https://pohjolantyokalu.example",
    street: "Mannerheimintie 12",
    city: "Helsinki",
    postalCode: "00100",
    countryRegion: "FIN",
    numberOfEmployees: 45,
    comments: "Jälleenmyyjä Uudellamaalla.",
    channel: "B2B-FI",
  },
  {
    companyName: "Fabrikam Residences",
    firstName: "Jordan",
    lastName: "Mitchell",
    email: "jordan@fabrikam.example",
    channel: "B2B-US",
  },
];

/** Submits the sample sign-ups through the same validation the form uses. Returns the request ids. */
export function seedSignups(commerce: CommerceHq): string[] {
  return SampleSignups.map((signup) => {
    const result = commerce.submitSignup(signup, 1033);
    if (!result.ok) throw new Error(`A sample sign-up is invalid: ${result.errors.map((e) => e.message).join(" ")}`);
    return result.request.requestId;
  });
}
