import { Redactor, redactingLog } from "./redact";

describe("Redactor", () => {
  it("masks every registered secret, also URL-encoded, and leaves other text alone", () => {
    const r = new Redactor();
    r.add("k3y/with+chars==", "bearer-token-xyz", undefined, "ab");
    const lines: string[] = [];
    const log = redactingLog(r, (t) => lines.push(t));
    log("PATCH serviceendpoints(1) authvalue=k3y/with+chars== url=https://fn/api?code=k3y%2Fwith%2Bchars%3D%3D");
    log("401 for Bearer bearer-token-xyz; ab stays");
    const all = lines.join("");
    expect(all).not.toContain("k3y");
    expect(all).not.toContain("bearer-token-xyz");
    expect(lines).toEqual([
      "PATCH serviceendpoints(1) authvalue=*** url=https://fn/api?code=***\n",
      "401 for Bearer ***; ab stays\n",
    ]);
  });

  it("masks a longer secret whole when it contains a shorter one", () => {
    const r = new Redactor();
    r.add("secret", "secret-and-more");
    expect(r.redact("x secret-and-more y secret")).toBe("x *** y ***");
  });
});
