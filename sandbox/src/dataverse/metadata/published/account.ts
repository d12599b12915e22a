/**
 * Account's published columns, transcribed by hand (no generator) from Microsoft's table references:
 * the Dataverse table https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/account
 * (MicrosoftDocs/powerapps-docs, powerapps-docs/developer/data-platform/reference/entities/account.md @ 09770ae)
 * and the columns Dynamics 365 adds, https://learn.microsoft.com/dynamics365/developer/reference/entities/account
 * (MicrosoftDocs/dynamics-365-customer-engagement, ce/developer/reference/entities/account.md @ 0285bd7).
 * Line format: see ./format.ts.
 */
import type { PublishedTableSource } from "./format";

export const account: PublishedTableSource = {
  logicalName: "account",
  entitySetName: "accounts",
  sources: [
    "https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/account",
    "https://learn.microsoft.com/dynamics365/developer/reference/entities/account",
  ],
  columns: `
accountcategorycode Picklist CUR
accountclassificationcode Picklist CUR
accountid Uniqueidentifier C-R
accountnumber String CUR
accountratingcode Picklist CUR
address1_addressid Uniqueidentifier CUR
address1_addresstypecode Picklist CUR
address1_city String CUR
address1_country String CUR
address1_county String CUR
address1_fax String CUR
address1_freighttermscode Picklist CUR
address1_latitude Double CUR
address1_line1 String CUR
address1_line2 String CUR
address1_line3 String CUR
address1_longitude Double CUR
address1_name String CUR
address1_postalcode String CUR
address1_postofficebox String CUR
address1_primarycontactname String CUR
address1_shippingmethodcode Picklist CUR
address1_stateorprovince String CUR
address1_telephone1 String CUR
address1_telephone2 String CUR
address1_telephone3 String CUR
address1_upszone String CUR
address1_utcoffset Integer CUR
address2_addressid Uniqueidentifier CUR
address2_addresstypecode Picklist CUR
address2_city String CUR
address2_country String CUR
address2_county String CUR
address2_fax String CUR
address2_freighttermscode Picklist CUR
address2_latitude Double CUR
address2_line1 String CUR
address2_line2 String CUR
address2_line3 String CUR
address2_longitude Double CUR
address2_name String CUR
address2_postalcode String CUR
address2_postofficebox String CUR
address2_primarycontactname String CUR
address2_shippingmethodcode Picklist CUR
address2_stateorprovince String CUR
address2_telephone1 String CUR
address2_telephone2 String CUR
address2_telephone3 String CUR
address2_upszone String CUR
address2_utcoffset Integer CUR
businesstypecode Picklist CUR
creditlimit Money CUR
creditonhold Boolean CUR false
customersizecode Picklist CUR
customertypecode Picklist CUR
description Memo CUR
donotbulkemail Boolean CUR false
donotbulkpostalmail Boolean CUR false
donotemail Boolean CUR false
donotfax Boolean CUR false
donotphone Boolean CUR false
donotpostalmail Boolean CUR false
donotsendmm Boolean CUR false
emailaddress1 String CUR
emailaddress2 String CUR
emailaddress3 String CUR
entityimage Image CUR
fax String CUR
followemail Boolean CUR true
ftpsiteurl String CUR
importsequencenumber Integer C-R
industrycode Picklist CUR
lastonholdtime DateTime CUR
lastusedincampaign DateTime -UR
marketcap Money CUR
marketingonly Boolean CUR false
name String CUR
numberofemployees Integer CUR
overriddencreatedon DateTime C-R
ownerid Owner CUR
owneridtype EntityName CUR
ownershipcode Picklist CUR
parentaccountid Lookup CUR
participatesinworkflow Boolean CUR false
paymenttermscode Picklist CUR
preferredappointmentdaycode Picklist CUR
preferredappointmenttimecode Picklist CUR
preferredcontactmethodcode Picklist CUR
preferredsystemuserid Lookup CUR
primarycontactid Lookup CUR
primarysatoriid String CUR
primarytwitterid String CUR
processid Uniqueidentifier CUR
revenue Money CUR
sharesoutstanding Integer CUR
shippingmethodcode Picklist CUR
sic String CUR
slaid Lookup CUR
stageid Uniqueidentifier CUR
statecode State -UR
statuscode Status CUR
stockexchange String CUR
telephone1 String CUR
telephone2 String CUR
telephone3 String CUR
territorycode Picklist CUR
tickersymbol String CUR
timezoneruleversionnumber Integer CUR
transactioncurrencyid Lookup CUR
traversedpath String CUR
utcconversiontimezonecode Integer CUR
websiteurl String CUR
yominame String CUR
address1_composite Memo -R
address2_composite Memo -R
aging30 Money -R
aging30_base Money -R
aging60 Money -R
aging60_base Money -R
aging90 Money -R
aging90_base Money -R
createdby Lookup -R
createdbyexternalparty Lookup -R
createdbyexternalpartyname String -R
createdbyexternalpartyyominame String -R
createdbyname String -R
createdbyyominame String -R
createdon DateTime -R
createdonbehalfby Lookup -R
createdonbehalfbyname String -R
createdonbehalfbyyominame String -R
creditlimit_base Money -R
entityimage_timestamp BigInt -R
entityimage_url String -R
entityimageid Uniqueidentifier -R
exchangerate Decimal -R
isprivate Boolean -- false
marketcap_base Money -R
masteraccountidname String -R
masteraccountidyominame String -R
masterid Lookup -R
merged Boolean -R false
modifiedby Lookup -R
modifiedbyexternalparty Lookup -R
modifiedbyexternalpartyname String -R
modifiedbyexternalpartyyominame String -R
modifiedbyname String -R
modifiedbyyominame String -R
modifiedon DateTime -R
modifiedonbehalfby Lookup -R
modifiedonbehalfbyname String -R
modifiedonbehalfbyyominame String -R
onholdtime Integer -R
owneridname String -R
owneridyominame String -R
owningbusinessunit Lookup -R
owningbusinessunitname String -R
owningteam Lookup -R
owninguser Lookup -R
parentaccountidname String -R
parentaccountidyominame String -R
preferredsystemuseridname String -R
preferredsystemuseridyominame String -R
primarycontactidname String -R
primarycontactidyominame String -R
revenue_base Money -R
slainvokedid Lookup -R
slainvokedidname String -R
slaname String -R
timespentbymeonemailandmeetings String -R
transactioncurrencyidname String -R
versionnumber BigInt -R
defaultpricelevelid Lookup WR
msdyn_accountkpiid Lookup WR
msdyn_gdproptout Boolean WR false
msdyn_primarytimezone Integer WR
msdyn_salesaccelerationinsightid Lookup WR
originatingleadid Lookup WR
preferredequipmentid Lookup WR
preferredserviceid Lookup WR
teamsfollowed Integer WR
territoryid Lookup WR
opendeals Integer -R
opendeals_date DateTime -R
opendeals_state Integer -R
openrevenue Money -R
openrevenue_base Money -R
openrevenue_date DateTime -R
openrevenue_state Integer -R
`,
};
