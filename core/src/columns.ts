/**
 * Column (attribute) logical names and option values the hand-off relies on.
 *
 * The `msdyn_` columns belong to Microsoft's dual-write solutions (maps *Prospects (leads)*,
 * *Customers V3 (accounts)*, *Customers V3 (contacts)*). This solution depends on them and never
 * defines them.
 */

export const LeadColumns = {
  id: "leadid",
  isCommerceB2BProspect: "msdyn_b2bcommerceprospect",
  prospectId: "msdyn_prospectid",
  prospectStatus: "msdyn_b2bprospectstatus",
  companyName: "companyname",
  fullName: "fullname",
  firstName: "firstname",
  lastName: "lastname",
  email: "emailaddress1",
  telephone: "telephone1",
  website: "websiteurl",
  numberOfEmployees: "numberofemployees",
  currency: "transactioncurrencyid",
  customerGroup: "msdyn_customergroupid",
  retailChannel: "msdyn_retailchannel",
  parentAccount: "parentaccountid",
  parentContact: "parentcontactid",
  qualifyingOpportunity: "qualifyingopportunityid",
  stateCode: "statecode",
  statusCode: "statuscode",
  owner: "ownerid",
  createdOn: "createdon",
  createdBy: "createdby",
  modifiedOn: "modifiedon",
} as const;

export const OpportunityColumns = {
  id: "opportunityid",
  name: "name",
  originatingLead: "originatingleadid",
  parentAccount: "parentaccountid",
  parentContact: "parentcontactid",
  customer: "customerid",
  stateCode: "statecode",
  statusCode: "statuscode",
  actualCloseDate: "actualclosedate",
  modifiedOn: "modifiedon",
} as const;

export const AccountColumns = {
  id: "accountid",
  name: "name",
  /** Commerce assigns the customer account number when dual-write writes the organization customer. */
  accountNumber: "accountnumber",
  customerTypeCode: "customertypecode",
  originatingLead: "originatingleadid",
  primaryContact: "primarycontactid",
  currency: "transactioncurrencyid",
  customerGroup: "msdyn_customergroupid",
  modifiedOn: "modifiedon",
} as const;

export const ContactColumns = {
  id: "contactid",
  fullName: "fullname",
  /** Commerce assigns the contact person id when dual-write writes the person customer. */
  contactPersonId: "msdyn_contactpersonid",
  sellable: "msdyn_sellable",
  parentCustomer: "parentcustomerid",
  originatingLead: "originatingleadid",
  email: "emailaddress1",
  modifiedOn: "modifiedon",
} as const;

/** `msdyn_b2bprospectstatus` option values. */
export const ProspectStatus = {
  Pending: 192350000,
  Approved: 192350001,
  Rejected: 192350002,
} as const;
export type ProspectStatusValue = (typeof ProspectStatus)[keyof typeof ProspectStatus];

export function isProspectStatus(value: unknown): value is ProspectStatusValue {
  return value === ProspectStatus.Pending || value === ProspectStatus.Approved || value === ProspectStatus.Rejected;
}

/** Lead `statecode`. */
export const LeadState = { Open: 0, Qualified: 1, Disqualified: 2 } as const;
/** Lead `statuscode` values Sales ships (Open: New 1, Contacted 2; Qualified 3; Disqualified: Lost 4, Cannot Contact 5, No Longer Interested 6, Canceled 7). */
export const LeadStatus = {
  New: 1,
  Contacted: 2,
  Qualified: 3,
  Lost: 4,
  CannotContact: 5,
  NoLongerInterested: 6,
  Canceled: 7,
} as const;

/** Opportunity `statecode`. */
export const OpportunityState = { Open: 0, Won: 1, Lost: 2 } as const;
/** Opportunity `statuscode` values Sales ships (Open: In Progress 1, On Hold 2; Won 3; Lost: Canceled 4, Out-Sold 5). */
export const OpportunityStatus = { InProgress: 1, OnHold: 2, Won: 3, Canceled: 4, OutSold: 5 } as const;

/** Account `customertypecode` 3 = Customer: what *Customers V3 (accounts)* writes to Commerce as an organization. */
export const AccountCustomerType = { Customer: 3 } as const;

/** Entity logical names and Web API entity set names. */
export const Entities = {
  lead: { logicalName: "lead", entitySet: "leads" },
  opportunity: { logicalName: "opportunity", entitySet: "opportunities" },
  account: { logicalName: "account", entitySet: "accounts" },
  contact: { logicalName: "contact", entitySet: "contacts" },
  annotation: { logicalName: "annotation", entitySet: "annotations" },
} as const;

/**
 * Environment variables: the definition (schema name, default) and the value row an admin sets, linked
 * by the one-to-many relationship whose name is also the definition's collection-valued navigation property.
 */
export const EnvironmentVariableTables = {
  definition: { logicalName: "environmentvariabledefinition", entitySet: "environmentvariabledefinitions", schemaName: "schemaname", defaultValue: "defaultvalue" },
  value: { logicalName: "environmentvariablevalue", entitySet: "environmentvariablevalues", value: "value" },
  valuesRelationship: "environmentvariabledefinition_environmentvariablevalue",
} as const;

/** A Yes/No (Boolean type) environment variable's text: "yes" (older exports "true" or "1") means on. */
export function isYes(value: unknown): boolean {
  return typeof value === "string" && ["yes", "true", "1"].includes(value.trim().toLowerCase());
}

/**
 * Security roles and the intersect tables of the many-to-many relationships that grant them: a user's
 * own roles (`systemuserroles_association`) and the roles of the teams they are a member of
 * (`teammembership_association`, `teamroles_association`). A role exists once per business unit;
 * `parentrootroleid` names the root role every copy was made from.
 */
export const SecurityTables = {
  role: { logicalName: "role", entitySet: "roles", id: "roleid", parentRootRole: "parentrootroleid" },
  systemUserRoles: { logicalName: "systemuserroles", relationship: "systemuserroles_association", user: "systemuserid", role: "roleid" },
  teamRoles: { logicalName: "teamroles", relationship: "teamroles_association", team: "teamid", role: "roleid" },
  teamMembership: { logicalName: "teammembership", relationship: "teammembership_association", team: "teamid", user: "systemuserid" },
} as const;
