/** @jest-environment jsdom */
import type { SalesSession } from "../../shared/session";
import { buildPcfContext, type ContextInput } from "./context";
import { parseControlManifest, parseResx } from "./manifest";
import { createPcfWebApi } from "./webApi";

const MANIFEST = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<manifest>
  <control namespace="Cb2b" constructor="DualWriteProvenance" version="1.0.0" display-name-key="D" control-type="virtual" api-version="1.3.18">
    <type-group name="provenanceSource"><type>SingleLine.Text</type><type>Lookup.Simple</type></type-group>
    <property name="source" display-name-key="S" of-type-group="provenanceSource" usage="bound" required="true"/>
    <property name="commerceB2BProspect" display-name-key="C" of-type="TwoOptions" usage="input" required="false"/>
    <property name="waitingThresholdMinutes" display-name-key="W" of-type="Whole.None" usage="input" required="false" default-value="30"/>
    <resources>
      <code path="bundle.js" order="1"/>
      <css path="css/DualWriteProvenance.css" version="1.0.0" order="1"/>
      <platform-library name="React" version="16.14.0"/>
      <platform-library name="Fluent" version="8.121.1"/>
      <resx path="strings/DualWriteProvenance.1035.resx" version="1.0.0"/>
      <resx path="strings/DualWriteProvenance.1033.resx" version="1.0.0"/>
    </resources>
  </control>
</manifest>`;

const LEAD = "6f0e2c4a-0000-4000-8000-00000000aaaa";
const OPPORTUNITY = "6f0e2c4a-0000-4000-8000-00000000bbbb";

function session(fetchApi: SalesSession["fetchApi"] = () => Promise.reject(new Error("no fetch")), languageId: 1033 | 1035 = 1033): SalesSession {
  return {
    clientUrl: "http://127.0.0.1:5555",
    apiUrl: "http://127.0.0.1:5555/api/data/v9.2/",
    user: { id: "6f0e2c4a-0000-4000-8000-000000000002", token: "salesrep", fullname: "Sanna Myyjä" },
    languageId,
    fetchApi,
  };
}

function input(overrides: Partial<ContextInput> = {}): ContextInput {
  const s = overrides.session ?? session();
  return {
    manifest: parseControlManifest(MANIFEST),
    parameters: [
      { name: "source", type: "Lookup.Simple", isStatic: false, value: "originatingleadid" },
      { name: "waitingThresholdMinutes", type: "Whole.None", isStatic: true, value: "45" },
    ],
    values: { originatingleadid: [{ id: `{${LEAD.toUpperCase()}}`, name: "Aino Virtanen", entityType: "lead" }] },
    record: { entityName: "opportunity", id: OPPORTUNITY, name: "Fabrikam Oy partnership" },
    session: s,
    strings: new Map([["Heading", "Commerce onboarding"]]),
    allocated: { width: 640, height: -1 },
    updatedProperties: [],
    webAPI: createPcfWebApi(s),
    navigate: jest.fn(),
    trackContainerResize: jest.fn(),
    requestRender: jest.fn(),
    fetchResource: () => Promise.resolve(""),
    ...overrides,
  };
}

type Params = Record<string, { raw: unknown; formatted?: string; type: string; attributes?: { LogicalName: string } }>;

describe("manifest and resx", () => {
  it("reads namespace, constructor, type, properties with their type group, code, css and resx by language", () => {
    const manifest = parseControlManifest(MANIFEST);
    expect(manifest).toMatchObject({ namespace: "Cb2b", constructorName: "DualWriteProvenance", controlType: "virtual", codePaths: ["bundle.js"], cssPaths: ["css/DualWriteProvenance.css"], platformLibraries: ["React", "Fluent"] });
    expect(manifest.properties.map((p) => [p.name, p.usage, p.types])).toEqual([
      ["source", "bound", ["SingleLine.Text", "Lookup.Simple"]],
      ["commerceB2BProspect", "input", ["TwoOptions"]],
      ["waitingThresholdMinutes", "input", ["Whole.None"]],
    ]);
    expect([...manifest.resx]).toEqual([
      [1035, "strings/DualWriteProvenance.1035.resx"],
      [1033, "strings/DualWriteProvenance.1033.resx"],
    ]);
  });

  it("reads <data name><value> pairs from a resx", () => {
    const resx = `<?xml version="1.0" encoding="utf-8"?><root><resheader name="resmimetype"><value>text/microsoft-resx</value></resheader><data name="Heading" xml:space="preserve"><value>Commerce-käyttöönotto</value></data><data name="Empty"><value></value></data></root>`;
    expect([...parseResx(resx)]).toEqual([
      ["Heading", "Commerce-käyttöönotto"],
      ["Empty", ""],
    ]);
  });
});

describe("context", () => {
  it("gives a bound Lookup.Simple as [{ id, name, entityType }] with the column's logical name", () => {
    const params = buildPcfContext(input()).parameters as unknown as Params;
    expect(params.source).toMatchObject({ raw: [{ id: LEAD, name: "Aino Virtanen", entityType: "lead" }], formatted: "Aino Virtanen", type: "Lookup.Simple", attributes: { LogicalName: "originatingleadid" } });
  });

  it("types static values and applies manifest defaults; an unconfigured input has no value and no binding", () => {
    const params = buildPcfContext(input()).parameters as unknown as Params;
    expect(params.waitingThresholdMinutes).toMatchObject({ raw: 45, type: "Whole.None" });
    expect(params.commerceB2BProspect.raw).toBeNull();
    expect(params.commerceB2BProspect.attributes).toBeUndefined();
    const defaults = buildPcfContext(input({ parameters: [] })).parameters as unknown as Params;
    expect(defaults.waitingThresholdMinutes.raw).toBe(30);
    const bare = buildPcfContext(input({ values: {} })).parameters as unknown as Params;
    expect(bare.source.raw).toBeNull();
  });

  it("puts the form's record in mode.contextInfo and the user in userSettings", () => {
    const context = buildPcfContext(input());
    const mode = context.mode as ComponentFramework.Mode & { contextInfo: Record<string, string> };
    expect(mode.contextInfo).toEqual({ entityTypeName: "opportunity", entityId: OPPORTUNITY, entityRecordName: "Fabrikam Oy partnership" });
    expect(mode.allocatedWidth).toBe(640);
    expect(context.userSettings).toMatchObject({ userId: "{6F0E2C4A-0000-4000-8000-000000000002}", userName: "Sanna Myyjä", languageId: 1033 });
    expect(context.client.getFormFactor()).toBe(1);
  });

  it("reads strings from the resx, falling back to the key", () => {
    const context = buildPcfContext(input());
    expect(context.resources.getString("Heading")).toBe("Commerce onboarding");
    expect(context.resources.getString("Missing_Key")).toBe("Missing_Key");
  });

  it("formats dates in the user's locale", () => {
    const date = new Date(2026, 2, 9, 14, 5);
    expect(buildPcfContext(input()).formatting.formatDateShort(date, true)).toBe(new Intl.DateTimeFormat("en-US", { dateStyle: "short", timeStyle: "short" }).format(date));
    const fi = buildPcfContext(input({ session: session(undefined, 1035) })).formatting.formatDateShort(date, false);
    expect(fi).toBe(new Intl.DateTimeFormat("fi-FI", { dateStyle: "short" }).format(date));
    expect(fi).not.toBe(buildPcfContext(input()).formatting.formatDateShort(date, false));
  });

  it("sends navigation.openForm to the app's navigate as an entityrecord page", async () => {
    const navigate = jest.fn();
    await buildPcfContext(input({ navigate })).navigation.openForm({ entityName: "account", entityId: "{AB000000-0000-4000-8000-000000000001}" });
    expect(navigate).toHaveBeenCalledWith({ pagetype: "entityrecord", etn: "account", id: "ab000000-0000-4000-8000-000000000001" });
  });

  it("says what it does not implement instead of pretending", async () => {
    await expect(buildPcfContext(input()).navigation.openAlertDialog({ text: "x" })).rejects.toThrow("The sandbox does not implement navigation.openAlertDialog");
  });
});
