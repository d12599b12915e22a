import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { hasReference, referenceSkipNote } from "../../../solution/test/helpers/paths";
import { validateAgainst } from "../../../solution/test/helpers/xsd";
import { Handlers } from "../handlers";
import { serviceEndpointXml, stepXml } from "./stepXml";
import { expectedStepFiles, stepsFolder } from "./solutionFiles";
import { findStep, stepName, Steps, WebhookEndpoint } from "./steps";
import { deployTimeSteps, shippedSteps } from "./stepPlacement";

const solutionOther = join(stepsFolder, "..", "Other");

describe("webhook step registry", () => {
  it("runs every refusal synchronously before the transaction and every write asynchronously after it", () => {
    for (const step of Steps) {
      const validate = step.handler.endsWith(".validate");
      expect([step.stage, step.mode]).toEqual(validate ? [10, 0] : [40, 1]);
    }
  });

  it("gives every step a handler, a unique id and a unique name, and routes each delivery to one step", () => {
    expect(new Set(Steps.map((s) => s.id)).size).toBe(Steps.length);
    expect(new Set(Steps.map(stepName)).size).toBe(Steps.length);
    for (const step of Steps) {
      expect(Handlers[step.handler]).toBeInstanceOf(Function);
      expect(findStep(step.message, step.primaryEntity, step.stage, step.mode)).toBe(step);
    }
    expect(findStep("Create", "lead", 40, 1)).toBeUndefined();
  });

  it("filters Update steps on statecode and gives asynchronous state steps the PreImage they compare with", () => {
    for (const step of Steps) {
      expect(step.filteringAttributes).toEqual(step.message === "Update" ? ["statecode"] : []);
      const wantsImage = step.mode === 1 && (step.message === "Update" || step.message === "SetState");
      expect(step.images.map((i) => [i.alias, i.imageType, i.messagePropertyName])).toEqual(
        wantsImage ? [["PreImage", 0, step.message === "Update" ? "Target" : "EntityMoniker"]] : [],
      );
    }
  });
});

describe("where steps are registered", () => {
  it("ships the Update and SetState steps (message ids known) and leaves QualifyLead, WinOpportunity and LoseOpportunity to the deploy", () => {
    expect(new Set(shippedSteps.map((s) => s.message))).toEqual(new Set(["Update", "SetState"]));
    expect(new Set(deployTimeSteps.map((s) => s.message))).toEqual(new Set(["QualifyLead", "WinOpportunity", "LoseOpportunity"]));
    expect(shippedSteps.length + deployTimeSteps.length).toBe(Steps.length);
    for (const step of shippedSteps) expect(stepXml(step)).toMatch(/<SdkMessageId>[0-9a-f-]{36}<\/SdkMessageId>/);
    expect(() => stepXml(deployTimeSteps[0])).toThrow(/registered at deploy time/);
  });
});

describe("webhook components in the solution source", () => {
  it("has exactly the registered steps in SdkMessageProcessingSteps/, as stepXml writes them (npm run webhook:steps)", () => {
    const expected = expectedStepFiles();
    const onDisk = existsSync(stepsFolder) ? readdirSync(stepsFolder).sort() : [];
    expect(onDisk).toEqual([...expected.keys()].sort());
    for (const [name, xml] of expected) expect(readFileSync(join(stepsFolder, name), "utf8")).toBe(xml);
  });

  it("declares every shipped step (92) and the service endpoint (95) as root components, and no deploy-time step", () => {
    const manifest = readFileSync(join(solutionOther, "Solution.xml"), "utf8");
    for (const step of shippedSteps) expect(manifest).toContain(`<RootComponent type="92" id="{${step.id}}" behavior="0" />`);
    for (const step of deployTimeSteps) expect(manifest).not.toContain(step.id);
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

(hasReference ? describe : describe.skip)(`webhook XML against CustomizationsSolution.xsd${referenceSkipNote}`, () => {
  it("validates the steps and the service endpoint", async () => {
    const body = shippedSteps.map((s) => stepXml(s).replace(/^<\?xml[^>]*>\n/, "")).join("");
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <SdkMessageProcessingSteps>${body}</SdkMessageProcessingSteps>
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
