import { disqualifyReasonLabel, leadTexts } from "../lead/leadTexts";
import { opportunityTexts } from "../opportunity/opportunityTexts";
import { formTexts, prospectStatusLabel } from "./strings";

function leaves(value: unknown, prefix = ""): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (typeof child === "string") result.set(`${prefix}${key}`, child);
    else for (const [k, v] of leaves(child, `${prefix}${key}.`)) result.set(k, v);
  }
  return result;
}

// Each form's script carries only its own texts; together they are every text the forms show.
describe.each([
  ["both forms", formTexts],
  ["the lead form", leadTexts],
  ["the opportunity form", opportunityTexts],
] as const)("form texts of %s", (_label, texts: (languageId: number) => unknown) => {
  const english = leaves(texts(1033));
  const finnish = leaves(texts(1035));

  it("exist in Finnish for every English text, translated", () => {
    expect(english.size).toBeGreaterThan(0);
    expect([...finnish.keys()]).toEqual([...english.keys()]);
    const same = [...english].filter(([key, text]) => finnish.get(key) === text).map(([key]) => key);
    expect(same).toEqual([]);
  });

  it("keep the same placeholders in both languages", () => {
    for (const [key, text] of english) {
      const placeholders = (s: string) => (s.match(/\{\d\}/g) ?? []).sort();
      expect({ key, placeholders: placeholders(finnish.get(key) as string) }).toEqual({ key, placeholders: placeholders(text) });
    }
  });

  it("fall back to English for other languages", () => {
    expect(texts(1053)).toBe(texts(1033));
  });
});

describe("form labels", () => {
  it("name prospect statuses and disqualify reasons", () => {
    expect(prospectStatusLabel(192350001, 1035)).toBe("Hyväksytty");
    expect(prospectStatusLabel(null, 1033)).toBe("not yet known");
    expect(disqualifyReasonLabel(7, 1033)).toBe("Canceled");
    expect(disqualifyReasonLabel(99, 1035)).toBe("(syytä ei valittu)");
  });
});
