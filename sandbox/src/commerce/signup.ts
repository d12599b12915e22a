import { format, isValidEmail } from "../../../core/src";
import { commerceTexts } from "./labels";

/**
 * The *Partner sign up* form's fields. Everything in it is attacker-controlled: it is validated for
 * shape and length, then stored exactly as given and only ever handled as data (never as HTML).
 */
export interface SignupInput {
  companyName: string;
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  website?: string;
  street?: string;
  city?: string;
  stateOrProvince?: string;
  postalCode?: string;
  countryRegion?: string;
  numberOfEmployees?: number;
  comments?: string;
  channel: string;
}

export type SignupField = keyof SignupInput;

export type SignupErrorCode =
  | "required"
  | "tooLong"
  | "notText"
  | "controlCharacters"
  | "invalidUnicode"
  | "invalidEmail"
  | "invalidUrl"
  | "invalidNumber"
  | "unknownChannel"
  | "unknownField"
  | "notAnObject";

export interface SignupError {
  field: string;
  code: SignupErrorCode;
  message: string;
}

export type SignupValidation = { ok: true; value: SignupInput } | { ok: false; errors: SignupError[] };

interface TextRule {
  required: boolean;
  /** The Dataverse column length the value ends up in through the Prospects (leads) map. */
  maxLength: number;
  multiline?: boolean;
}

const textRules: Record<Exclude<SignupField, "numberOfEmployees">, TextRule> = {
  companyName: { required: true, maxLength: 100 },
  firstName: { required: true, maxLength: 50 },
  lastName: { required: true, maxLength: 50 },
  email: { required: true, maxLength: 100 },
  phone: { required: false, maxLength: 50 },
  website: { required: false, maxLength: 200 },
  street: { required: false, maxLength: 250 },
  city: { required: false, maxLength: 80 },
  stateOrProvince: { required: false, maxLength: 50 },
  postalCode: { required: false, maxLength: 20 },
  countryRegion: { required: false, maxLength: 80 },
  comments: { required: false, maxLength: 2000, multiline: true },
  channel: { required: true, maxLength: 50 },
};

const knownFields = new Set<string>([...Object.keys(textRules), "numberOfEmployees"]);
const MAX_EMPLOYEES = 1_000_000_000;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** C0/C1 control characters; tab and line breaks are allowed only in multi-line fields. */
function hasControlCharacters(value: string, multiline: boolean): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === TAB || c === LF || c === CR) {
      if (!multiline) return true;
    } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      return true;
    }
  }
  return false;
}

/**
 * Text that is not well-formed Unicode: an unpaired UTF-16 surrogate (`"\ud800"` in the JSON), or U+FFFD,
 * the replacement character a UTF-8 decoder puts where the bytes were not UTF-8. Neither can be stored
 * as the partner typed it, so it is refused rather than kept as something else.
 */
function hasInvalidUnicode(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0xfffd) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * Checks a sign-up submission. `channelExists` answers whether the channel id names a B2B channel.
 * Errors come back in the caller's language, one per problem, each naming the field.
 */
export function validateSignup(
  body: unknown,
  channelExists: (channelId: string) => boolean,
  languageId: number,
): SignupValidation {
  const t = commerceTexts(languageId);
  const errors: SignupError[] = [];
  const fail = (field: string, code: SignupErrorCode, ...args: string[]): void => {
    const label = (t.fields as Record<string, string>)[field] ?? field;
    errors.push({ field, code, message: format(t.validation[code], label, ...args) });
  };
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    errors.push({ field: "", code: "notAnObject", message: t.validation.notAnObject });
    return { ok: false, errors };
  }
  const input = body as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!knownFields.has(key)) errors.push({ field: key, code: "unknownField", message: format(t.validation.unknownField, key) });
  }

  const value: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(textRules)) {
    const raw = input[field];
    if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) {
      if (rule.required) fail(field, "required");
      continue;
    }
    if (typeof raw !== "string") {
      fail(field, "notText");
      continue;
    }
    if (hasInvalidUnicode(raw)) fail(field, "invalidUnicode");
    else if (raw.length > rule.maxLength) fail(field, "tooLong", String(rule.maxLength));
    else if (hasControlCharacters(raw, rule.multiline === true)) fail(field, "controlCharacters");
    else if (field === "email" && !isValidEmail(raw.trim())) fail(field, "invalidEmail");
    else if (field === "website" && !isHttpUrl(raw.trim())) fail(field, "invalidUrl");
    else if (field === "channel" && !channelExists(raw)) errors.push({ field, code: "unknownChannel", message: format(t.validation.unknownChannel, raw) });
    else value[field] = raw;
  }

  const employees = input.numberOfEmployees;
  if (employees !== undefined && employees !== null && employees !== "") {
    const n = typeof employees === "string" && /^\d+$/.test(employees.trim()) ? Number(employees.trim()) : employees;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > MAX_EMPLOYEES) fail("numberOfEmployees", "invalidNumber");
    else value.numberOfEmployees = n;
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: value as unknown as SignupInput };
}
