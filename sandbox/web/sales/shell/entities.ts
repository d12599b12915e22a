/**
 * The tables on the Sales Hub site map, with what the app needs to list and open them. Set names and
 * primary columns come from the sandbox's metadata registry; display names are as Dynamics 365 Sales
 * shows them in English and Finnish.
 */
import { entityByLogicalName } from "../../../src/dataverse/metadata";
import type { LanguageId } from "../../shared/session";

export interface SalesEntity {
  logicalName: string;
  entitySetName: string;
  primaryIdAttribute: string;
  primaryNameAttribute: string;
  displayName: Record<LanguageId, string>;
  displayCollectionName: Record<LanguageId, string>;
}

const displayNames: readonly Pick<SalesEntity, "logicalName" | "displayName" | "displayCollectionName">[] = [
  { logicalName: "lead", displayName: { 1033: "Lead", 1035: "Liidi" }, displayCollectionName: { 1033: "Leads", 1035: "Liidit" } },
  {
    logicalName: "opportunity",
    displayName: { 1033: "Opportunity", 1035: "Myyntimahdollisuus" },
    displayCollectionName: { 1033: "Opportunities", 1035: "Myyntimahdollisuudet" },
  },
  { logicalName: "account", displayName: { 1033: "Account", 1035: "Asiakas" }, displayCollectionName: { 1033: "Accounts", 1035: "Asiakkaat" } },
  {
    logicalName: "contact",
    displayName: { 1033: "Contact", 1035: "Yhteyshenkilö" },
    displayCollectionName: { 1033: "Contacts", 1035: "Yhteyshenkilöt" },
  },
];

export const SalesEntities: readonly SalesEntity[] = displayNames.map((names) => {
  const metadata = entityByLogicalName(names.logicalName);
  if (!metadata) throw new Error(`The sandbox metadata has no table '${names.logicalName}'.`);
  const { entitySetName, primaryIdAttribute, primaryNameAttribute } = metadata;
  return { ...names, entitySetName, primaryIdAttribute, primaryNameAttribute };
});

export function salesEntity(logicalName: string): SalesEntity | undefined {
  return SalesEntities.find((entity) => entity.logicalName === logicalName);
}
