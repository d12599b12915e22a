/**
 * The records the webhook benchmark's stub Dataverse holds, and the deliveries it posts: one delivery
 * per kind a rep or the platform causes, shaped as Dataverse posts them (serializeRemoteExecutionContext).
 *
 * - Synchronous validations (what a rep waits on): non-Commerce lead disqualified from a grid (Update
 *   with the step's PreImage), non-Commerce Close as Won (WinOpportunity has no images), and the
 *   Commerce QualifyLead, Close as Won and Close as Lost.
 * - Asynchronous hand-offs (no rep waits; counted, not timed): QualifyLead, Win and Lose, each on a
 *   record of its own so that the one delivery finds something to write.
 */
import { EnvironmentVariables, LeadState, OpportunityState, ProspectStatus } from "../../core/src";
import {
  createRemoteExecutionContext,
  EmptyGuid,
  entity,
  entityReference,
  optionSetValue,
  parameters,
  serializeRemoteExecutionContext,
  webhookHeadersFor,
  type RemoteExecutionContext,
} from "../src/executionContext";
import { Steps } from "../src/registration/steps";
import type { DataverseStore } from "../test/dataverseStore";

const id = (n: number): string => `b3c4d5e6-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

export const BenchIds = {
  rep: id(1),
  currency: id(2),
  customerGroup: id(3),
  envVariable: id(4),
  /** A walk-in lead and an opportunity not qualified from any lead. */
  otherLead: id(10),
  otherOpportunity: id(11),
  /** The Commerce lead the synchronous validations are about: qualified, customers in Commerce. */
  lead: id(20),
  account: id(21),
  contact: id(22),
  opportunity: id(23),
  /** Hand-offs: a freshly qualified lead, a won and a lost opportunity, each with its own lead. */
  qualifiedLead: id(30),
  qualifiedAccount: id(31),
  qualifiedContact: id(32),
  qualifiedOpportunity: id(33),
  wonLead: id(40),
  wonOpportunity: id(41),
  lostLead: id(50),
  lostOpportunity: id(51),
} as const;

/** Replaced by a fresh GUID in every request, so that the delivery ledger never answers from memory. */
export const RequestIdPlaceholder = "b3c4d5e6-ffff-4fff-8fff-ffffffffffff";

function commerceLead(store: DataverseStore, leadId: string, overrides: Record<string, unknown> = {}): void {
  store.put("leads", leadId, {
    msdyn_b2bcommerceprospect: true,
    msdyn_b2bprospectstatus: ProspectStatus.Pending,
    msdyn_prospectid: `PRS-${leadId.slice(-4)}`,
    statecode: LeadState.Open,
    companyname: "Fabrikam Oy",
    firstname: "Aino",
    lastname: "Virtanen",
    emailaddress1: "aino@fabrikam.fi",
    _transactioncurrencyid_value: BenchIds.currency,
    _msdyn_customergroupid_value: BenchIds.customerGroup,
    _qualifyingopportunityid_value: null,
    _modifiedby_value: BenchIds.rep,
    ...overrides,
  });
}

/** What Sales' QualifyLead leaves: account, contact and opportunity naming the lead, the lead qualified and naming the opportunity. */
function qualified(
  store: DataverseStore,
  ids: { lead: string; account: string; contact: string; opportunity: string },
  inCommerce: boolean,
  opportunityState: number,
): void {
  commerceLead(store, ids.lead, { statecode: LeadState.Qualified, _qualifyingopportunityid_value: ids.opportunity });
  store.put("accounts", ids.account, {
    name: "Fabrikam Oy",
    _originatingleadid_value: ids.lead,
    ...(inCommerce
      ? { customertypecode: 3, accountnumber: "US-027", _transactioncurrencyid_value: BenchIds.currency, _msdyn_customergroupid_value: BenchIds.customerGroup }
      : { customertypecode: null, accountnumber: null }),
  });
  store.put("contacts", ids.contact, {
    fullname: "Aino Virtanen",
    _originatingleadid_value: ids.lead,
    ...(inCommerce ? { msdyn_sellable: true, msdyn_contactpersonid: "CP-000045", _transactioncurrencyid_value: BenchIds.currency } : { msdyn_sellable: false, msdyn_contactpersonid: null }),
  });
  store.put("opportunities", ids.opportunity, {
    statecode: opportunityState,
    _originatingleadid_value: ids.lead,
    _parentaccountid_value: ids.account,
    _parentcontactid_value: ids.contact,
    _modifiedby_value: BenchIds.rep,
  });
}

export function seedBench(store: DataverseStore): void {
  store.put("systemusers", BenchIds.rep, { fullname: "Pat Rep", applicationid: null });
  store.put("usersettingscollection", BenchIds.rep, { uilanguageid: 1033 });
  // cb2b_RequireApproverRole as the solution ships it: off.
  store.put("environmentvariabledefinitions", BenchIds.envVariable, { schemaname: EnvironmentVariables.requireApproverRole, defaultvalue: "no" });
  store.put("leads", BenchIds.otherLead, { msdyn_b2bcommerceprospect: false, statecode: LeadState.Open, companyname: "Walk-in Ltd" });
  store.put("opportunities", BenchIds.otherOpportunity, { statecode: OpportunityState.Open, _originatingleadid_value: null });
  qualified(store, { lead: BenchIds.lead, account: BenchIds.account, contact: BenchIds.contact, opportunity: BenchIds.opportunity }, true, OpportunityState.Open);
  // The hand-offs' records: Sales has done its part (qualified, won, lost); the hand-off has not run yet.
  qualified(
    store,
    { lead: BenchIds.qualifiedLead, account: BenchIds.qualifiedAccount, contact: BenchIds.qualifiedContact, opportunity: BenchIds.qualifiedOpportunity },
    false,
    OpportunityState.Open,
  );
  qualified(store, { lead: BenchIds.wonLead, account: id(42), contact: id(43), opportunity: BenchIds.wonOpportunity }, true, OpportunityState.Won);
  qualified(store, { lead: BenchIds.lostLead, account: id(52), contact: id(53), opportunity: BenchIds.lostOpportunity }, true, OpportunityState.Lost);
}

const stepId = (handler: string): string => Steps.find((s) => s.handler === handler)!.id;

const base = (init: Partial<RemoteExecutionContext> & Pick<RemoteExecutionContext, "messageName" | "primaryEntityName" | "stage" | "mode">) =>
  createRemoteExecutionContext({ userId: BenchIds.rep, requestId: RequestIdPlaceholder, ...init });

const close = (message: "WinOpportunity" | "LoseOpportunity", opportunityId: string, stage: 10 | 40) =>
  base({
    messageName: message,
    primaryEntityName: "opportunity",
    stage,
    mode: stage === 10 ? 0 : 1,
    owningExtension: entityReference("sdkmessageprocessingstep", stepId(`${message === "WinOpportunity" ? "winOpportunity" : "loseOpportunity"}.${stage === 10 ? "validate" : "handoff"}`)),
    inputParameters: parameters({
      OpportunityClose: entity("opportunityclose", EmptyGuid, { opportunityid: entityReference("opportunity", opportunityId) }),
      Status: optionSetValue(message === "WinOpportunity" ? 3 : 4),
    }),
  });

const qualify = (leadId: string, stage: 10 | 40, created?: { account: string; contact: string; opportunity: string }) =>
  base({
    messageName: "QualifyLead",
    primaryEntityName: "lead",
    primaryEntityId: leadId,
    stage,
    mode: stage === 10 ? 0 : 1,
    owningExtension: entityReference("sdkmessageprocessingstep", stepId(`qualifyLead.${stage === 10 ? "validate" : "handoff"}`)),
    inputParameters: parameters({
      LeadId: entityReference("lead", leadId),
      CreateAccount: true,
      CreateContact: true,
      CreateOpportunity: true,
      Status: optionSetValue(3),
    }),
    outputParameters: created
      ? parameters({
          CreatedEntities: [entityReference("account", created.account), entityReference("contact", created.contact), entityReference("opportunity", created.opportunity)],
        })
      : new Map(),
  });

export interface BenchDelivery {
  kind: string;
  /** Which of the kinds it is. */
  group: "non-Commerce" | "Commerce qualify" | "Commerce win" | "Commerce lose";
  /** The step's PreImage decides it: issue 14's goal is no Web API request at all. */
  decidedByImage: boolean;
  body: string;
  headers: Record<string, string>;
}

function delivery(kind: string, group: BenchDelivery["group"], context: RemoteExecutionContext, decidedByImage = false): BenchDelivery {
  return {
    kind,
    group,
    decidedByImage,
    body: serializeRemoteExecutionContext(context),
    headers: webhookHeadersFor(context, { organization: "contoso.crm4.dynamics.com" }),
  };
}

/** The synchronous deliveries, timed under load. */
export function validations(): BenchDelivery[] {
  const disqualifyOther = base({
    messageName: "Update",
    primaryEntityName: "lead",
    primaryEntityId: BenchIds.otherLead,
    stage: 10,
    mode: 0,
    owningExtension: entityReference("sdkmessageprocessingstep", stepId("leadState.validate")),
    inputParameters: parameters({ Target: entity("lead", BenchIds.otherLead, { statecode: optionSetValue(LeadState.Disqualified), statuscode: optionSetValue(6) }) }),
    // The step's PreImage as the platform takes it: null columns (no prospect status) left out.
    preEntityImages: new Map([["PreImage", entity("lead", BenchIds.otherLead, { statecode: optionSetValue(LeadState.Open), msdyn_b2bcommerceprospect: false })]]),
  });
  return [
    delivery("non-Commerce lead disqualified (Update, PreImage)", "non-Commerce", disqualifyOther, true),
    delivery("non-Commerce Close as Won (WinOpportunity, no image)", "non-Commerce", close("WinOpportunity", BenchIds.otherOpportunity, 10)),
    delivery("Commerce QualifyLead validation", "Commerce qualify", qualify(BenchIds.lead, 10)),
    delivery("Commerce Close as Won validation", "Commerce win", close("WinOpportunity", BenchIds.opportunity, 10)),
    delivery("Commerce Close as Lost validation", "Commerce lose", close("LoseOpportunity", BenchIds.opportunity, 10)),
  ];
}

/** The asynchronous hand-offs, each delivered once (and once more: the replay finds nothing to write). */
export function handoffs(): BenchDelivery[] {
  return [
    delivery(
      "Commerce QualifyLead hand-off",
      "Commerce qualify",
      qualify(BenchIds.qualifiedLead, 40, { account: BenchIds.qualifiedAccount, contact: BenchIds.qualifiedContact, opportunity: BenchIds.qualifiedOpportunity }),
    ),
    delivery("Commerce Close as Won hand-off", "Commerce win", close("WinOpportunity", BenchIds.wonOpportunity, 40)),
    delivery("Commerce Close as Lost hand-off", "Commerce lose", close("LoseOpportunity", BenchIds.lostOpportunity, 40)),
  ];
}
