import { plainText } from "./plainText";

describe("plainText", () => {
  it("keeps markup as literal characters (the platform shows it as text)", () => {
    expect(plainText('<a href="javascript:alert(1)">x</a>')).toBe('<a href="javascript:alert(1)">x</a>');
  });

  it("turns control characters and line breaks into single spaces", () => {
    expect(plainText("P-1\u0000\u001b[31m\u0085next\r\n\u2028line")).toBe("P-1 [31m next line");
  });

  it("shortens very long values", () => {
    const text = plainText("x".repeat(500), 10);
    expect(text).toBe(`${"x".repeat(9)}…`);
  });

  it("shows nothing for a missing value", () => {
    expect(plainText(null)).toBe("");
    expect(plainText(undefined)).toBe("");
  });
});
