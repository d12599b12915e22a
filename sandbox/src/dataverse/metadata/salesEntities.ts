/** The Sales tables the onboarding flow touches, with the dual-write `msdyn_` columns it depends on. */
import {
  AccountCustomerType,
  LeadState,
  LeadStatus,
  OpportunityState,
  OpportunityStatus,
  ProspectStatus,
} from "../../../../core/src";
import {
  activeInactive,
  address,
  audit,
  booleans,
  datetimes,
  integers,
  label,
  lookup,
  memos,
  money,
  option,
  picklist,
  polymorphic,
  primaryKey,
  stateAndStatus,
  strings,
} from "./builders";
import type { EntityMetadata } from "./types";

const prospectStatus = picklist("msdyn_b2bprospectstatus", [
  option(ProspectStatus.Pending, "Pending", "Odottaa"),
  option(ProspectStatus.Approved, "Approved", "Hyväksytty"),
  option(ProspectStatus.Rejected, "Rejected", "Hylätty"),
]);

export const lead: EntityMetadata = {
  logicalName: "lead",
  entitySetName: "leads",
  primaryIdAttribute: "leadid",
  primaryNameAttribute: "fullname",
  ownership: "user",
  stateTypeName: "LeadState",
  attributes: [
    primaryKey("leadid"),
    ...strings("subject", "firstname", "lastname", "companyname", "jobtitle", "emailaddress1", "telephone1"),
    ...strings("mobilephone", "websiteurl", "msdyn_prospectid", "msdyn_retailchannel"),
    // fullname is computed from first and last name, as Dataverse does.
    { logicalName: "fullname", type: "string", systemManaged: true },
    ...address("address1"),
    ...integers("numberofemployees"),
    ...memos("description"),
    ...booleans("msdyn_b2bcommerceprospect"),
    prospectStatus,
    lookup("transactioncurrencyid", "transactioncurrency"),
    lookup("msdyn_customergroupid", "msdyn_customergroup"),
    lookup("parentaccountid", "account"),
    lookup("parentcontactid", "contact"),
    lookup("qualifyingopportunityid", "opportunity"),
    polymorphic("customerid", ["account", "contact"]),
    ...money("estimatedamount"),
    ...stateAndStatus([
      {
        value: LeadState.Open,
        invariantName: "Open",
        label: label("Open", "Avoin"),
        defaultStatus: LeadStatus.New,
        statuses: [
          { value: LeadStatus.New, label: label("New", "Uusi") },
          { value: LeadStatus.Contacted, label: label("Contacted", "Yhteyttä otettu") },
        ],
      },
      {
        value: LeadState.Qualified,
        invariantName: "Qualified",
        label: label("Qualified", "Hyväksytty"),
        defaultStatus: LeadStatus.Qualified,
        statuses: [{ value: LeadStatus.Qualified, label: label("Qualified", "Hyväksytty") }],
      },
      {
        value: LeadState.Disqualified,
        invariantName: "Disqualified",
        label: label("Disqualified", "Hylätty"),
        defaultStatus: LeadStatus.Lost,
        statuses: [
          { value: LeadStatus.Lost, label: label("Lost", "Menetetty") },
          { value: LeadStatus.CannotContact, label: label("Cannot Contact", "Yhteyttä ei saada") },
          { value: LeadStatus.NoLongerInterested, label: label("No Longer Interested", "Ei enää kiinnostunut") },
          { value: LeadStatus.Canceled, label: label("Canceled", "Peruutettu") },
        ],
      },
    ]),
    ...audit("user"),
  ],
};

export const opportunity: EntityMetadata = {
  logicalName: "opportunity",
  entitySetName: "opportunities",
  primaryIdAttribute: "opportunityid",
  primaryNameAttribute: "name",
  ownership: "user",
  stateTypeName: "OpportunityState",
  attributes: [
    primaryKey("opportunityid"),
    ...strings("name"),
    ...memos("description"),
    ...money("estimatedvalue", "actualvalue"),
    ...datetimes("estimatedclosedate", "actualclosedate"),
    ...integers("closeprobability"),
    polymorphic("customerid", ["account", "contact"]),
    lookup("parentaccountid", "account"),
    lookup("parentcontactid", "contact"),
    lookup("originatingleadid", "lead"),
    lookup("transactioncurrencyid", "transactioncurrency"),
    ...stateAndStatus([
      {
        value: OpportunityState.Open,
        invariantName: "Open",
        label: label("Open", "Avoin"),
        defaultStatus: OpportunityStatus.InProgress,
        statuses: [
          { value: OpportunityStatus.InProgress, label: label("In Progress", "Käynnissä") },
          { value: OpportunityStatus.OnHold, label: label("On Hold", "Odotustilassa") },
        ],
      },
      {
        value: OpportunityState.Won,
        invariantName: "Won",
        label: label("Won", "Voitettu"),
        defaultStatus: OpportunityStatus.Won,
        statuses: [{ value: OpportunityStatus.Won, label: label("Won", "Voitettu") }],
      },
      {
        value: OpportunityState.Lost,
        invariantName: "Lost",
        label: label("Lost", "Menetetty"),
        defaultStatus: OpportunityStatus.Canceled,
        statuses: [
          { value: OpportunityStatus.Canceled, label: label("Canceled", "Peruutettu") },
          { value: OpportunityStatus.OutSold, label: label("Out-Sold", "Kilpailija voitti") },
        ],
      },
    ]),
    ...audit("user"),
  ],
};

export const account: EntityMetadata = {
  logicalName: "account",
  entitySetName: "accounts",
  primaryIdAttribute: "accountid",
  primaryNameAttribute: "name",
  ownership: "user",
  stateTypeName: "AccountState",
  attributes: [
    primaryKey("accountid"),
    ...strings("name", "accountnumber", "emailaddress1", "telephone1", "websiteurl"),
    ...address("address1"),
    ...integers("numberofemployees"),
    ...memos("description"),
    picklist("customertypecode", [
      option(1, "Competitor", "Kilpailija"),
      option(2, "Consultant", "Konsultti"),
      option(AccountCustomerType.Customer, "Customer", "Asiakas"),
      option(4, "Investor", "Sijoittaja"),
      option(5, "Partner", "Kumppani"),
      option(6, "Influencer", "Vaikuttaja"),
      option(7, "Press", "Lehdistö"),
      option(8, "Prospect", "Mahdollinen asiakas"),
      option(9, "Reseller", "Jälleenmyyjä"),
      option(10, "Supplier", "Toimittaja"),
      option(11, "Vendor", "Myyjä"),
      option(12, "Other", "Muu"),
    ]),
    lookup("originatingleadid", "lead"),
    lookup("primarycontactid", "contact"),
    lookup("parentaccountid", "account"),
    lookup("transactioncurrencyid", "transactioncurrency"),
    lookup("msdyn_customergroupid", "msdyn_customergroup"),
    ...activeInactive(),
    ...audit("user"),
  ],
};

export const contact: EntityMetadata = {
  logicalName: "contact",
  entitySetName: "contacts",
  primaryIdAttribute: "contactid",
  primaryNameAttribute: "fullname",
  ownership: "user",
  stateTypeName: "ContactState",
  attributes: [
    primaryKey("contactid"),
    ...strings("firstname", "lastname", "jobtitle", "emailaddress1", "telephone1", "mobilephone"),
    ...strings("msdyn_contactpersonid"),
    { logicalName: "fullname", type: "string", systemManaged: true },
    ...address("address1"),
    ...memos("description"),
    ...booleans("msdyn_sellable"),
    polymorphic("parentcustomerid", ["account", "contact"]),
    lookup("originatingleadid", "lead"),
    lookup("transactioncurrencyid", "transactioncurrency"),
    ...activeInactive(),
    ...audit("user"),
  ],
};

export const annotation: EntityMetadata = {
  logicalName: "annotation",
  entitySetName: "annotations",
  primaryIdAttribute: "annotationid",
  primaryNameAttribute: "subject",
  ownership: "user",
  attributes: [
    primaryKey("annotationid"),
    ...strings("subject", "filename", "mimetype"),
    ...memos("notetext", "documentbody"),
    ...booleans("isdocument"),
    ...integers("filesize"),
    polymorphic("objectid", ["lead", "opportunity", "account", "contact"]),
    { logicalName: "objecttypecode", type: "entityname", systemManaged: true },
    ...audit("user"),
  ],
};

export const opportunityclose: EntityMetadata = {
  logicalName: "opportunityclose",
  entitySetName: "opportunitycloses",
  primaryIdAttribute: "activityid",
  primaryNameAttribute: "subject",
  ownership: "user",
  stateTypeName: "OpportunityCloseState",
  attributes: [
    primaryKey("activityid"),
    ...strings("subject"),
    ...memos("description"),
    ...money("actualrevenue"),
    ...datetimes("actualend"),
    lookup("opportunityid", "opportunity"),
    lookup("transactioncurrencyid", "transactioncurrency"),
    ...stateAndStatus([
      {
        value: 0,
        invariantName: "Open",
        label: label("Open", "Avoin"),
        defaultStatus: 1,
        statuses: [{ value: 1, label: label("Open", "Avoin") }],
      },
      {
        value: 1,
        invariantName: "Completed",
        label: label("Completed", "Valmis"),
        defaultStatus: 2,
        statuses: [{ value: 2, label: label("Completed", "Valmis") }],
      },
      {
        value: 2,
        invariantName: "Canceled",
        label: label("Canceled", "Peruutettu"),
        defaultStatus: 3,
        statuses: [{ value: 3, label: label("Canceled", "Peruutettu") }],
      },
    ]),
    ...audit("user"),
  ],
};

export const transactioncurrency: EntityMetadata = {
  logicalName: "transactioncurrency",
  entitySetName: "transactioncurrencies",
  primaryIdAttribute: "transactioncurrencyid",
  primaryNameAttribute: "currencyname",
  ownership: "organization",
  stateTypeName: "TransactionCurrencyState",
  attributes: [
    primaryKey("transactioncurrencyid"),
    ...strings("currencyname", "isocurrencycode", "currencysymbol"),
    { logicalName: "exchangerate", type: "decimal" },
    ...integers("currencyprecision"),
    ...activeInactive(),
    ...audit("organization"),
  ],
};

/** Dual-write's customer group table (`msdyn_customergroupid` points here). */
export const customergroup: EntityMetadata = {
  logicalName: "msdyn_customergroup",
  entitySetName: "msdyn_customergroups",
  primaryIdAttribute: "msdyn_customergroupid",
  primaryNameAttribute: "msdyn_groupid",
  ownership: "organization",
  attributes: [
    primaryKey("msdyn_customergroupid"),
    ...strings("msdyn_groupid", "msdyn_description", "msdyn_company"),
    ...activeInactive(),
    ...audit("organization"),
  ],
};
