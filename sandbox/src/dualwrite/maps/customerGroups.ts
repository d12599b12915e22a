import type { TableMap } from "./types";

/** *Customer groups (msdyn_customergroups)*: reference data for the customer group lookups. */
export const customerGroupsMap: TableMap = {
  name: "Customer groups (msdyn_customergroups)",
  financeEntity: "CustCustomerGroup",
  dataverseEntity: "msdyn_customergroup",
  dataverseEntitySet: "msdyn_customergroups",
  dataversePrimaryId: "msdyn_customergroupid",
  sourceFilter: "",
  reversedSourceFilter: "",
  key: { finance: "CUSTOMERGROUPID", dataverse: "msdyn_groupid" },
  fields: [
    { finance: "CUSTOMERGROUPID", type: "=", dataverse: "msdyn_groupid" },
    { finance: "DESCRIPTION", type: "=", dataverse: "msdyn_description" },
  ],
  lookups: {},
};
