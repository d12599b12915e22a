/**
 * Contact's published columns, transcribed by hand (no generator) from Microsoft's table references:
 * the Dataverse table https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/contact
 * (MicrosoftDocs/powerapps-docs, powerapps-docs/developer/data-platform/reference/entities/contact.md @ 09770ae)
 * and the columns Dynamics 365 adds, https://learn.microsoft.com/dynamics365/developer/reference/entities/contact
 * (MicrosoftDocs/dynamics-365-customer-engagement, ce/developer/reference/entities/contact.md @ 265ad31).
 * Line format: see ./format.ts.
 */
import type { PublishedTableSource } from "./format";

export const contact: PublishedTableSource = {
  logicalName: "contact",
  entitySetName: "contacts",
  sources: [
    "https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/contact",
    "https://learn.microsoft.com/dynamics365/developer/reference/entities/contact",
  ],
  columns: `
accountrolecode Picklist CUR
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
address3_addressid Uniqueidentifier CUR
address3_addresstypecode Picklist CUR
address3_city String CUR
address3_country String CUR
address3_county String CUR
address3_fax String CUR
address3_freighttermscode Picklist CUR
address3_latitude Double CUR
address3_line1 String CUR
address3_line2 String CUR
address3_line3 String CUR
address3_longitude Double CUR
address3_name String CUR
address3_postalcode String CUR
address3_postofficebox String CUR
address3_primarycontactname String CUR
address3_shippingmethodcode Picklist CUR
address3_stateorprovince String CUR
address3_telephone1 String CUR
address3_telephone2 String CUR
address3_telephone3 String CUR
address3_upszone String CUR
address3_utcoffset Integer CUR
anniversary DateTime CUR
annualincome Money CUR
assistantname String CUR
assistantphone String CUR
birthdate DateTime CUR
business2 String CUR
callback String CUR
childrensnames String CUR
company String CUR
contactid Uniqueidentifier C-R
creditlimit Money CUR
creditonhold Boolean CUR false
customersizecode Picklist CUR
customertypecode Picklist CUR
department String CUR
description Memo CUR
donotbulkemail Boolean CUR false
donotbulkpostalmail Boolean CUR false
donotemail Boolean CUR false
donotfax Boolean CUR false
donotphone Boolean CUR false
donotpostalmail Boolean CUR false
donotsendmm Boolean CUR false
educationcode Picklist CUR
emailaddress1 String CUR
emailaddress2 String CUR
emailaddress3 String CUR
employeeid String CUR
entityimage Image CUR
externaluseridentifier String CUR
familystatuscode Picklist CUR
fax String CUR
firstname String CUR
followemail Boolean CUR true
ftpsiteurl String CUR
gendercode Picklist CUR
governmentid String CUR
haschildrencode Picklist CUR
home2 String CUR
importsequencenumber Integer C-R
isbackofficecustomer Boolean CUR false
jobtitle String CUR
lastname String CUR
lastonholdtime DateTime CUR
lastusedincampaign DateTime -UR
leadsourcecode Picklist CUR
managername String CUR
managerphone String CUR
marketingonly Boolean CUR false
middlename String CUR
mobilephone String CUR
nickname String CUR
numberofchildren Integer CUR
overriddencreatedon DateTime C-R
ownerid Owner CUR
owneridtype EntityName CUR
pager String CUR
parentcustomerid Customer CUR
parentcustomeridtype EntityName CUR
participatesinworkflow Boolean CUR false
paymenttermscode Picklist CUR
preferredappointmentdaycode Picklist CUR
preferredappointmenttimecode Picklist CUR
preferredcontactmethodcode Picklist CUR
preferredsystemuserid Lookup CUR
processid Uniqueidentifier CUR
salutation String CUR
shippingmethodcode Picklist CUR
slaid Lookup CUR
spousesname String CUR
stageid Uniqueidentifier CUR
statecode State -UR
statuscode Status CUR
subscriptionid Uniqueidentifier C--
suffix String CUR
telephone1 String CUR
telephone2 String CUR
telephone3 String CUR
territorycode Picklist CUR
timezoneruleversionnumber Integer CUR
transactioncurrencyid Lookup CUR
traversedpath String CUR
utcconversiontimezonecode Integer CUR
websiteurl String CUR
yomifirstname String CUR
yomilastname String CUR
yomimiddlename String CUR
accountid Lookup -R
accountidname String -R
accountidyominame String -R
address1_composite Memo -R
address2_composite Memo -R
address3_composite Memo -R
aging30 Money -R
aging30_base Money -R
aging60 Money -R
aging60_base Money -R
aging90 Money -R
aging90_base Money -R
annualincome_base Money -R
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
fullname String -R
isautocreate Boolean -- false
isprivate Boolean -- false
mastercontactidname String -R
mastercontactidyominame String -R
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
parentcontactid Lookup -R
parentcontactidname String -R
parentcontactidyominame String -R
parentcustomeridname String -R
parentcustomeridyominame String -R
preferredsystemuseridname String -R
preferredsystemuseridyominame String -R
slainvokedid Lookup -R
slainvokedidname String -R
slaname String -R
timespentbymeonemailandmeetings String -R
transactioncurrencyidname String -R
versionnumber BigInt -R
yomifullname String -R
businesscard Memo WR
businesscardattributes String WR
defaultpricelevelid Lookup WR
msdyn_contactkpiid Lookup WR
msdyn_decisioninfluencetag Picklist WR
msdyn_gdproptout Boolean WR false
msdyn_isassistantinorgchart Boolean WR false
msdyn_orgchangestatus Picklist WR
msdyn_primarytimezone Integer WR
msdyn_segmentid Lookup WR
originatingleadid Lookup WR
preferredequipmentid Lookup WR
preferredserviceid Lookup WR
teamsfollowed Integer WR
`,
};
