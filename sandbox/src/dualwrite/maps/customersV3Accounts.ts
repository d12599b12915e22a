import { AccountCustomerType } from "../../../../core/src";
import type { TableMap } from "./types";

/**
 * *Customers V3 (accounts)*, from Microsoft's dual-write mapping reference, limited to the fields the
 * Commerce simulator keeps for an organization customer. Accounts with `customertypecode` 3
 * (Customer) become organization customers; CUSTOMERACCOUNT comes back as `accountnumber`.
 */
export const customersV3AccountsMap: TableMap = {
  name: "Customers V3 (accounts)",
  financeEntity: "CustomersV3",
  dataverseEntity: "account",
  dataverseEntitySet: "accounts",
  dataversePrimaryId: "accountid",
  sourceFilter: '((PartyType == "Organization"))',
  reversedSourceFilter: `customertypecode eq ${AccountCustomerType.Customer}`,
  key: { finance: "CUSTOMERACCOUNT", dataverse: "accountnumber" },
  fields: [
    { finance: "CUSTOMERACCOUNT", type: "=", dataverse: "accountnumber" },
    { finance: "DELIVERYADDRESSCITY", type: "=", dataverse: "address1_city" },
    { finance: "DELIVERYADDRESSCOUNTRYREGIONISOCODE", type: "=", dataverse: "address1_country" },
    { finance: "DELIVERYADDRESSZIPCODE", type: "=", dataverse: "address1_postalcode" },
    { finance: "DELIVERYADDRESSSTREET", type: "=", dataverse: "address1_line1" },
    { finance: "DELIVERYADDRESSSTATE", type: "=", dataverse: "address1_stateorprovince" },
    { finance: "ORGANIZATIONNAME", type: "=", dataverse: "name" },
    { finance: "ORGANIZATIONNUMBEROFEMPLOYEES", type: "=", dataverse: "numberofemployees" },
    { finance: "PRIMARYCONTACTEMAIL", type: "=", dataverse: "emailaddress1" },
    { finance: "PRIMARYCONTACTPHONE", type: "=", dataverse: "telephone1" },
    { finance: "PRIMARYCONTACTURL", type: "=", dataverse: "websiteurl" },
    { finance: "SALESCURRENCYCODE", type: "=", dataverse: "transactioncurrencyid.isocurrencycode" },
    { finance: "CUSTOMERGROUPID", type: "=", dataverse: "msdyn_customergroupid.msdyn_groupid" },
    { finance: null, type: ">>", dataverse: "customertypecode", defaultValue: AccountCustomerType.Customer },
    { finance: "PARTYTYPE", type: "<<", dataverse: null, defaultValue: "Organization" },
  ],
  lookups: {
    transactioncurrencyid: { entitySet: "transactioncurrencies", primaryId: "transactioncurrencyid", navigationProperty: "transactioncurrencyid" },
    msdyn_customergroupid: { entitySet: "msdyn_customergroups", primaryId: "msdyn_customergroupid", navigationProperty: "msdyn_customergroupid" },
  },
};
