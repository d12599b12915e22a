/**
 * `POST leads(<id>)/Microsoft.Dynamics.CRM.QualifyLead`, as Sales does it: account from the company
 * name, contact from the person (parent customer = the new account), opportunity from the topic; all
 * three carry `originatingleadid`; the lead gets the references, statecode Qualified and the status.
 */
import { LeadState } from "../../../../core/src";
import { badRequest, ErrorCodes, notFound, notImplemented } from "../errors";
import { reference } from "../engine/contextValues";
import type { Engine } from "../engine/engine";
import type { Caller, ContextValue } from "../engine/scope";
import { defaultStatusFor, validateStatePair } from "../engine/stateRules";
import { entityByLogicalName, type EntityMetadata } from "../metadata";
import { isEntityRef, type EntityRef, type RecordData } from "../storage/records";
import { requireAccess } from "../security/principal";
import { asBody, booleanParameter, integerParameter, referenceParameter } from "./parameters";

const meta = (name: string) => entityByLogicalName(name) as EntityMetadata;

export const LEAD_CLOSED = "The lead is closed. You cannot convert or qualify a lead that is already closed.";

const ADDRESS = ["address1_line1", "address1_line2", "address1_city", "address1_stateorprovince", "address1_postalcode", "address1_country"];

function copy(lead: RecordData, names: string[]): RecordData {
  const out: RecordData = {};
  for (const name of names) if (lead[name] !== null && lead[name] !== undefined) out[name] = lead[name];
  return out;
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);

export interface QualifyResult {
  created: EntityRef[];
}

export async function qualifyLead(engine: Engine, caller: Caller, leadId: string, rawBody: unknown): Promise<QualifyResult> {
  const body = asBody(rawBody);
  const lead = meta("lead");
  const store = engine.store;
  const createAccount = booleanParameter(body, "CreateAccount", true);
  const createContact = booleanParameter(body, "CreateContact", true);
  const createOpportunity = booleanParameter(body, "CreateOpportunity", true);
  const requestedStatus = integerParameter(body, "Status");
  if (body.SourceCampaignId) throw notImplemented("QualifyLead with SourceCampaignId (campaigns are not modelled)");

  return engine.execute(caller, async (scope) => {
    const record = store.get(lead, leadId);
    if (!record) throw notFound("lead", leadId);
    // Qualifying writes the lead and creates the records asked for, each needing its privilege.
    requireAccess(store, caller, lead, "Write", record);
    if (createAccount) requireAccess(store, caller, meta("account"), "Create");
    if (createContact) requireAccess(store, caller, meta("contact"), "Create");
    if (createOpportunity) requireAccess(store, caller, meta("opportunity"), "Create");
    const currency = referenceParameter(store, body, "OpportunityCurrencyId", ["transactioncurrency"]);
    const customer = referenceParameter(store, body, "OpportunityCustomerId", ["account", "contact"]);
    const status = requestedStatus === undefined || requestedStatus === -1 ? defaultStatusFor(lead, LeadState.Qualified)! : requestedStatus;

    const inputs: Record<string, ContextValue> = {
      LeadId: reference("lead", leadId, store.primaryName(lead, leadId)),
      CreateAccount: createAccount,
      CreateContact: createContact,
      CreateOpportunity: createOpportunity,
      Status: { type: "OptionSetValue", value: status },
      OpportunityCurrencyId: currency ? reference(currency.logicalName, currency.id) : null,
      OpportunityCustomerId: customer ? reference(customer.logicalName, customer.id) : null,
      SourceCampaignId: null,
      SuppressDuplicateDetection: body.SuppressDuplicateDetection === true,
    };
    const invocation = engine.invocation("QualifyLead", lead, leadId, inputs);
    invocation.preImage = record;
    const leadRef: EntityRef = { logicalName: "lead", id: leadId };
    // The platform checks the lead and the status in the core operation, after pre-validation steps ran.
    return engine.message(scope, invocation, async (inner) => {
      if (record.statecode !== LeadState.Open) {
        // Sales' text as "Troubleshooting the Lead entity (Dynamics 365 Sales)" quotes it (error 5; the page is now
        // https://learn.microsoft.com/troubleshoot/dynamics-365/sales/troubleshoot-lead-qualification-issues-for-salespeople).
        // Microsoft publishes no error code for it: 0x80040203 is the sandbox's.
        throw badRequest(LEAD_CLOSED, ErrorCodes.invalidArgument);
      }
      validateStatePair(lead, leadId, LeadState.Qualified, status);
      const created: EntityRef[] = [];
      const owner = isEntityRef(record.ownerid) ? record.ownerid : undefined;
      const leadCurrency = isEntityRef(record.transactioncurrencyid) ? record.transactioncurrencyid : undefined;
      let account: EntityRef | undefined;
      let contact: EntityRef | undefined;
      let opportunity: EntityRef | undefined;

      if (createAccount && text(record.companyname)) {
        const data: RecordData = {
          name: record.companyname,
          ...copy(record, ["emailaddress1", "telephone1", "websiteurl", "numberofemployees", "description", ...ADDRESS]),
          originatingleadid: leadRef,
        };
        if (leadCurrency) data.transactioncurrencyid = leadCurrency;
        if (owner) data.ownerid = owner;
        account = { logicalName: "account", id: await engine.create(inner, meta("account"), data) };
        created.push(account);
      }
      if (createContact && (text(record.lastname) || text(record.firstname))) {
        const data: RecordData = {
          ...copy(record, ["firstname", "lastname", "jobtitle", "emailaddress1", "telephone1", "mobilephone", ...ADDRESS]),
          originatingleadid: leadRef,
        };
        if (account) data.parentcustomerid = account;
        if (leadCurrency) data.transactioncurrencyid = leadCurrency;
        if (owner) data.ownerid = owner;
        contact = { logicalName: "contact", id: await engine.create(inner, meta("contact"), data) };
        created.push(contact);
        if (account) await engine.update(inner, meta("account"), account.id, { primarycontactid: contact });
      }
      if (createOpportunity) {
        const opportunityCustomer = customer ?? account ?? contact;
        const data: RecordData = {
          name: text(record.subject) ?? text(record.companyname) ?? text(record.fullname) ?? null,
          originatingleadid: leadRef,
        };
        if (record.estimatedamount !== null) data.estimatedvalue = record.estimatedamount;
        if (opportunityCustomer) data.customerid = opportunityCustomer;
        if (account) data.parentaccountid = account;
        if (contact) data.parentcontactid = contact;
        const opportunityCurrency = currency ?? leadCurrency;
        if (opportunityCurrency) data.transactioncurrencyid = opportunityCurrency;
        if (owner) data.ownerid = owner;
        opportunity = { logicalName: "opportunity", id: await engine.create(inner, meta("opportunity"), data) };
        created.push(opportunity);
      }

      const leadChanges: RecordData = { statecode: LeadState.Qualified, statuscode: status };
      if (account) leadChanges.parentaccountid = account;
      if (contact) leadChanges.parentcontactid = contact;
      if (opportunity) leadChanges.qualifyingopportunityid = opportunity;
      await engine.update(inner, lead, leadId, leadChanges);

      invocation.outputParameters.CreatedEntities = { type: "EntityReferenceCollection", references: created };
      const after = store.get(lead, leadId);
      if (after) invocation.postImage = after;
      return { created };
    });
  });
}

/** The Web API response: the created records as a collection of crmbaseentity. */
export function qualifyLeadResponse(apiUrl: string, result: QualifyResult): Record<string, unknown> {
  return {
    "@odata.context": `${apiUrl}$metadata#Collection(Microsoft.Dynamics.CRM.crmbaseentity)`,
    value: result.created.map((ref) => {
      const entity = meta(ref.logicalName);
      return { "@odata.type": `#Microsoft.Dynamics.CRM.${ref.logicalName}`, [entity.primaryIdAttribute]: ref.id };
    }),
  };
}
