import { formatDateTime, initialLanguage } from "./language";

describe("Commerce pages' language", () => {
  it("takes ?lang= first, then the browser's first preference; Finnish only for fi*", () => {
    expect(initialLanguage("?lang=fi", ["en-US"])).toBe(1035);
    expect(initialLanguage("?lang=en", ["fi-FI"])).toBe(1033);
    expect(initialLanguage("", ["fi-FI", "en"])).toBe(1035);
    expect(initialLanguage("", ["fi"])).toBe(1035);
    expect(initialLanguage("", ["en-GB", "fi"])).toBe(1033);
    expect(initialLanguage("?lang=sv", ["fil-PH"])).toBe(1033);
    expect(initialLanguage("", [])).toBe(1033);
  });

  it("writes dates the way each language does and leaves what is not a date alone", () => {
    const iso = "2026-03-02T10:05:00.000Z";
    const date = new Date(iso);
    expect(formatDateTime(iso, 1033)).toBe(new Intl.DateTimeFormat("en-US", { dateStyle: "short", timeStyle: "short" }).format(date));
    expect(formatDateTime(iso, 1035)).toBe(new Intl.DateTimeFormat("fi-FI", { dateStyle: "short", timeStyle: "short" }).format(date));
    expect(formatDateTime(iso, 1035)).toMatch(/^2\.3\.2026/);
    expect(formatDateTime(null, 1033)).toBe("");
    expect(formatDateTime("soon", 1033)).toBe("soon");
  });
});
