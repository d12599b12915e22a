/**
 * Lead's published columns, transcribed by hand (no generator) from Microsoft's table reference:
 * https://learn.microsoft.com/dynamics365/developer/reference/entities/lead
 * (MicrosoftDocs/dynamics-365-customer-engagement, ce/developer/reference/entities/lead.md @ 2fc968b).
 * Line format: see ./format.ts.
 */
import type { PublishedTableSource } from "./format";

export const lead: PublishedTableSource = {
  logicalName: "lead",
  entitySetName: "leads",
  sources: ["https://learn.microsoft.com/dynamics365/developer/reference/entities/lead"],
  columns: `
address1_addressid Uniqueidentifier WR
address1_addresstypecode Picklist WR
address1_city String WR
address1_country String WR
address1_county String WR
address1_fax String WR
address1_latitude Double WR
address1_line1 String WR
address1_line2 String WR
address1_line3 String WR
address1_longitude Double WR
address1_name String WR
address1_postalcode String WR
address1_postofficebox String WR
address1_shippingmethodcode Picklist WR
address1_stateorprovince String WR
address1_telephone1 String WR
address1_telephone2 String WR
address1_telephone3 String WR
address1_upszone String WR
address1_utcoffset Integer WR
address2_addressid Uniqueidentifier WR
address2_addresstypecode Picklist WR
address2_city String WR
address2_country String WR
address2_county String WR
address2_fax String WR
address2_latitude Double WR
address2_line1 String WR
address2_line2 String WR
address2_line3 String WR
address2_longitude Double WR
address2_name String WR
address2_postalcode String WR
address2_postofficebox String WR
address2_shippingmethodcode Picklist WR
address2_stateorprovince String WR
address2_telephone1 String WR
address2_telephone2 String WR
address2_telephone3 String WR
address2_upszone String WR
address2_utcoffset Integer WR
budgetamount Money WR
budgetstatus Picklist WR
businesscard Memo WR
businesscardattributes String WR
campaignid Lookup WR
companyname String WR
confirminterest Boolean WR false
customerid Customer WR
customeridtype EntityName WR
decisionmaker Boolean WR false
description Memo WR
donotbulkemail Boolean WR false
donotemail Boolean WR false
donotfax Boolean WR false
donotphone Boolean WR false
donotpostalmail Boolean WR false
donotsendmm Boolean WR false
emailaddress1 String WR
emailaddress2 String WR
emailaddress3 String WR
entityimage Image WR
estimatedamount Money WR
estimatedclosedate DateTime WR
estimatedvalue Double WR
evaluatefit Boolean WR false
fax String WR
firstname String WR
followemail Boolean WR true
importsequencenumber Integer WR
industrycode Picklist WR
initialcommunication Picklist WR
jobtitle String WR
lastname String WR
lastonholdtime DateTime WR
lastusedincampaign DateTime WR
leadid Uniqueidentifier WR
leadqualitycode Picklist WR
leadsourcecode Picklist WR
middlename String WR
mobilephone String WR
msdyn_gdproptout Boolean WR false
msdyn_leadgrade Picklist WR
msdyn_leadkpiid Lookup WR
msdyn_leadscore Integer WR
msdyn_leadscoretrend Picklist WR
msdyn_predictivescoreid Lookup WR
msdyn_salesassignmentresult Picklist WR
msdyn_scorehistory Memo WR
msdyn_scorereasons Memo WR
msdyn_segmentid Lookup WR
need Picklist WR
numberofemployees Integer WR
originatingcaseid Lookup WR
overriddencreatedon DateTime WR
ownerid Owner WR
owneridtype EntityName WR
pager String WR
parentaccountid Lookup WR
parentcontactid Lookup WR
participatesinworkflow Boolean WR false
preferredcontactmethodcode Picklist WR
prioritycode Picklist WR
processid Uniqueidentifier WR
purchaseprocess Picklist WR
purchasetimeframe Picklist WR
qualificationcomments Memo WR
qualifyingopportunityid Lookup WR
relatedobjectid Lookup WR
revenue Money WR
salesstage Picklist WR
salesstagecode Picklist WR
salutation String WR
schedulefollowup_prospect DateTime WR
schedulefollowup_qualify DateTime WR
sic String WR
slaid Lookup WR
stageid Uniqueidentifier WR
statecode State WR
statuscode Status WR
subject String WR
teamsfollowed Integer WR
telephone1 String WR
telephone2 String WR
telephone3 String WR
timezoneruleversionnumber Integer WR
transactioncurrencyid Lookup WR
traversedpath String WR
utcconversiontimezonecode Integer WR
websiteurl String WR
yomicompanyname String WR
yomifirstname String WR
yomilastname String WR
yomimiddlename String WR
accountid Lookup -R
address1_composite Memo -R
address2_composite Memo -R
budgetamount_base Money -R
contactid Lookup -R
createdby Lookup -R
createdon DateTime -R
createdonbehalfby Lookup -R
customeridname String -R
customeridyominame String -R
entityimage_timestamp BigInt -R
entityimage_url String -R
entityimageid Uniqueidentifier -R
estimatedamount_base Money -R
exchangerate Decimal -R
fullname String -R
isautocreate Boolean -- false
isprivate Boolean -- false
masterid Lookup -R
merged Boolean -R false
modifiedby Lookup -R
modifiedon DateTime -R
modifiedonbehalfby Lookup -R
onholdtime Integer -R
owneridname String -R
owneridyominame String -R
owningbusinessunit Lookup -R
owningteam Lookup -R
owninguser Lookup -R
revenue_base Money -R
slainvokedid Lookup -R
timespentbymeonemailandmeetings String -R
versionnumber BigInt -R
yomifullname String -R
`,
};
