import type { TableMap } from "./types";

/**
 * *Customers V3 (contacts)*, from Microsoft's dual-write mapping reference, limited to the fields the
 * Commerce simulator keeps for a person customer. Sellable contacts become person customers;
 * CUSTOMERACCOUNT comes back as `msdyn_contactpersonid`. The published reversed filter also
 * requires a contact person id; in the sandbox Commerce assigns it, so the filter is on sellable only.
 */
export const customersV3ContactsMap: TableMap = {
  name: "Customers V3 (contacts)",
  financeEntity: "CustomersV3",
  dataverseEntity: "contact",
  dataverseEntitySet: "contacts",
  dataversePrimaryId: "contactid",
  sourceFilter: '((PartyType == "Person"))',
  reversedSourceFilter: "msdyn_sellable eq true",
  key: { finance: "CUSTOMERACCOUNT", dataverse: "msdyn_contactpersonid" },
  fields: [
    { finance: null, type: ">>", dataverse: "msdyn_sellable", defaultValue: true },
    { finance: "PARTYTYPE", type: "<<", dataverse: null, defaultValue: "Person" },
    { finance: "CUSTOMERACCOUNT", type: "=", dataverse: "msdyn_contactpersonid" },
    { finance: "PERSONFIRSTNAME", type: "=", dataverse: "firstname" },
    { finance: "PERSONLASTNAME", type: "=", dataverse: "lastname" },
    { finance: "ADDRESSCITY", type: "=", dataverse: "address1_city" },
    { finance: "ADDRESSCOUNTRYREGIONISOCODE", type: "=", dataverse: "address1_country" },
    { finance: "ADDRESSSTATE", type: "=", dataverse: "address1_stateorprovince" },
    { finance: "ADDRESSSTREET", type: "=", dataverse: "address1_line1" },
    { finance: "ADDRESSZIPCODE", type: "=", dataverse: "address1_postalcode" },
    { finance: "PRIMARYCONTACTEMAIL", type: "=", dataverse: "emailaddress1" },
    { finance: "PRIMARYCONTACTPHONE", type: "=", dataverse: "telephone1" },
    { finance: "SALESCURRENCYCODE", type: "=", dataverse: "transactioncurrencyid.isocurrencycode" },
  ],
  lookups: {
    transactioncurrencyid: { entitySet: "transactioncurrencies", primaryId: "transactioncurrencyid", navigationProperty: "transactioncurrencyid" },
  },
};
