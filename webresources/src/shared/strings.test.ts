import { disqualifyReasonLabel, formTexts, prospectStatusLabel } from "./strings";

function leaves(value: unknown, prefix = ""): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (typeof child === "string") result.set(`${prefix}${key}`, child);
    else for (const [k, v] of leaves(child, `${prefix}${key}.`)) result.set(k, v);
  }
  return result;
}

describe("form texts", () => {
  const english = leaves(formTexts(1033));
  const finnish = leaves(formTexts(1035));

  it("exist in Finnish for every English text, translated", () => {
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
    expect(formTexts(1053)).toBe(formTexts(1033));
  });

  it("name prospect statuses and disqualify reasons", () => {
    expect(prospectStatusLabel(192350001, 1035)).toBe("Hyväksytty");
    expect(prospectStatusLabel(null, 1033)).toBe("not yet known");
    expect(disqualifyReasonLabel(7, 1033)).toBe("Canceled");
    expect(disqualifyReasonLabel(99, 1035)).toBe("(syytä ei valittu)");
  });
});
