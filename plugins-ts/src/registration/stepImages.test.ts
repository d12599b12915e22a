/**
 * The images and descriptions of the webhook's steps (steps.ts), against what the platform documents:
 * entity images exist for Update (Target) and SetState (EntityMoniker) among the messages we use
 * (https://learn.microsoft.com/power-apps/developer/data-platform/register-plug-in#define-table-images),
 * and sdkmessageprocessingstep.description holds at most 256 characters.
 */
import { LeadColumns, OpportunityColumns } from "../../../core/src";
import { Steps } from "./steps";

describe("step images", () => {
  it("give every Update/SetState step, synchronous too, exactly the columns its handler decides on", () => {
    const expected: Record<string, string[]> = {
      lead: [LeadColumns.stateCode, LeadColumns.isCommerceB2BProspect, LeadColumns.prospectStatus],
      opportunity: [OpportunityColumns.stateCode, OpportunityColumns.originatingLead],
      // The prospect-column guard: the values before the request, the lead's state and its opportunity.
      prospectColumns: [
        LeadColumns.stateCode,
        LeadColumns.isCommerceB2BProspect,
        LeadColumns.prospectStatus,
        LeadColumns.prospectId,
        LeadColumns.qualifyingOpportunity,
      ],
    };
    for (const step of Steps.filter((s) => s.message === "Update" || s.message === "SetState")) {
      const columns = expected[step.handler === "prospectColumns.validate" ? "prospectColumns" : step.primaryEntity];
      expect({ step: step.id, images: step.images.map((i) => ({ alias: i.alias, type: i.imageType, property: i.messagePropertyName, columns: [...i.attributes] })) }).toEqual({
        step: step.id,
        images: [{ alias: "PreImage", type: 0, property: step.message === "Update" ? "Target" : "EntityMoniker", columns }],
      });
    }
  });

  it("are not registered on QualifyLead, WinOpportunity or LoseOpportunity, which support none", () => {
    for (const step of Steps.filter((s) => !["Update", "SetState"].includes(s.message))) expect(step.images).toEqual([]);
  });

  it("have ids of their own", () => {
    const ids = Steps.flatMap((s) => [s.id, ...s.images.map((i) => i.id)]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("step descriptions", () => {
  it("fit sdkmessageprocessingstep.description (256 characters)", () => {
    for (const step of Steps) expect({ step: step.id, length: step.description.length <= 256 }).toEqual({ step: step.id, length: true });
  });
});
