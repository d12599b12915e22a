import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { hasReference, referenceSkipNote } from "../../../solution/test/helpers/paths";
import { validateAgainst } from "../../../solution/test/helpers/xsd";
import { createRemoteExecutionContext, entity, entityReference, optionSetValue, parameters } from "../executionContext";
import { Handlers } from "../handlers";
import { registerWebhookSteps, stepsFor, type StepRegistrationApi } from "./registerSteps";
import { serviceEndpointXml } from "./serviceEndpointXml";
import { findStep, stepName, Steps, WebhookEndpoint } from "./steps";

const solutionSource = join(__dirname, "..", "..", "..", "solution", "src");
const solutionOther = join(solutionSource, "Other");

describe("webhook step registry", () => {
  it("runs every refusal synchronously before the transaction and every write asynchronously after it", () => {
    for (const step of Steps) {
      const validate = step.handler.endsWith(".validate");
      expect([step.stage, step.mode]).toEqual(validate ? [10, 0] : [40, 1]);
    }
  });

  const leadId = "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6f01";
  const delivery = (step: { message: string; primaryEntity: string; stage: number; mode: number }, owningStepId: string | null, target: Record<string, number> = {}) =>
    createRemoteExecutionContext({
      messageName: step.message,
      primaryEntityName: step.primaryEntity,
      stage: step.stage,
      mode: step.mode,
      userId: "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01",
      owningExtension: owningStepId === null ? null : entityReference("sdkmessageprocessingstep", owningStepId),
      inputParameters: parameters({
        Target: entity(step.primaryEntity, leadId, Object.fromEntries(Object.entries(target).map(([column, value]) => [column, optionSetValue(value)]))),
      }),
    });

  it("gives every step a handler, a unique id and a unique name, and routes each delivery to its step by OwningExtension", () => {
    expect(new Set(Steps.map((s) => s.id)).size).toBe(Steps.length);
    expect(new Set(Steps.map(stepName)).size).toBe(Steps.length);
    for (const step of Steps) {
      expect(Handlers[step.handler]).toBeInstanceOf(Function);
      expect(findStep(delivery(step, step.id))).toBe(step);
      // GUIDs compare without regard to case.
      expect(findStep(delivery(step, step.id.toUpperCase()))).toBe(step);
    }
    expect(findStep(delivery({ message: "Create", primaryEntity: "lead", stage: 40, mode: 1 }, null))).toBeUndefined();
    // OwningExtension only tells apart steps the delivery fits: it cannot route a delivery to a step of another message or stage.
    const handoff = Steps.find((s) => s.handler === "winOpportunity.handoff")!;
    const validate = Steps.find((s) => s.handler === "winOpportunity.validate")!;
    expect(findStep(delivery(handoff, validate.id))).toBe(handoff);
    expect(findStep(delivery({ message: "Create", primaryEntity: "lead", stage: 40, mode: 1 }, handoff.id))).toBeUndefined();
  });

  it("routes a step registered by hand (another OwningExtension) by message, table, stage, mode and the filtering attribute in the Target", () => {
    const handRegistered = "0b0b0b0b-0000-4000-8000-000000000001";
    for (const step of Steps.filter((s) => !(s.message === "Update" && s.primaryEntity === "lead" && s.stage === 10))) {
      expect(findStep(delivery(step, handRegistered))).toBe(step);
    }
    const leadPreValidation = { message: "Update", primaryEntity: "lead", stage: 10, mode: 0 };
    expect(findStep(delivery(leadPreValidation, handRegistered, { statecode: 2 }))?.handler).toBe("leadState.validate");
    expect(findStep(delivery(leadPreValidation, null, { msdyn_b2bprospectstatus: 192350001 }))?.handler).toBe("prospectColumns.validate");
    // Both columns in one request, no step named: ambiguous, so no guess.
    expect(findStep(delivery(leadPreValidation, null, { statecode: 2, msdyn_b2bprospectstatus: 192350002 }))).toBeUndefined();
  });

  it("filters the state steps on statecode, the prospect-column step on the hand-off columns, and gives every Update/SetState step its PreImage", () => {
    for (const step of Steps) {
      const expected =
        step.handler === "prospectColumns.validate"
          ? ["msdyn_b2bprospectstatus", "msdyn_b2bcommerceprospect", "msdyn_prospectid"]
          : step.message === "Update"
            ? ["statecode"]
            : [];
      expect(step.filteringAttributes).toEqual(expected);
      // Only Update (Target) and SetState (EntityMoniker) support entity images; QualifyLead, Win/LoseOpportunity do not.
      const wantsImage = step.message === "Update" || step.message === "SetState";
      expect(step.images.map((i) => [i.alias, i.imageType, i.messagePropertyName])).toEqual(
        wantsImage ? [["PreImage", 0, step.message === "Update" ? "Target" : "EntityMoniker"]] : [],
      );
    }
  });
});

describe("the solution ships no step (do no harm)", () => {
  it("has no SdkMessageProcessingSteps folder, no step in Customizations.xml and no step root component", () => {
    const folder = join(solutionSource, "SdkMessageProcessingSteps");
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
    expect(readFileSync(join(solutionOther, "Customizations.xml"), "utf8")).toContain("<SdkMessageProcessingSteps />");
    const manifest = readFileSync(join(solutionOther, "Solution.xml"), "utf8");
    expect(manifest).not.toContain('type="92"');
    for (const step of Steps) expect(manifest).not.toContain(step.id);
    expect(manifest).toContain(`<RootComponent type="95" id="{${WebhookEndpoint.id}}" behavior="0" />`);
  });

  it("ships the webhook service endpoint with a placeholder URL and no key", () => {
    const customizations = readFileSync(join(solutionOther, "Customizations.xml"), "utf8");
    expect(customizations).toContain(serviceEndpointXml());
    const endpoint = new DOMParser().parseFromString(`<x>${serviceEndpointXml()}</x>`, "text/xml").getElementsByTagName("ServiceEndpoint")[0];
    const text = (name: string) => endpoint.getElementsByTagName(name)[0]?.textContent;
    expect([text("Contract"), text("AuthType"), text("MessageFormat"), text("Url")]).toEqual(["8", "5", "2", WebhookEndpoint.placeholderUrl]);
    expect(endpoint.getElementsByTagName("AuthValue")).toHaveLength(0);
  });
});

/** A Web API that keeps rows per entity set, as registration reads and writes them. */
function fakeApi() {
  const rows = new Map<string, Map<string, Record<string, unknown>>>();
  const calls: string[] = [];
  const table = (set: string) => rows.get(set) ?? rows.set(set, new Map()).get(set)!;
  const idColumn = (set: string) => `${set.replace(/s$/, "")}id`;
  table("serviceendpoints").set(WebhookEndpoint.id, { serviceendpointid: WebhookEndpoint.id });
  const api: StepRegistrationApi = {
    list: async (path) => {
      const [set, query] = path.split("?");
      if (set === "sdkmessages") return [{ sdkmessageid: `m-${/name eq '(\w+)'/.exec(query)?.[1]}` }];
      if (set === "sdkmessagefilters") return [{ sdkmessagefilterid: `f-${/eq ([\w-]+) and/.exec(query)?.[1]}` }];
      const id = / eq ([0-9a-f-]{36})/.exec(query)?.[1];
      const row = id ? table(set).get(id) : undefined;
      return row ? [row] : [];
    },
    create: async (set, body) => {
      calls.push(`POST ${set}`);
      const read: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(body)) {
        const bind = /^(.*)@odata\.bind$/.exec(key);
        if (bind) read[`_${bind[1] === "eventhandler_serviceendpoint" ? "eventhandler" : bind[1]}_value`] = /\(([^)]+)\)/.exec(String(value))?.[1];
        else read[key] = value;
      }
      table(set).set(String(body[idColumn(set)]), read);
    },
    update: async (set, id) => void calls.push(`PATCH ${set}(${id})`),
    remove: async (set, id) => {
      calls.push(`DELETE ${set}(${id})`);
      table(set).delete(id);
    },
  };
  return { api, calls, rows: table };
}

describe("registerWebhookSteps", () => {
  it("registers every step with its images under fixed ids; a re-run changes nothing", async () => {
    const env = fakeApi();
    const first = await registerWebhookSteps(env.api, { enforcement: "sync" });
    expect(first.map((c) => c.action)).toEqual(Steps.map(() => "create"));
    expect(env.rows("sdkmessageprocessingsteps").size).toBe(Steps.length);
    const images = Steps.flatMap((s) => s.images);
    expect(env.rows("sdkmessageprocessingstepimages").size).toBe(images.length);
    env.calls.length = 0;
    const again = await registerWebhookSteps(env.api, { enforcement: "sync" });
    expect(again.map((c) => c.action)).toEqual(Steps.map(() => "unchanged"));
    expect(env.calls).toEqual([]);
  });

  it("async enforcement keeps only the hand-off and removes the synchronous steps an earlier deploy registered", async () => {
    const env = fakeApi();
    await registerWebhookSteps(env.api, { enforcement: "sync" });
    const changes = await registerWebhookSteps(env.api, { enforcement: "async" });
    const syncSteps = Steps.filter((s) => s.mode === 0);
    expect(changes.filter((c) => c.action === "delete").map((c) => c.id).sort()).toEqual(syncSteps.map((s) => s.id).sort());
    expect([...env.rows("sdkmessageprocessingsteps").keys()].sort()).toEqual(stepsFor("async").map((s) => s.id).sort());
    expect(stepsFor("async").every((s) => s.mode === 1)).toBe(true);
  });

  it("a dry run only reads", async () => {
    const env = fakeApi();
    const changes = await registerWebhookSteps(env.api, { enforcement: "sync", dryRun: true });
    expect(changes.every((c) => c.action === "create")).toBe(true);
    expect(env.calls).toEqual([]);
  });

  it("refuses to register before the solution created the service endpoint", async () => {
    const env = fakeApi();
    env.rows("serviceendpoints").clear();
    await expect(registerWebhookSteps(env.api, { enforcement: "sync" })).rejects.toThrow(/import the solution first/);
  });
});

(hasReference ? describe : describe.skip)(`webhook XML against CustomizationsSolution.xsd${referenceSkipNote}`, () => {
  it("validates the service endpoint", async () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <ServiceEndpoints>
${serviceEndpointXml()}
  </ServiceEndpoints>
  <Languages><Language>1033</Language><Language>1035</Language></Languages>
</ImportExportXml>`;
    const result = await validateAgainst("CustomizationsSolution.xsd", xml, "webhook.xml");
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
