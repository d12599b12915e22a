import { validateSignup } from "./signup";

const channels = (id: string) => id === "B2B-US";
const valid = { companyName: "Contoso", firstName: "Aino", lastName: "Virtanen", email: "aino@contoso.example", channel: "B2B-US" };

describe("sign-up validation", () => {
  it("accepts a complete form and keeps the values as given", () => {
    const result = validateSignup({ ...valid, numberOfEmployees: "42", website: "https://contoso.example/" }, channels, 1033);
    expect(result).toEqual({ ok: true, value: { ...valid, numberOfEmployees: 42, website: "https://contoso.example/" } });
  });

  it("names every problem, in English or Finnish", () => {
    const body = { firstName: 7, email: "not-an-email", website: "javascript:alert(1)", numberOfEmployees: -1, channel: "NOPE", isAdmin: true };
    const result = validateSignup(body, channels, 1033);
    if (result.ok) throw new Error("should fail");
    expect(result.errors.map((e) => [e.field, e.code])).toEqual([
      ["isAdmin", "unknownField"],
      ["companyName", "required"],
      ["firstName", "notText"],
      ["lastName", "required"],
      ["email", "invalidEmail"],
      ["website", "invalidUrl"],
      ["channel", "unknownChannel"],
      ["numberOfEmployees", "invalidNumber"],
    ]);
    expect(result.errors[1].message).toBe("Company name is required.");
    const fi = validateSignup({ ...valid, companyName: "" }, channels, 1035);
    expect(fi.ok === false && fi.errors[0].message).toBe("Yrityksen nimi on pakollinen.");
  });

  it("refuses over-long values and control characters, allowing line breaks only in comments", () => {
    const result = validateSignup(
      { ...valid, companyName: "x".repeat(101), city: "Hel\nsinki", phone: "1\u0000", comments: "line one\nline two" },
      channels,
      1033,
    );
    if (result.ok) throw new Error("should fail");
    expect(result.errors.map((e) => [e.field, e.code])).toEqual([
      ["companyName", "tooLong"],
      ["phone", "controlCharacters"],
      ["city", "controlCharacters"],
    ]);
    expect(result.errors[0].message).toBe("Company name can be at most 100 characters.");
  });

  it("refuses text that is not valid Unicode at its field: a lone surrogate, or U+FFFD from bytes that were not UTF-8", () => {
    const result = validateSignup({ ...valid, companyName: "Contoso \ud800 Oy", lastName: "Virta\udc00nen", city: "Helsinki\ufffd" }, channels, 1033);
    if (result.ok) throw new Error("should fail");
    expect(result.errors.map((e) => [e.field, e.code])).toEqual([
      ["companyName", "invalidUnicode"],
      ["lastName", "invalidUnicode"],
      ["city", "invalidUnicode"],
    ]);
    expect(result.errors[0].message).toBe("Company name contains text that is not valid Unicode (a broken character). Type it again.");
    // A pair of surrogates is one character (an emoji), and fine.
    expect(validateSignup({ ...valid, companyName: "Contoso \ud83d\ude80 Oy" }, channels, 1033).ok).toBe(true);
  });

  it("refuses a body that is not an object", () => {
    expect(validateSignup([valid], channels, 1033)).toMatchObject({ ok: false, errors: [{ code: "notAnObject" }] });
  });
});
