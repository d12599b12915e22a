import type { SignupField, SignupInput } from "../../src/commerce/signup";

/** What the form holds: every field as typed (the employee count too, until it is sent). */
export type SignupFormValues = Record<SignupField, string>;

export const signupFields: readonly SignupField[] = [
  "companyName",
  "website",
  "numberOfEmployees",
  "firstName",
  "lastName",
  "email",
  "phone",
  "street",
  "city",
  "stateOrProvince",
  "postalCode",
  "countryRegion",
  "comments",
  "channel",
];

export function emptySignupForm(channel = ""): SignupFormValues {
  const values = Object.fromEntries(signupFields.map((f) => [f, ""])) as SignupFormValues;
  values.channel = channel;
  return values;
}

/**
 * The request body: trimmed values, empty optional fields left out, the employee count as a number
 * when it is one (anything else is sent as typed so the API names the problem).
 */
export function toSignupBody(values: SignupFormValues): Partial<SignupInput> & Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of signupFields) {
    const value = field === "comments" ? values[field] : values[field].trim();
    if (value.trim() === "") continue;
    body[field] = field === "numberOfEmployees" && /^\d+$/.test(value) ? Number(value) : value;
  }
  return body;
}
