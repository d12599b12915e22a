export * from "./types";
export { prospectsLeadsMap } from "./prospectsLeads";
export { customersV3AccountsMap } from "./customersV3Accounts";
export { customersV3ContactsMap } from "./customersV3Contacts";
export { currenciesMap } from "./currencies";
export { customerGroupsMap } from "./customerGroups";
