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
import { bindTo, type ChangeSetWrite, type WebApiRecord } from "../dataverse/client";
import { getBoolean, getEntityReference, getEntityReferences, normalizeGuid } from "../executionContext";
import { EntitySets } from "./entitySets";
import type { FetchLink, FetchRow } from "./fetchXml";
import { composeNote, noteFromLink, noteId, noteLink, noteWrite } from "./handoffNote";
import { mapPlan, readTogether, type ReadPlan } from "./readPlan";
import { fetchLeadRows, leadFromFetch, leadPlan, readAccount, readContact, readOpportunity, type LeadRecord } from "./records";
import { stale, UnprocessableDeliveryError, type Change, type Handler, type HandlerInput, type Outcome } from "./types";
import { initiatingUser, languagePlan, modifiedByLinks, readUser, userFromLink, userLanguage } from "./users";

function qualifiedLeadId(input: HandlerInput): string {
  const id = normalizeGuid(getEntityReference(input.context.inputParameters, "LeadId")?.id) ?? normalizeGuid(input.context.primaryEntityId);
  if (id === null) {
    throw new UnprocessableDeliveryError(
      `QualifyLead: the lead cannot be identified (no LeadId${input.trimmed ? " — the payload was trimmed" : ""} and no PrimaryEntityId).`,
    );
  }
  return id;
}

function commerceLead(input: HandlerInput): ReadPlan<LeadRecord | Outcome> {
  const id = qualifiedLeadId(input);
  return mapPlan(leadPlan(id), (lead): LeadRecord | Outcome => {
    if (lead === null) return { kind: "notApplicable", message: `Lead ${id} does not exist.` };
    if (!lead.isCommerceB2BProspect) return { kind: "notApplicable", message: `Lead ${id} is not a Commerce B2B lead.` };
    return lead;
  });
}

const isOutcome = (value: LeadRecord | Outcome): value is Outcome => "kind" in value;

/**
 * Synchronous: refuse a qualification that would not create account, contact and opportunity, or of a
 * lead that lacks what Commerce needs for its customers. Reads only: the lead (QualifyLead carries no
 * entity images) and the user's language for a refusal, in one round trip.
 */
export const validateQualifyLead: Handler = async (input) => {
  const [lead, languageOf] = await readTogether(input.dataverse, commerceLead(input), languagePlan(input.context.userId));
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
  const language = languageOf(input.context.userId);
  if (missing.length > 0) {
    return { kind: "refused", reason: "incompleteQualification", message: describeMissingQualificationRecords(missing, language) };
  }
  return { kind: "refused", reason: "qualificationProblems", message: describeQualificationBlock(problems, language) };
};

/** QualifyLead's `CreatedEntities` by table (null where the payload does not name one: trimmed). */
function createdRecords(input: HandlerInput) {
  const created = getEntityReferences(input.context.outputParameters, "CreatedEntities");
  const createdId = (logicalName: string): string | null => normalizeGuid(created.find((ref) => ref.logicalName === logicalName)?.id);
  return {
    account: createdId(Entities.account.logicalName),
    contact: createdId(Entities.contact.logicalName),
    opportunity: createdId(Entities.opportunity.logicalName),
  };
}

/**
 * A row qualification created from the lead (`originatingleadid` is the lead): the one CreatedEntities
 * names, else (trimmed payload) any. Outer: a row that is not there, or came from another lead, leaves
 * the link empty.
 */
function createdLink(table: "account" | "contact" | "opportunity", id: string | null, columns: readonly string[]): FetchLink {
  const idColumn = { account: AccountColumns.id, contact: ContactColumns.id, opportunity: OpportunityColumns.id }[table];
  return {
    name: Entities[table].logicalName,
    from: AccountColumns.originatingLead,
    to: LeadColumns.id,
    alias: table,
    type: "outer",
    columns: [idColumn, ...columns],
    where: id === null ? undefined : { [idColumn]: id },
  };
}

// The contact's currency column has the same logical name as the lead's and the account's.
const contactCurrency = AccountColumns.currency;

/** The first row in which the link found its row (several when a trimmed payload named none and the lead has several). */
const firstWith = (rows: FetchRow[], alias: string, idColumn: string): FetchRow | undefined => rows.find((row) => row.has(alias, idColumn));

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
 * opportunity and the lead both ways, and leave the timeline note. One FetchXML reads the lead and what
 * it was qualified into; one change set writes only what differs, all or none: the lead at the version
 * read (a lead changed meanwhile answers 412 and the host runs the hand-off again), the other rows as
 * they must be (If-Match: * — they never get created) with values that are constants or the lead's.
 *
 * Only on the records as they are now: the lead really is qualified, and the created account, contact
 * and opportunity exist and came from this lead (`originatingleadid`, which Sales sets when it converts
 * a lead; an opportunity without one is linked here). A forged, stale or replayed delivery changes nothing.
 */
export const handOffQualifyLead: Handler = async (input) => {
  const id = qualifiedLeadId(input);
  const created = createdRecords(input);
  const userId = initiatingUser(input.context);
  // One FetchXML: the lead (with its etag), the account, contact and opportunity created from it, the note and the user who qualified it.
  const rows = await fetchLeadRows(input.dataverse, { [LeadColumns.id]: id }, [
    createdLink("account", created.account, [AccountColumns.customerTypeCode, AccountColumns.currency, AccountColumns.customerGroup]),
    createdLink("contact", created.contact, [ContactColumns.sellable, contactCurrency]),
    createdLink("opportunity", created.opportunity, []),
    noteLink(qualifiedNoteId(id)),
    ...modifiedByLinks(userId),
  ]);
  const lead = rows[0] ? leadFromFetch(rows[0]) : null;
  if (lead === null) return { kind: "notApplicable", message: `Lead ${id} does not exist.` };
  if (!lead.isCommerceB2BProspect) return { kind: "notApplicable", message: `Lead ${id} is not a Commerce B2B lead.` };
  if (lead.stateCode !== LeadState.Qualified) {
    return stale("leadNotQualified", `Lead ${lead.id} is not qualified now (state ${lead.stateCode ?? "unknown"}): nothing changed.`);
  }
  const accountRow = firstWith(rows, "account", AccountColumns.id);
  const contactRow = firstWith(rows, "contact", ContactColumns.id);
  const opportunityRow = firstWith(rows, "opportunity", OpportunityColumns.id);
  const accountId = created.account ?? accountRow?.id(AccountColumns.id, "account") ?? null;
  const contactId = created.contact ?? contactRow?.id(ContactColumns.id, "contact") ?? null;
  const opportunityId = created.opportunity ?? opportunityRow?.id(OpportunityColumns.id, "opportunity") ?? null;
  const missing = missingQualificationRecords({ account: accountId !== null, contact: contactId !== null, opportunity: opportunityId !== null });
  if (accountId === null || contactId === null || opportunityId === null) {
    const language = await userLanguage(input.dataverse, input.context.userId);
    return { kind: "refused", reason: "incompleteQualification", message: describeMissingQualificationRecords(missing, language) };
  }
  // A record CreatedEntities names that the links did not find does not exist or came from another lead (or
  // is an opportunity Sales left without originatingleadid): read it to say which.
  const [account, contact, opportunity] = await Promise.all([
    accountRow
      ? { id: accountId, etag: null, customerTypeCode: accountRow.integer(AccountColumns.customerTypeCode, "account"), currencyId: accountRow.id(AccountColumns.currency, "account"), customerGroupId: accountRow.id(AccountColumns.customerGroup, "account"), accountNumber: null, originatingLeadId: lead.id }
      : readAccount(input.dataverse, accountId),
    contactRow
      ? { id: contactId, etag: null, sellable: contactRow.boolean(ContactColumns.sellable, "contact"), currencyId: contactRow.id(contactCurrency, "contact"), contactPersonId: null, originatingLeadId: lead.id }
      : readContact(input.dataverse, contactId),
    opportunityRow
      ? { id: opportunityId, etag: null, stateCode: null, originatingLeadId: lead.id, parentAccountId: null, parentContactId: null }
      : readOpportunity(input.dataverse, opportunityId),
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
    // The lead first: at the version read (its etag), which guards the whole change set.
    rowWrite(EntitySets.lead, lead, [
      lead.qualifyingOpportunityId !== opportunityId && lookupTo(LeadColumns.qualifyingOpportunity, EntitySets.opportunity, opportunityId),
    ]),
    rowWrite(EntitySets.account, account, [
      account.customerTypeCode !== AccountCustomerType.Customer && plain(AccountColumns.customerTypeCode, AccountCustomerType.Customer),
      currency !== null && account.currencyId !== currency && lookupTo(AccountColumns.currency, EntitySets.transactionCurrency, currency),
      group !== null && account.customerGroupId !== group && lookupTo(AccountColumns.customerGroup, EntitySets.customerGroup, group),
    ]),
    rowWrite(EntitySets.contact, contact, [
      contact.sellable !== true && plain(ContactColumns.sellable, true),
      currency !== null && contact.currencyId !== currency && lookupTo(contactCurrency, EntitySets.transactionCurrency, currency),
    ]),
    rowWrite(EntitySets.opportunity, opportunity, [
      opportunity.originatingLeadId !== lead.id && lookupTo(OpportunityColumns.originatingLead, EntitySets.lead, lead.id),
    ]),
  ].filter((w): w is NonNullable<typeof w> => w !== null);
  if (writes.length === 0) {
    return { kind: "unchanged", message: `The records qualified from lead ${lead.id} are already ready for Commerce.` };
  }
  // One change set: the note (created once: its id is lead + "qualified") and every row, all or none.
  const row = rows[0];
  const author = userFromLink(row, userId) ?? (await readUser(input.dataverse, userId));
  const note = noteWrite(composeNote(input, lead.id, { entity: "lead", id: lead.id }, { kind: "qualified" }, author), noteFromLink(row));
  await input.dataverse.executeChangeSet([
    ...(note ? [note.write] : []),
    ...writes.map((w): ChangeSetWrite => ({ kind: "update", entitySet: w.change.entitySet, id: w.change.id, data: w.data, etag: w.etag })),
  ]);
  return {
    kind: "applied",
    message: `Account ${accountId} and contact ${contactId} are ready for the Customers V3 maps; opportunity ${opportunityId} is linked to lead ${lead.id}.`,
    changes: [...writes.map((w) => w.change), ...(note ? [note.change] : [])],
  };
};

/** The qualification's note on the lead. */
function qualifiedNoteId(leadId: string): string {
  return noteId({ entity: "lead", id: leadId }, { kind: "qualified" });
}
