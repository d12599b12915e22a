/**
 * The images and descriptions of the webhook's steps (steps.ts), against what the handlers declare they
 * read (handlers/images.ts) and what the platform documents: entity images exist for Update (Target)
 * and SetState (EntityMoniker) among the messages we use, not for QualifyLead, WinOpportunity or
 * LoseOpportunity (https://learn.microsoft.com/power-apps/developer/data-platform/register-plug-in,
 * "Messages that support table images"), and sdkmessageprocessingstep.description holds at most 256
 * characters.
 */
import { LeadColumns, ProspectStatus } from "../../../core/src";
import { createRemoteExecutionContext, entity, getBoolean, getOptionValue, optionSetValue, parameters } from "../executionContext";
import { PreImageAlias, PreImageColumns, preImage } from "../handlers/images";
import { Steps, type HandlerKey } from "./steps";

const ImageMessages = new Set(["Update", "SetState"]);

describe("step images", () => {
  it("carry exactly the columns each step's handler declares it reads, no more and no fewer", () => {
    for (const step of Steps) {
      const declared = PreImageColumns[step.handler];
      const registered = step.images.map((i) => ({ alias: i.alias, type: i.imageType, property: i.messagePropertyName, columns: [...i.attributes].sort() }));
      const expected =
        declared.length === 0
          ? []
          : [{ alias: PreImageAlias, type: 0, property: step.message === "SetState" ? "EntityMoniker" : "Target", columns: [...declared].sort() }];
      expect({ step: step.id, handler: step.handler, images: registered }).toEqual({ step: step.id, handler: step.handler, images: expected });
    }
  });

  it("are declared only by handlers of messages that support images, and every Update/SetState step has one", () => {
    for (const step of Steps) {
      expect({ step: step.id, declares: PreImageColumns[step.handler].length > 0 }).toEqual({ step: step.id, declares: ImageMessages.has(step.message) });
    }
  });

  it("name no column twice, and start with statecode (never null: an image without it was not taken with these columns)", () => {
    for (const [handler, columns] of Object.entries(PreImageColumns)) {
      expect({ handler, unique: new Set(columns).size === columns.length }).toEqual({ handler, unique: true });
      if (columns.length > 0) expect({ handler, first: columns[0] }).toEqual({ handler, first: "statecode" });
    }
  });

  it("have ids of their own", () => {
    const ids = Steps.flatMap((s) => [s.id, ...s.images.map((i) => i.id)]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("what a handler sees of an image", () => {
  const delivered = (attributes: Record<string, unknown>) =>
    createRemoteExecutionContext({
      messageName: "Update",
      primaryEntityName: "lead",
      stage: 40,
      mode: 1,
      userId: "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01",
      inputParameters: parameters({}),
      preEntityImages: new Map([["PreImage", entity("lead", "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6f01", attributes as never)]]),
    });
  const see = (handler: HandlerKey, attributes: Record<string, unknown>, trimmed = false) =>
    preImage({ context: delivered(attributes), trimmed, dataverse: undefined as never, now: () => new Date() }, handler);

  it("is the declared columns only, whatever else the image holds", () => {
    const full = { statecode: optionSetValue(2), msdyn_b2bcommerceprospect: true, msdyn_b2bprospectstatus: optionSetValue(ProspectStatus.Pending), companyname: "Fabrikam" };
    const handoff = see("leadState.handoff", full)!;
    expect([...handoff.attributes.keys()].sort()).toEqual([LeadColumns.isCommerceB2BProspect, LeadColumns.stateCode]);
    expect(getBoolean(handoff.attributes, LeadColumns.isCommerceB2BProspect)).toBe(true);
    const validate = see("leadState.validate", full)!;
    expect(getOptionValue(validate.attributes, LeadColumns.prospectStatus)).toBe(ProspectStatus.Pending);
    expect(validate.attributes.has("companyname")).toBe(false);
  });

  it("is nothing for an image without statecode, a trimmed payload, or a handler that declares none", () => {
    expect(see("leadState.validate", { msdyn_b2bcommerceprospect: false })).toBeUndefined();
    expect(see("leadState.validate", { statecode: optionSetValue(0) }, true)).toBeUndefined();
    expect(see("winOpportunity.validate", { statecode: optionSetValue(0) })).toBeUndefined();
  });
});

describe("step descriptions", () => {
  it("fit sdkmessageprocessingstep.description (256 characters)", () => {
    for (const step of Steps) expect({ step: step.id, length: step.description.length <= 256 }).toEqual({ step: step.id, length: true });
  });
});
