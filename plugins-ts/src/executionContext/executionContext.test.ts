import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  createRemoteExecutionContext,
  entity,
  entityReference,
  ExecutionContextError,
  getBoolean,
  getEntity,
  getEntityReference,
  getEntityReferences,
  getOptionValue,
  money,
  optionSetValue,
  parameters,
  parseRemoteExecutionContext,
  readWebhookHeaders,
  serializeRemoteExecutionContext,
  webhookHeadersFor,
  type OtherSdkValue,
} from ".";
import { jsonNestingExceeds } from "./parse";

// Bodies shaped exactly like what Dataverse posts (key/value arrays, \/Date()\/, __type hints).
const fixture = (name: string): string => readFileSync(join(__dirname, "../../test/fixtures", name), "utf8");
const ids = {
  lead: "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6f01",
  account: "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6f02",
  opportunity: "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6f04",
};

describe("parseRemoteExecutionContext", () => {
  it("reads the context of an asynchronous QualifyLead step", () => {
    const ctx = parseRemoteExecutionContext(fixture("qualifyLead.handoff.json"));
    expect(ctx).toMatchObject({ messageName: "QualifyLead", primaryEntityName: "lead", primaryEntityId: ids.lead, stage: 40, mode: 1, depth: 1 });
    expect(getEntityReference(ctx.inputParameters, "LeadId")).toMatchObject({ logicalName: "lead", id: ids.lead, name: null });
    expect(getBoolean(ctx.inputParameters, "CreateAccount")).toBe(true);
    expect(getOptionValue(ctx.inputParameters, "Status")).toBe(3);
    // The EntityReferenceCollection's items carry no type hint; they are still EntityReferences.
    expect(getEntityReferences(ctx.outputParameters, "CreatedEntities").map((r) => r.logicalName)).toEqual(["account", "contact", "opportunity"]);
    // "/Date(1764099000000+0200)/": milliseconds are UTC; the offset only names the local zone.
    expect(ctx.operationCreatedOn).toEqual(new Date(1764099000000));
    expect(ctx.owningExtension).toMatchObject({ logicalName: "sdkmessageprocessingstep", id: "a57d6e76-e387-4752-8a46-72d5248df439" });
    expect(ctx.sharedVariables.get("IsAutoTransact")).toBe(true);
  });

  it("reads entities, money and dates inside parameters", () => {
    const ctx = parseRemoteExecutionContext(fixture("winOpportunity.validate.json"));
    const close = getEntity(ctx.inputParameters, "OpportunityClose");
    expect(close?.logicalName).toBe("opportunityclose");
    expect(getEntityReference(close!.attributes, "opportunityid")?.id).toBe(ids.opportunity);
    expect(close!.attributes.get("actualrevenue")).toEqual(money(12500));
    expect(close!.attributes.get("actualend")).toEqual(new Date(1764115200000));
    expect(ctx.requestId).toBe("2f3a4b5c-6d7e-4f8a-9b0c-1d2e3f4a5b02");
  });

  it("reads images (no type hint on the entity), formatted values and the parent context", () => {
    const ctx = parseRemoteExecutionContext(fixture("leadUpdate.handoff.json"));
    const image = ctx.preEntityImages.get("PreImage");
    expect(getOptionValue(image!.attributes, "statecode")).toBe(0);
    expect(image!.attributes.get("msdyn_b2bcommerceprospect")).toBe(true);
    expect(image!.formattedValues.get("msdyn_b2bprospectstatus")).toBe("Pending");
    expect(image!.rowVersion).toBe("10234567");
    expect(ctx.parentContext?.stage).toBe(30);
    const changed = ctx.parentContext!.sharedVariables.get("ChangedEntityTypes") as OtherSdkValue[];
    expect(changed[0]).toEqual({ type: "Other", json: { __type: "KeyValuePairOfstringstring:#System.Collections.Generic", key: "lead", value: "Update" } });
  });

  it("does not repeat the body in the message about malformed JSON", () => {
    for (const body of ['{"companyname": "Secret Oy" x}', "Secret Oy", '{"a":"Secret Oy"']) {
      expect(() => parseRemoteExecutionContext(body)).toThrow(/^Malformed JSON: /);
      expect(() => parseRemoteExecutionContext(body)).not.toThrow(/Secret/);
    }
  });

  it.each([
    ["{not json", /^Malformed JSON: /],
    ["[]", /^RemoteExecutionContext: expected a RemoteExecutionContext object$/],
    ['{"PrimaryEntityName":"lead","Stage":40,"Mode":1}', /RemoteExecutionContext\.MessageName: is missing/],
    ['{"MessageName":"Update","PrimaryEntityName":"lead","Stage":"40","Mode":1}', /RemoteExecutionContext\.Stage: expected a number/],
    [
      '{"MessageName":"Update","PrimaryEntityName":"lead","Stage":40,"Mode":1,"InputParameters":{"Target":1}}',
      /RemoteExecutionContext\.InputParameters: expected an array of \{ key, value \} pairs/,
    ],
    [
      '{"MessageName":"Update","PrimaryEntityName":"lead","Stage":40,"Mode":1,"InputParameters":[{"key":"Target","value":{"__type":"OptionSetValue:x","Value":"2"}}]}',
      /InputParameters\["Target"\]\.Value: expected a number/,
    ],
  ])("names the problem in %s", (body, message) => {
    expect(() => parseRemoteExecutionContext(body)).toThrow(ExecutionContextError);
    expect(() => parseRemoteExecutionContext(body)).toThrow(message);
  });
});

describe("serializeRemoteExecutionContext", () => {
  it.each(["qualifyLead.handoff.json", "winOpportunity.validate.json", "leadUpdate.handoff.json"])("round-trips %s: parse(serialize(x)) equals x", (name) => {
    const ctx = parseRemoteExecutionContext(fixture(name));
    expect(parseRemoteExecutionContext(serializeRemoteExecutionContext(ctx))).toEqual(ctx);
  });

  it.each(["winOpportunity.validate.json", "leadUpdate.handoff.json"])("writes back the body Dataverse posted (%s)", (name) => {
    const body = fixture(name);
    expect(JSON.parse(serializeRemoteExecutionContext(parseRemoteExecutionContext(body)))).toEqual(JSON.parse(body));
  });

  it("writes the platform's format: escaped solidus, /Date()/, __type only where the slot is untyped", () => {
    const ctx = createRemoteExecutionContext({
      messageName: "Update",
      primaryEntityName: "lead",
      primaryEntityId: ids.lead,
      stage: 40,
      mode: 1,
      userId: ids.account,
      operationCreatedOn: new Date(1764120000000),
      inputParameters: parameters({ Target: entity("lead", ids.lead, { statecode: optionSetValue(2), budgetamount: money(10) }) }),
      preEntityImages: new Map([["PreImage", entity("lead", ids.lead, { statecode: optionSetValue(0) })]]),
    });
    const body = serializeRemoteExecutionContext(ctx);
    expect(body).toContain('"OperationCreatedOn":"\\/Date(1764120000000)\\/"');
    expect(body).toContain('"__type":"Entity:http:\\/\\/schemas.microsoft.com\\/xrm\\/2011\\/Contracts"');
    expect(body).toContain('{"key":"statecode","value":{"__type":"OptionSetValue:http:\\/\\/schemas.microsoft.com\\/xrm\\/2011\\/Contracts","Value":2}}');
    const raw = JSON.parse(body) as { PreEntityImages: { value: Record<string, unknown> }[] };
    expect(raw.PreEntityImages[0].value.__type).toBeUndefined();
    expect(parseRemoteExecutionContext(body)).toEqual(ctx);
  });

  it("leaves out what the platform trims above 256 KB", () => {
    const ctx = parseRemoteExecutionContext(fixture("leadUpdate.handoff.json"));
    const raw = JSON.parse(serializeRemoteExecutionContext(ctx, { trimmed: true })) as Record<string, unknown>;
    for (const gone of ["InputParameters", "PreEntityImages", "PostEntityImages", "ParentContext"]) expect(raw).not.toHaveProperty(gone);
    expect(raw.PrimaryEntityId).toBe(ids.lead);
    const reparsed = parseRemoteExecutionContext(JSON.stringify(raw));
    expect(reparsed.inputParameters.size).toBe(0);
    expect(reparsed.preEntityImages.size).toBe(0);
  });
});

describe("webhook headers", () => {
  it("sends and reads the x-ms-dynamics headers", () => {
    const ctx = createRemoteExecutionContext({ messageName: "WinOpportunity", primaryEntityName: "opportunity", stage: 10, mode: 0, userId: ids.lead });
    const headers = webhookHeadersFor(ctx, { organization: "contoso.crm4.dynamics.com", trimmed: true });
    const read = readWebhookHeaders((name) => headers[name]);
    expect(read).toEqual({
      organization: "contoso.crm4.dynamics.com",
      entityName: "opportunity",
      requestName: "WinOpportunity",
      correlationRequestId: ctx.correlationId,
      messageSizeExceeded: true,
    });
    expect(readWebhookHeaders(() => undefined).messageSizeExceeded).toBe(false);
    expect(entityReference("lead", ids.lead).keyAttributes.size).toBe(0);
  });
});

describe("the nesting limit (checked before JSON.parse on every delivery)", () => {
  const deep = (levels: number, open = "[", close = "]") => `${open.repeat(levels)}${close.repeat(levels)}`;

  it("counts objects and arrays, and nothing inside strings, escaped quotes and backslashes included", () => {
    expect(jsonNestingExceeds(deep(128), 128)).toBe(false);
    expect(jsonNestingExceeds(deep(129), 128)).toBe(true);
    expect(jsonNestingExceeds(`{"a":${deep(127, "{\"b\":", "}")}}`, 128)).toBe(false);
    expect(jsonNestingExceeds(`[${JSON.stringify(`"${"[".repeat(300)}\\`)}]`, 2)).toBe(false);
    expect(jsonNestingExceeds(`["\\\\",${deep(3)}]`, 3)).toBe(true);
    expect(jsonNestingExceeds(`["\\"",${deep(3)}]`, 3)).toBe(true);
    // An unterminated string ends the text: nothing after it nests.
    expect(jsonNestingExceeds(`["${"[".repeat(300)}`, 2)).toBe(false);
  });
});
