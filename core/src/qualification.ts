import { LeadColumns } from "./columns";

/**
 * What the lead must carry before it is qualified, because dual-write's *Customers V3* maps need it
 * to create the organization and person customers in Commerce.
 */
export const QualificationRequirements = [
  { column: LeadColumns.companyName, requirement: "companyName" },
  { column: LeadColumns.lastName, requirement: "contactName" },
  { column: LeadColumns.email, requirement: "email" },
  { column: LeadColumns.currency, requirement: "currency" },
] as const;

export type QualificationRequirement = (typeof QualificationRequirements)[number]["requirement"];

/** The lead values the check reads; lookups are given as their id (or null). */
export interface LeadForQualification {
  companyname?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  emailaddress1?: string | null;
  /** transactioncurrencyid as an id, or null when empty. */
  transactioncurrencyid?: string | null;
}

export interface QualificationProblem {
  requirement: QualificationRequirement;
  column: string;
  /** `missing` when empty, `invalid` when present but unusable (e.g. a malformed email). */
  kind: "missing" | "invalid";
}

// One address, no spaces, a dot in the domain: what Commerce accepts for a customer's primary email.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

export function isValidEmail(value: string): boolean {
  return value.length <= 100 && EMAIL.test(value);
}

function blank(value: string | null | undefined): boolean {
  return value === undefined || value === null || value.trim() === "";
}

/** Everything that stops this lead from being qualified; empty when it may be qualified. */
export function qualificationProblems(lead: LeadForQualification): QualificationProblem[] {
  const problems: QualificationProblem[] = [];
  if (blank(lead.companyname)) problems.push({ requirement: "companyName", column: LeadColumns.companyName, kind: "missing" });
  if (blank(lead.lastname)) problems.push({ requirement: "contactName", column: LeadColumns.lastName, kind: "missing" });
  if (blank(lead.emailaddress1)) {
    problems.push({ requirement: "email", column: LeadColumns.email, kind: "missing" });
  } else if (!isValidEmail((lead.emailaddress1 as string).trim())) {
    problems.push({ requirement: "email", column: LeadColumns.email, kind: "invalid" });
  }
  if (blank(lead.transactioncurrencyid)) problems.push({ requirement: "currency", column: LeadColumns.currency, kind: "missing" });
  return problems;
}

/** The records Close as Won needs to be already in Commerce. */
export interface CloseWonCustomers {
  /** account.accountnumber, assigned by Commerce through dual-write. */
  accountNumber?: string | null;
  /** contact.msdyn_contactpersonid, assigned by Commerce through dual-write. */
  contactPersonId?: string | null;
  hasAccount: boolean;
  hasContact: boolean;
}

export type CloseWonBlocker = "noAccount" | "noContact" | "accountNotInCommerce" | "contactNotInCommerce";

/** Why Close as Won must wait; empty when the opportunity may be won. */
export function closeWonBlockers(customers: CloseWonCustomers): CloseWonBlocker[] {
  const blockers: CloseWonBlocker[] = [];
  if (!customers.hasAccount) blockers.push("noAccount");
  else if (blank(customers.accountNumber)) blockers.push("accountNotInCommerce");
  if (!customers.hasContact) blockers.push("noContact");
  else if (blank(customers.contactPersonId)) blockers.push("contactNotInCommerce");
  return blockers;
}
