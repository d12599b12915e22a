/**
 * User (systemuser)'s published columns, transcribed by hand (no generator) from Microsoft's table reference:
 * https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/systemuser
 * (MicrosoftDocs/powerapps-docs, powerapps-docs/developer/data-platform/reference/entities/systemuser.md @ 06570ac).
 * Line format: see ./format.ts.
 */
import type { PublishedTableSource } from "./format";

export const systemuser: PublishedTableSource = {
  logicalName: "systemuser",
  entitySetName: "systemusers",
  sources: ["https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/systemuser"],
  columns: `
accessmode Picklist WR
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
applicationid Uniqueidentifier WR
azurestate Picklist WR
businessunitid Lookup WR
calendarid Lookup WR
caltype Picklist WR
displayinserviceviews Boolean WR false
domainname String WR
emailrouteraccessapproval Picklist WR
employeeid String WR
entityimage Image WR
firstname String WR
governmentid String WR
homephone String WR
importsequencenumber Integer WR
incomingemaildeliverymethod Picklist WR
internalemailaddress String WR
invitestatuscode Picklist WR
isallowedbyipfirewall Boolean WR false
isdisabled Boolean WR false
isintegrationuser Boolean WR false
islicensed Boolean WR false
issyncwithdirectory Boolean WR false
jobtitle String WR
lastname String WR
middlename String WR
mobilealertemail String WR
mobileofflineprofileid Lookup WR
mobilephone String WR
nickname String WR
outgoingemaildeliverymethod Picklist WR
overriddencreatedon DateTime WR
parentsystemuserid Lookup WR
passporthi Integer WR
passportlo Integer WR
personalemailaddress String WR
photourl String WR
positionid Lookup WR
preferredaddresscode Picklist WR
preferredemailcode Picklist WR
preferredphonecode Picklist WR
processid Uniqueidentifier WR
queueid Lookup WR
salutation String WR
setupuser Boolean WR false
sharepointemailaddress String WR
skills String WR
stageid Uniqueidentifier WR
systemmanagedusertype Picklist WR
systemuserid Uniqueidentifier WR
territoryid Lookup WR
timezoneruleversionnumber Integer WR
title String WR
transactioncurrencyid Lookup WR
traversedpath String WR
userlicensetype Integer WR
utcconversiontimezonecode Integer WR
windowsliveid String WR
yammeremailaddress String WR
yammeruserid String WR
yomifirstname String WR
yomilastname String WR
yomimiddlename String WR
activedirectoryguid Uniqueidentifier --
address1_composite Memo -R
address2_composite Memo -R
applicationiduri String -R
azureactivedirectoryobjectid Uniqueidentifier -R
azuredeletedon DateTime -R
createdby Lookup -R
createdon DateTime -R
createdonbehalfby Lookup -R
defaultfilterspopulated Boolean -R false
defaultmailbox Lookup -R
defaultodbfoldername String -R
deletedstate Picklist -R
disabledreason String -R
entityimage_timestamp BigInt -R
entityimage_url String -R
entityimageid Uniqueidentifier -R
exchangerate Decimal -R
fullname String -R
identityid Integer -R
isactivedirectoryuser Boolean -- true
isemailaddressapprovedbyo365admin Boolean -R false
latestupdatetime DateTime --
modifiedby Lookup -R
modifiedon DateTime -R
modifiedonbehalfby Lookup -R
organizationid Uniqueidentifier -R
organizationidname String -R
userpuid String -R
versionnumber BigInt -R
yomifullname String -R
`,
};
