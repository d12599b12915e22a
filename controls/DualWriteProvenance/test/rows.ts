/**
 * Web API rows as `retrieveMultipleRecords` returns them for the provenance FetchXML: lead columns,
 * lookup annotations, and link-entity columns under their aliases (opp., acct., cont., creator.).
 * Times are relative to the real clock so that "waiting for N minutes" is stable whatever the date.
 */
export const ids = {
  lead: "8d1f0b7e-3c4a-4f5e-9a6b-7c8d9e0f1a2b",
  opportunity: "22222222-2222-4222-8222-222222222222",
  account: "33333333-3333-4333-8333-333333333333",
  contact: "44444444-4444-4444-8444-444444444444",
  channel: "55555555-5555-4555-8555-555555555555",
  dualWriteUser: "66666666-6666-4666-8666-666666666666",
  application: "77777777-7777-4777-8777-777777777777",
};

export const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60000).toISOString();

export type Row = Record<string, unknown>;

export function leadRow(overrides: Row = {}): Row {
  return {
    leadid: ids.lead,
    msdyn_b2bcommerceprospect: true,
    msdyn_prospectid: "PR-000042",
    msdyn_b2bprospectstatus: 192350000,
    companyname: "Fabrikam Oy",
    fullname: "Aino Virtanen",
    _msdyn_retailchannel_value: ids.channel,
    "_msdyn_retailchannel_value@OData.Community.Display.V1.FormattedValue": "Fabrikam B2B site",
    "_msdyn_retailchannel_value@Microsoft.Dynamics.CRM.lookuplogicalname": "msdyn_retailchannel",
    statecode: 0,
    statuscode: 1,
    createdon: minutesAgo(240),
    _createdby_value: ids.dualWriteUser,
    "_createdby_value@OData.Community.Display.V1.FormattedValue": "Dual-write app user",
    "creator.applicationid": ids.application,
    modifiedon: minutesAgo(240),
    ...overrides,
  };
}

/** Qualified `qualifiedMinutesAgo` minutes ago; customers written back unless told otherwise. */
export function qualifiedRow(qualifiedMinutesAgo: number, overrides: Row = {}): Row {
  const at = minutesAgo(qualifiedMinutesAgo);
  return leadRow({
    statecode: 1,
    statuscode: 3,
    modifiedon: at,
    "opp.opportunityid": ids.opportunity,
    "opp.name": "Fabrikam Oy partnership",
    "opp.statecode": 0,
    "opp.statuscode": 1,
    "opp.createdon": at,
    "opp.modifiedon": at,
    "acct.accountid": ids.account,
    "acct.name": "Fabrikam Oy",
    "acct.accountnumber": "CUS-000001",
    "acct.customertypecode": 3,
    "acct.createdon": at,
    "acct.modifiedon": at,
    "cont.contactid": ids.contact,
    "cont.fullname": "Aino Virtanen",
    "cont.msdyn_contactpersonid": "CP-000001",
    "cont.msdyn_sellable": true,
    "cont.createdon": at,
    "cont.modifiedon": at,
    ...overrides,
  });
}

/** Won and approved: every step done. */
export function approvedRow(): Row {
  return qualifiedRow(180, {
    msdyn_b2bprospectstatus: 192350001,
    "opp.statecode": 1,
    "opp.statuscode": 3,
    "opp.actualclosedate": minutesAgo(120),
  });
}
