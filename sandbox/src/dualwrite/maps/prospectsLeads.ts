import { ProspectStatus } from "../../../../core/src";
import type { TableMap } from "./types";

/**
 * *Prospects (leads)*, from Microsoft's dual-write mapping reference. Only the fields the Commerce
 * simulator models are listed; the reference's other fields (fax, sales tax group, party number,
 * address county/post box/coordinates, descriptions) carry nothing in this flow.
 *
 * Two deliberate differences, both because of how the Web API behaves: the reference maps
 * PROSPECTNAME to `fullname`, which Dataverse computes from first and last name, so the simulator
 * writes `firstname`/`lastname` (and the sign-up's person name stays split); and the sandbox's
 * `msdyn_retailchannel` is a text column holding the channel's party number instead of a lookup.
 */
export const prospectsLeadsMap: TableMap = {
  name: "Prospects (leads)",
  financeEntity: "Prospects",
  dataverseEntity: "lead",
  dataverseEntitySet: "leads",
  dataversePrimaryId: "leadid",
  sourceFilter: "(IsB2BProspect == 1)",
  reversedSourceFilter: "msdyn_b2bcommerceprospect eq true",
  key: { finance: "PROSPECTID", dataverse: "msdyn_prospectid" },
  fields: [
    { finance: "PROSPECTID", type: "=", dataverse: "msdyn_prospectid" },
    { finance: "PROSPECTFIRSTNAME", type: "=", dataverse: "firstname" },
    { finance: "PROSPECTLASTNAME", type: "=", dataverse: "lastname" },
    { finance: "PRIMARYPHONENUMBER", type: "=", dataverse: "telephone1" },
    { finance: "PRIMARYEMAILADDRESS", type: "=", dataverse: "emailaddress1" },
    { finance: "PRIMARYURL", type: "=", dataverse: "websiteurl" },
    { finance: "ADDRESSCITY", type: "=", dataverse: "address1_city" },
    { finance: "ADDRESSCOUNTRYREGIONISOCODE", type: "=", dataverse: "address1_country" },
    { finance: "ADDRESSSTATEID", type: "=", dataverse: "address1_stateorprovince" },
    { finance: "ADDRESSSTREET", type: "=", dataverse: "address1_line1" },
    { finance: "ADDRESSZIPCODE", type: "=", dataverse: "address1_postalcode" },
    { finance: "COMPANYNAME", type: "=", dataverse: "companyname" },
    { finance: "COMPANYSIZE", type: "=", dataverse: "numberofemployees" },
    { finance: "CURRENCYCODE", type: "=", dataverse: "transactioncurrencyid.isocurrencycode" },
    { finance: "CUSTOMERGROUPID", type: "=", dataverse: "msdyn_customergroupid.msdyn_groupid" },
    { finance: "RETAILCHANNELOPERATINGUNITPARTYNUMBER", type: "=", dataverse: "msdyn_retailchannel" },
    {
      finance: "ISB2BPROSPECT",
      type: "><",
      dataverse: "msdyn_b2bcommerceprospect",
      valueMap: [
        ["Yes", true],
        ["No", false],
      ],
    },
    {
      finance: "B2BPROSPECTSTATUS",
      type: "><",
      dataverse: "msdyn_b2bprospectstatus",
      valueMap: [
        ["Pending", ProspectStatus.Pending],
        ["Approved", ProspectStatus.Approved],
        ["Rejected", ProspectStatus.Rejected],
      ],
    },
  ],
  lookups: {
    transactioncurrencyid: { entitySet: "transactioncurrencies", primaryId: "transactioncurrencyid", navigationProperty: "transactioncurrencyid" },
    msdyn_customergroupid: { entitySet: "msdyn_customergroups", primaryId: "msdyn_customergroupid", navigationProperty: "msdyn_customergroupid" },
  },
};
