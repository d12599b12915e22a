import { authValueFor } from "./serviceEndpointAuth";

describe("webhook service endpoint authentication values", () => {
  it("writes the key the way Dataverse stores it for each webhook auth type, XML-escaped", () => {
    expect(authValueFor(5, 'k&"<ey')).toBe('<settings><setting name="x-cb2b-webhook-key" value="k&amp;&quot;&lt;ey" /></settings>');
    expect(authValueFor(6, "key")).toBe('<settings><setting name="code" value="key" /></settings>');
    expect(authValueFor(4, "key")).toBe("key");
  });
});
