import {
  AccountColumns,
  AccountCustomerType,
  ContactColumns,
  describeMissingQualificationRecords,
  describeQualificationBlock,
  Entities,
  LeadColumns,
  missingQualificationRecords,
  OpportunityColumns,
  qualificationProblems,
} from "../../../core/src";
import { bindTo, type WebApiRecord } from "../dataverse/client";
import { getBoolean, getEntityReference, getEntityReferences, normalizeGuid } from "../executionContext";
import { EntitySets } from "./entitySets";
import { writeHandoffNote } from "./handoffNote";
import { findQualifiedRecords, readAccount, readContact, readLead, readOpportunity, type LeadRecord } from "./records";
import { UnprocessableDeliveryError, type Change, type Handler, type HandlerInput, type Outcome } from "./types";
import { userLanguage } from "./users";

function qualifiedLeadId(input: HandlerInput): string {
  const id = normalizeGuid(getEntityReference(input.context.inputParameters, "LeadId")?.id) ?? normalizeGuid(input.context.primaryEntityId);
  if (id === null) {
    throw new UnprocessableDeliveryError(
      `QualifyLead: the lead cannot be identified (no LeadId${input.trimmed ? " — the payload was trimmed" : ""} and no PrimaryEntityId).`,
    );
  }
  return id;
}

async function commerceLead(input: HandlerInput): Promise<LeadRecord | Outcome> {
  const id = qualifiedLeadId(input);
  const lead = await readLead(input.dataverse, id);
  if (lead === null) return { kind: "notApplicable", message: `Lead ${id} does not exist.` };
  if (!lead.isCommerceB2BProspect) return { kind: "notApplicable", message: `Lead ${id} is not a Commerce B2B lead.` };
  return lead;
}

const isOutcome = (value: LeadRecord | Outcome): value is Outcome => "kind" in value;

/**
 * Synchronous: refuse a qualification that would not create account, contact and opportunity, or of a
 * lead that lacks what Commerce needs for its customers. Reads only.
 */
export const validateQualifyLead: Handler = async (input) => {
  const lead = await commerceLead(input);
  if (isOutcome(lead)) return lead;
  const params = input.context.inputParameters;
  // A trimmed payload has no InputParameters; the asynchronous step still checks what was created.
  const missing = input.trimmed
    ? []
    : missingQualificationRecords({
        account: getBoolean(params, "CreateAccount") === true,
        contact: getBoolean(params, "CreateContact") === true,
        opportunity: getBoolean(params, "CreateOpportunity") === true,
      });
  const problems = qualificationProblems({
    companyname: lead.companyName,
    firstname: lead.firstName,
    lastname: lead.lastName,
    emailaddress1: lead.email,
    transactioncurrencyid: lead.currencyId,
  });
  if (missing.length === 0 && problems.length === 0) {
    return { kind: "allowed", message: `Lead ${lead.id} may be qualified: it creates account, contact and opportunity.` };
  }
  const language = await userLanguage(input.dataverse, input.context.userId);
  if (missing.length > 0) {
    return { kind: "refused", reason: "incompleteQualification", message: describeMissingQualificationRecords(missing, language) };
  }
  return { kind: "refused", reason: "qualificationProblems", message: describeQualificationBlock(problems, language) };
};

/** QualifyLead's `CreatedEntities` by table; what is missing there is looked up by originatingleadid. */
async function createdRecords(input: HandlerInput, leadId: string) {
  const created = getEntityReferences(input.context.outputParameters, "CreatedEntities");
  const createdId = (logicalName: string): string | null =>
    normalizeGuid(created.find((ref) => ref.logicalName === logicalName)?.id);
  let ids = {
    accountId: createdId(Entities.account.logicalName),
    contactId: createdId(Entities.contact.logicalName),
    opportunityId: createdId(Entities.opportunity.logicalName),
  };
  if (ids.accountId === null || ids.contactId === null || ids.opportunityId === null) {
    const found = await findQualifiedRecords(input.dataverse, leadId);
    ids = {
      accountId: ids.accountId ?? found.accountId,
      contactId: ids.contactId ?? found.contactId,
      opportunityId: ids.opportunityId ?? found.opportunityId,
    };
  }
  return ids;
}

/** Sets what differs; returns the change, or null when the row already had it all. */
function diff(entitySet: string, id: string, wanted: [column: string, differs: boolean, value: [string, unknown]][]): { change: Change; data: WebApiRecord } | null {
  const needed = wanted.filter(([, differs]) => differs);
  if (needed.length === 0) return null;
  return {
    change: { entitySet, id, columns: needed.map(([column]) => column) },
    data: Object.fromEntries(needed.map(([, , value]) => value)),
  };
}

/**
 * Asynchronous: make the new account and contact ready for dual-write's Customers V3 maps (account
 * customer type Customer, contact sellable, currency and customer group from the lead), link the
 * opportunity and the lead both ways, and leave the timeline note. Writes only what differs.
 */
export const handOffQualifyLead: Handler = async (input) => {
  const lead = await commerceLead(input);
  if (isOutcome(lead)) return lead;
  const { accountId, contactId, opportunityId } = await createdRecords(input, lead.id);
  const missing = missingQualificationRecords({ account: accountId !== null, contact: contactId !== null, opportunity: opportunityId !== null });
  if (accountId === null || contactId === null || opportunityId === null) {
    const language = await userLanguage(input.dataverse, input.context.userId);
    return { kind: "refused", reason: "incompleteQualification", message: describeMissingQualificationRecords(missing, language) };
  }
  const [account, contact, opportunity] = await Promise.all([
    readAccount(input.dataverse, accountId),
    readContact(input.dataverse, contactId),
    readOpportunity(input.dataverse, opportunityId),
  ]);
  if (account === null || contact === null || opportunity === null) {
    throw new UnprocessableDeliveryError(`QualifyLead of lead ${lead.id}: a created record no longer exists.`);
  }
  const currency = lead.currencyId;
  const group = lead.customerGroupId;
  const currencyBind = (column: string): [string, unknown] => [`${column}@odata.bind`, bindTo(EntitySets.transactionCurrency, currency ?? "")];
  const writes = [
    diff(EntitySets.account, accountId, [
      [AccountColumns.customerTypeCode, account.customerTypeCode !== AccountCustomerType.Customer, [AccountColumns.customerTypeCode, AccountCustomerType.Customer]],
      [AccountColumns.currency, currency !== null && account.currencyId !== currency, currencyBind(AccountColumns.currency)],
      [
        AccountColumns.customerGroup,
        group !== null && account.customerGroupId !== group,
        [`${AccountColumns.customerGroup}@odata.bind`, bindTo(EntitySets.customerGroup, group ?? "")],
      ],
    ]),
    diff(EntitySets.contact, contactId, [
      [ContactColumns.sellable, contact.sellable !== true, [ContactColumns.sellable, true]],
      [AccountColumns.currency, currency !== null && contact.currencyId !== currency, currencyBind(AccountColumns.currency)],
    ]),
    diff(EntitySets.opportunity, opportunityId, [
      [
        OpportunityColumns.originatingLead,
        opportunity.originatingLeadId !== lead.id,
        [`${OpportunityColumns.originatingLead}@odata.bind`, bindTo(EntitySets.lead, lead.id)],
      ],
    ]),
    diff(EntitySets.lead, lead.id, [
      [
        LeadColumns.qualifyingOpportunity,
        lead.qualifyingOpportunityId !== opportunityId,
        [`${LeadColumns.qualifyingOpportunity}@odata.bind`, bindTo(EntitySets.opportunity, opportunityId)],
      ],
    ]),
  ].filter((w): w is NonNullable<typeof w> => w !== null);
  if (writes.length === 0) {
    return { kind: "unchanged", message: `The records qualified from lead ${lead.id} are already ready for Commerce.` };
  }
  // Note first, as in applyTransition: a retried delivery then converges on the same note.
  const note = await writeHandoffNote(input, lead.id, { kind: "qualified" });
  await Promise.all(writes.map((w) => input.dataverse.update(w.change.entitySet, w.change.id, w.data)));
  return {
    kind: "applied",
    message: `Account ${accountId} and contact ${contactId} are ready for the Customers V3 maps; opportunity ${opportunityId} is linked to lead ${lead.id}.`,
    changes: [...writes.map((w) => w.change), note],
  };
};
