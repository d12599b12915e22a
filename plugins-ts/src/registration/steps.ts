import { Entities, LeadColumns, OpportunityColumns } from "../../../core/src";
import { getEntity, Mode, normalizeGuid, Stage, type RemoteExecutionContext } from "../executionContext";

/**
 * The webhook's SDK message processing steps: the single source for their registration at deploy time
 * (registerSteps.ts; the solution ships none) and for the host's routing table.
 *
 * Steps that may refuse an operation run synchronously in PreValidation (stage 10): outside the
 * database transaction, so the reads they make do not wait on locks the operation holds, and they
 * never write. Everything that writes runs asynchronously in PostOperation (stage 40), after commit.
 */

/** What the handler does with a delivery; the host routes on (message, entity, stage, mode). */
export type HandlerKey =
  | "qualifyLead.validate"
  | "qualifyLead.handoff"
  | "winOpportunity.validate"
  | "winOpportunity.handoff"
  | "loseOpportunity.validate"
  | "loseOpportunity.handoff"
  | "leadState.validate"
  | "leadState.handoff"
  | "opportunityState.validate"
  | "opportunityState.handoff"
  | "prospectColumns.validate";

export interface StepImage {
  id: string;
  /** Name and EntityAlias: the key under PreEntityImages in the posted context. */
  alias: string;
  /** 0 PreImage, 1 PostImage, 2 Both. */
  imageType: 0 | 1 | 2;
  /** The request parameter the image is taken of: Target (Update), EntityMoniker (SetState). */
  messagePropertyName: "Target" | "EntityMoniker";
  attributes: readonly string[];
}

export interface StepRegistration {
  id: string;
  message: "QualifyLead" | "WinOpportunity" | "LoseOpportunity" | "Update" | "SetState";
  primaryEntity: string;
  stage: (typeof Stage)[keyof typeof Stage];
  mode: (typeof Mode)[keyof typeof Mode];
  rank: number;
  /** Update steps only: the step fires when one of these columns is in the request. */
  filteringAttributes: readonly string[];
  description: string;
  images: readonly StepImage[];
  handler: HandlerKey;
  /** The `<handler>` part of the step's name when it is not Validate/Handoff (two steps share message, table, stage and mode). */
  nameRole?: string;
}

/** The webhook service endpoint the steps post to (contract Webhook). URL and key are set at deploy time. */
export const WebhookEndpoint = {
  id: "32db2711-c540-47f9-8d82-f0688058f82b",
  name: "Commerce B2B onboarding webhook",
  description:
    "Enforces the Commerce B2B partner hand-off on the server (plugins-ts). URL and key are set at deploy time.",
  /** Never resolves (RFC 2606): an import that was not deployed properly cannot send data anywhere. */
  placeholderUrl: "https://cb2b-webhook.invalid/api/dataverse",
  /** HttpHeader: the key travels in this header (the endpoint's authvalue is `<settings><setting name=… value=…/></settings>`). */
  keyHeader: "x-cb2b-webhook-key",
} as const;

const lead = Entities.lead.logicalName;
const opportunity = Entities.opportunity.logicalName;
const sync = Mode.Synchronous;
const async = Mode.Asynchronous;

/**
 * The PreImage of every Update/SetState step (synchronous and asynchronous): exactly the columns its
 * handler reads of it (handlers/images.ts declares them; registration/stepImages.test.ts compares), so a
 * record that is not a Commerce B2B one costs no Web API request. Only Update (Target) and SetState
 * (EntityMoniker) of these messages support entity images; QualifyLead, WinOpportunity and
 * LoseOpportunity do not, so their steps have none.
 */
const leadStateImage = [LeadColumns.stateCode, LeadColumns.isCommerceB2BProspect, LeadColumns.prospectStatus] as const;
/** The lead-state hand-off reads the lead as it is now; of the image only whether it is a Commerce lead and the state before. */
const leadStateHandoffImage = [LeadColumns.stateCode, LeadColumns.isCommerceB2BProspect] as const;
/**
 * The hand-off columns dual-write owns on a lead, which users never change directly, and the PreImage
 * their step decides on: the values before the request, the lead's state and its opportunity.
 */
const prospectColumns = [LeadColumns.prospectStatus, LeadColumns.isCommerceB2BProspect, LeadColumns.prospectId] as const;
const prospectColumnsImage = [
  LeadColumns.stateCode,
  LeadColumns.isCommerceB2BProspect,
  LeadColumns.prospectStatus,
  LeadColumns.prospectId,
  LeadColumns.qualifyingOpportunity,
] as const;
const opportunityStateImage = [OpportunityColumns.stateCode, OpportunityColumns.originatingLead] as const;

export const Steps: readonly StepRegistration[] = [
  {
    id: "f0ff265c-f287-488b-99e5-3437198f266c",
    message: "QualifyLead",
    primaryEntity: lead,
    stage: Stage.PreValidation,
    mode: sync,
    rank: 1,
    filteringAttributes: [],
    description: "Refuses to qualify a Commerce B2B lead unless it creates an account, a contact and an opportunity and carries what Commerce needs.",
    images: [],
    handler: "qualifyLead.validate",
  },
  {
    id: "a57d6e76-e387-4752-8a46-72d5248df439",
    message: "QualifyLead",
    primaryEntity: lead,
    stage: Stage.PostOperation,
    mode: async,
    rank: 1,
    filteringAttributes: [],
    description: "Makes the qualified account and contact ready for the Customers V3 dual-write maps and links the opportunity to the lead.",
    images: [],
    handler: "qualifyLead.handoff",
  },
  {
    id: "74f00845-cb7b-4cae-8604-02601d27b904",
    message: "WinOpportunity",
    primaryEntity: opportunity,
    stage: Stage.PreValidation,
    mode: sync,
    rank: 1,
    filteringAttributes: [],
    description:
      "Refuses Close as Won without the approver role when cb2b_RequireApproverRole is on, while the account or contact is not yet a Commerce customer, or once the prospect was rejected.",
    images: [],
    handler: "winOpportunity.validate",
  },
  {
    id: "a200f194-df6b-4fc9-bab2-124219c99ecd",
    message: "WinOpportunity",
    primaryEntity: opportunity,
    stage: Stage.PostOperation,
    mode: async,
    rank: 1,
    filteringAttributes: [],
    description: "Approves the Commerce B2B prospect of the won opportunity's originating lead.",
    images: [],
    handler: "winOpportunity.handoff",
  },
  {
    id: "9bc76f08-ddbd-492a-b288-5cf2cf228471",
    message: "LoseOpportunity",
    primaryEntity: opportunity,
    stage: Stage.PreValidation,
    mode: sync,
    rank: 1,
    filteringAttributes: [],
    description:
      "Refuses Close as Lost once Commerce approved the partner, or without the approver role when cb2b_RequireApproverRole is on.",
    images: [],
    handler: "loseOpportunity.validate",
  },
  {
    id: "5ebcce89-736b-44f9-88e7-ff98ffb10d01",
    message: "LoseOpportunity",
    primaryEntity: opportunity,
    stage: Stage.PostOperation,
    mode: async,
    rank: 1,
    filteringAttributes: [],
    description: "Rejects the Commerce B2B prospect of the lost opportunity's originating lead.",
    images: [],
    handler: "loseOpportunity.handoff",
  },
  {
    id: "8ab5837a-40a2-4ce4-9cf2-08386a206650",
    message: "Update",
    primaryEntity: lead,
    stage: Stage.PreValidation,
    mode: sync,
    rank: 1,
    filteringAttributes: [LeadColumns.stateCode],
    description:
      "Refuses to disqualify or reactivate a Commerce B2B lead once approved, or to disqualify it without the approver role when cb2b_RequireApproverRole is on. Other leads: decided from the PreImage.",
    images: [
      { id: "85715778-ed63-4980-bc86-99582fe79309", alias: "PreImage", imageType: 0, messagePropertyName: "Target", attributes: leadStateImage },
    ],
    handler: "leadState.validate",
  },
  {
    id: "c02f9d93-8258-46f5-a4de-e46b0284562a",
    message: "Update",
    primaryEntity: lead,
    stage: Stage.PostOperation,
    mode: async,
    rank: 1,
    filteringAttributes: [LeadColumns.stateCode],
    description: "Rejects the Commerce B2B prospect of a disqualified lead; a reactivated rejected lead goes back to pending.",
    images: [
      { id: "615ffb3c-92a7-4071-b275-b17838090fb5", alias: "PreImage", imageType: 0, messagePropertyName: "Target", attributes: leadStateHandoffImage },
    ],
    handler: "leadState.handoff",
  },
  {
    id: "18520a81-034b-4db8-a396-03612935cfbc",
    message: "Update",
    primaryEntity: lead,
    stage: Stage.PreValidation,
    mode: sync,
    rank: 2,
    filteringAttributes: prospectColumns,
    description:
      "Refuses a direct change of the Commerce B2B prospect status the lead and its opportunity do not support, and any change of msdyn_b2bcommerceprospect or msdyn_prospectid, except by application users (dual-write).",
    images: [
      { id: "8d4483b4-ec0c-4cb6-8550-5d8c3e77e049", alias: "PreImage", imageType: 0, messagePropertyName: "Target", attributes: prospectColumnsImage },
    ],
    handler: "prospectColumns.validate",
    nameRole: "ProspectColumns",
  },
  {
    id: "34a9c4bf-a7e6-40fc-9f45-cae151c56df0",
    message: "SetState",
    primaryEntity: lead,
    stage: Stage.PreValidation,
    mode: sync,
    rank: 1,
    filteringAttributes: [],
    description:
      "Refuses to disqualify or reactivate a Commerce B2B lead once approved, or to disqualify it without the approver role when cb2b_RequireApproverRole is on (legacy SetState). Other leads: decided from the PreImage.",
    images: [
      {
        id: "ce94a803-c0e0-4faf-9f19-02a33bfc08c3",
        alias: "PreImage",
        imageType: 0,
        messagePropertyName: "EntityMoniker",
        attributes: leadStateImage,
      },
    ],
    handler: "leadState.validate",
  },
  {
    id: "76049fa6-752f-4f12-932e-376b22a40e76",
    message: "SetState",
    primaryEntity: lead,
    stage: Stage.PostOperation,
    mode: async,
    rank: 1,
    filteringAttributes: [],
    description: "Rejects the Commerce B2B prospect of a disqualified lead (legacy SetState).",
    images: [
      {
        id: "a44c86f9-09a4-4274-9d28-38ceb7e5e3a0",
        alias: "PreImage",
        imageType: 0,
        messagePropertyName: "EntityMoniker",
        attributes: leadStateHandoffImage,
      },
    ],
    handler: "leadState.handoff",
  },
  {
    id: "a26a981b-e894-4f4d-9c71-6c980ae76132",
    message: "Update",
    primaryEntity: opportunity,
    stage: Stage.PreValidation,
    mode: sync,
    rank: 1,
    filteringAttributes: [OpportunityColumns.stateCode],
    description:
      "Refuses to reopen an opportunity whose Commerce B2B prospect is already approved. Opportunities not qualified from a lead: decided from the PreImage.",
    images: [
      {
        id: "50c9e3df-0189-4db5-97e9-a7b41b9d467b",
        alias: "PreImage",
        imageType: 0,
        messagePropertyName: "Target",
        attributes: opportunityStateImage,
      },
    ],
    handler: "opportunityState.validate",
  },
  {
    id: "4ce810a9-da03-45b9-91de-2d8120e577be",
    message: "Update",
    primaryEntity: opportunity,
    stage: Stage.PostOperation,
    mode: async,
    rank: 1,
    filteringAttributes: [OpportunityColumns.stateCode],
    description: "A reopened opportunity puts its rejected Commerce B2B prospect back to pending.",
    images: [
      {
        id: "401ab263-04eb-49f0-b709-cae20667dd91",
        alias: "PreImage",
        imageType: 0,
        messagePropertyName: "Target",
        attributes: opportunityStateImage,
      },
    ],
    handler: "opportunityState.handoff",
  },
  {
    id: "e6db5a54-1407-4033-a309-3cebf073b04e",
    message: "SetState",
    primaryEntity: opportunity,
    stage: Stage.PreValidation,
    mode: sync,
    rank: 1,
    filteringAttributes: [],
    description:
      "Refuses to reopen an opportunity whose Commerce B2B prospect is already approved (legacy SetState). Opportunities not qualified from a lead: decided from the PreImage.",
    images: [
      {
        id: "2c64700e-3a55-487a-9412-12e92aa87442",
        alias: "PreImage",
        imageType: 0,
        messagePropertyName: "EntityMoniker",
        attributes: opportunityStateImage,
      },
    ],
    handler: "opportunityState.validate",
  },
  {
    id: "e1d847db-d1da-41cd-aaa4-0f70db2984d7",
    message: "SetState",
    primaryEntity: opportunity,
    stage: Stage.PostOperation,
    mode: async,
    rank: 1,
    filteringAttributes: [],
    description: "A reopened opportunity puts its rejected Commerce B2B prospect back to pending (legacy SetState).",
    images: [
      {
        id: "a0a55973-2433-4f3c-a759-742062133c52",
        alias: "PreImage",
        imageType: 0,
        messagePropertyName: "EntityMoniker",
        attributes: opportunityStateImage,
      },
    ],
    handler: "opportunityState.handoff",
  },
];

/**
 * The step's name, in the Plug-in Registration Tool's convention `<handler>: <Message> of <entity>`, so
 * that the message can be read back from the name too (SdkMessageId is not known for every message).
 */
export function stepName(step: StepRegistration): string {
  const role = step.nameRole ?? (step.mode === Mode.Synchronous ? "Validate" : "Handoff");
  return `Cb2b.Webhook.${role}: ${step.message} of ${step.primaryEntity}`;
}

export type DeliveredContext = Pick<RemoteExecutionContext, "owningExtension" | "messageName" | "primaryEntityName" | "stage" | "mode" | "inputParameters">;

/**
 * The step a delivery came from: the one of ours for its message, table, stage and mode. Where two share
 * those (Update of lead in PreValidation), the one Dataverse names in `OwningExtension` (the
 * sdkmessageprocessingstep, as in the webhook payload Microsoft documents; it survives a trimmed
 * payload), else — a step registered by hand — the one whose filtering attribute the Target carries.
 * Undefined when none, or more than one, fits.
 */
export function findStep(context: DeliveredContext): StepRegistration | undefined {
  const candidates = Steps.filter(
    (s) =>
      s.message.toLowerCase() === context.messageName.toLowerCase() &&
      s.primaryEntity === context.primaryEntityName.toLowerCase() &&
      s.stage === context.stage &&
      s.mode === context.mode,
  );
  if (candidates.length <= 1) return candidates[0];
  const owning = context.owningExtension;
  const owningId = owning?.logicalName === "sdkmessageprocessingstep" ? normalizeGuid(owning.id) : null;
  const named = candidates.find((s) => s.id === owningId);
  if (named) return named;
  const target = getEntity(context.inputParameters, "Target");
  const carried = candidates.filter((s) => s.filteringAttributes.some((column) => target?.attributes.has(column)));
  return carried.length === 1 ? carried[0] : undefined;
}
