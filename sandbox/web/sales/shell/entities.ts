/**
 * The tables on the Sales Hub site map, with what the app needs to list and open them. Display names
 * as Dynamics 365 Sales shows them in English and Finnish.
 */
import type { LanguageId } from "../../shared/session";

export interface SalesEntity {
  logicalName: string;
  entitySetName: string;
  primaryIdAttribute: string;
  primaryNameAttribute: string;
  displayName: Record<LanguageId, string>;
  displayCollectionName: Record<LanguageId, string>;
}

export const SalesEntities: readonly SalesEntity[] = [
  {
    logicalName: "lead",
    entitySetName: "leads",
    primaryIdAttribute: "leadid",
    primaryNameAttribute: "fullname",
    displayName: { 1033: "Lead", 1035: "Liidi" },
    displayCollectionName: { 1033: "Leads", 1035: "Liidit" },
  },
  {
    logicalName: "opportunity",
    entitySetName: "opportunities",
    primaryIdAttribute: "opportunityid",
    primaryNameAttribute: "name",
    displayName: { 1033: "Opportunity", 1035: "Myyntimahdollisuus" },
    displayCollectionName: { 1033: "Opportunities", 1035: "Myyntimahdollisuudet" },
  },
  {
    logicalName: "account",
    entitySetName: "accounts",
    primaryIdAttribute: "accountid",
    primaryNameAttribute: "name",
    displayName: { 1033: "Account", 1035: "Asiakas" },
    displayCollectionName: { 1033: "Accounts", 1035: "Asiakkaat" },
  },
  {
    logicalName: "contact",
    entitySetName: "contacts",
    primaryIdAttribute: "contactid",
    primaryNameAttribute: "fullname",
    displayName: { 1033: "Contact", 1035: "Yhteyshenkilö" },
    displayCollectionName: { 1033: "Contacts", 1035: "Yhteyshenkilöt" },
  },
];

export function salesEntity(logicalName: string): SalesEntity | undefined {
  return SalesEntities.find((entity) => entity.logicalName === logicalName);
}
