import {
  AccountColumns,
  AccountCustomerType,
  ContactColumns,
  describeMissingQualificationRecords,
  describeQualificationBlock,
  Entities,
  LeadColumns,
  LeadState,
  missingQualificationRecords,
  OpportunityColumns,
  qualificationProblems,
} from "../../../core/src";
import { bindTo, type WebApiRecord } from "../dataverse/client";
import { getBoolean, getEntityReference, getEntityReferences, normalizeGuid } from "../executionContext";
import { EntitySets } from "./entitySets";
import { composeNote, createNote, refreshNote } from "./handoffNote";
import { findQualifiedRecords, readAccount, readContact, readLead, readOpportunity, type LeadRecord } from "./records";
import { stale, UnprocessableDeliveryError, type Change, type Handler, type HandlerInput, type Outcome } from "./types";
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

/** One column to set: a plain value, or a lookup as `<column>@odata.bind`. */
interface ColumnWrite {
  column: string;
  property: string;
  value: unknown;
}
const plain = (column: string, value: unknown): ColumnWrite => ({ column, property: column, value });
const lookupTo = (column: string, entitySet: string, id: string): ColumnWrite => ({ column, property: `${column}@odata.bind`, value: bindTo(entitySet, id) });

/** The PATCH for one row (at the version read) from the columns that differ (`false` = already right); null when none do. */
function rowWrite(
  entitySet: string,
  row: { id: string; etag: string | null },
  columns: (ColumnWrite | false)[],
): { change: Change; data: WebApiRecord; etag: string | null } | null {
  const needed = columns.filter((c): c is ColumnWrite => c !== false);
  if (needed.length === 0) return null;
  return {
    change: { entitySet, id: row.id, columns: needed.map((c) => c.column) },
    data: Object.fromEntries(needed.map((c) => [c.property, c.value])),
    etag: row.etag,
  };
}

/**
 * Asynchronous: make the new account and contact ready for dual-write's Customers V3 maps (account
 * customer type Customer, contact sellable, currency and customer group from the lead), link the
 * opportunity and the lead both ways, and leave the timeline note. Writes only what differs, each row
 * at the version read (a row changed meanwhile answers 412 and the host runs the hand-off again).
 *
 * Only on the records as they are now: the lead really is qualified, and the created account, contact
 * and opportunity exist and came from this lead (`originatingleadid`, which Sales sets when it converts
 * a lead; an opportunity without one is linked here). A forged, stale or replayed delivery changes nothing.
 */
export const handOffQualifyLead: Handler = async (input) => {
  const lead = await commerceLead(input);
  if (isOutcome(lead)) return lead;
  if (lead.stateCode !== LeadState.Qualified) {
    return stale("leadNotQualified", `Lead ${lead.id} is not qualified now (state ${lead.stateCode ?? "unknown"}): nothing changed.`);
  }
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
    return stale("qualifiedRecordsMissing", `QualifyLead of lead ${lead.id}: the account, contact or opportunity named does not exist: nothing changed.`);
  }
  // Sales names the converted lead on all three; only an opportunity without one is linked below.
  const fromOtherLead = [
    account.originatingLeadId !== lead.id && "account",
    contact.originatingLeadId !== lead.id && "contact",
    opportunity.originatingLeadId !== null && opportunity.originatingLeadId !== lead.id && "opportunity",
  ].filter((name): name is string => name !== false);
  if (fromOtherLead.length > 0 || (lead.qualifyingOpportunityId !== null && lead.qualifyingOpportunityId !== opportunityId)) {
    return stale(
      "notQualifiedFromLead",
      `QualifyLead of lead ${lead.id}: ${fromOtherLead.length > 0 ? `the ${fromOtherLead.join(", ")} named did not come from this lead` : `the lead was qualified into opportunity ${lead.qualifyingOpportunityId}`}: nothing changed.`,
    );
  }
  const currency = lead.currencyId;
  const group = lead.customerGroupId;
  const writes = [
    rowWrite(EntitySets.account, account, [
      account.customerTypeCode !== AccountCustomerType.Customer && plain(AccountColumns.customerTypeCode, AccountCustomerType.Customer),
      currency !== null && account.currencyId !== currency && lookupTo(AccountColumns.currency, EntitySets.transactionCurrency, currency),
      group !== null && account.customerGroupId !== group && lookupTo(AccountColumns.customerGroup, EntitySets.customerGroup, group),
    ]),
    rowWrite(EntitySets.contact, contact, [
      contact.sellable !== true && plain(ContactColumns.sellable, true),
      // The contact's currency column has the same logical name as the account's.
      currency !== null && contact.currencyId !== currency && lookupTo(AccountColumns.currency, EntitySets.transactionCurrency, currency),
    ]),
    rowWrite(EntitySets.opportunity, opportunity, [
      opportunity.originatingLeadId !== lead.id && lookupTo(OpportunityColumns.originatingLead, EntitySets.lead, lead.id),
    ]),
    rowWrite(EntitySets.lead, lead, [
      lead.qualifyingOpportunityId !== opportunityId && lookupTo(LeadColumns.qualifyingOpportunity, EntitySets.opportunity, opportunityId),
    ]),
  ].filter((w): w is NonNullable<typeof w> => w !== null);
  if (writes.length === 0) {
    return { kind: "unchanged", message: `The records qualified from lead ${lead.id} are already ready for Commerce.` };
  }
  // Note first (created once: its id is lead + "qualified"), as in applyTransition.
  const note = await composeNote(input, lead.id, { entity: "lead", id: lead.id }, { kind: "qualified" });
  const created = await createNote(input, note);
  await Promise.all(writes.map((w) => input.dataverse.update(w.change.entitySet, w.change.id, w.data, { etag: w.etag })));
  const noteChange = created ?? (await refreshNote(input, note));
  return {
    kind: "applied",
    message: `Account ${accountId} and contact ${contactId} are ready for the Customers V3 maps; opportunity ${opportunityId} is linked to lead ${lead.id}.`,
    changes: [...writes.map((w) => w.change), ...(noteChange ? [noteChange] : [])],
  };
};
