/**
 * OpportunityClose's published columns, transcribed by hand (no generator) from Microsoft's table reference:
 * https://learn.microsoft.com/dynamics365/developer/reference/entities/opportunityclose
 * (MicrosoftDocs/dynamics-365-customer-engagement, ce/developer/reference/entities/opportunityclose.md @ e0817b2).
 * Line format: see ./format.ts.
 */
import type { PublishedTableSource } from "./format";

export const opportunityclose: PublishedTableSource = {
  logicalName: "opportunityclose",
  entitySetName: "opportunitycloses",
  sources: ["https://learn.microsoft.com/dynamics365/developer/reference/entities/opportunityclose"],
  columns: `
activityadditionalparams Memo WR
activityid Uniqueidentifier WR
actualdurationminutes Integer WR
actualend DateTime WR
actualrevenue Money WR
actualstart DateTime WR
bcc PartyList WR
category String WR
cc PartyList WR
community Picklist WR
competitorid Lookup WR
customers PartyList WR
deliveryprioritycode Picklist WR
description Memo WR
exchangeitemid String WR
exchangeweblink String WR
from PartyList WR
importsequencenumber Integer WR
isbilled Boolean WR false
ismapiprivate Boolean WR false
isworkflowcreated Boolean WR false
lastonholdtime DateTime WR
leftvoicemail Boolean WR false
opportunityid Lookup WR
opportunitystatecode Picklist WR
opportunitystatuscode Picklist WR
optionalattendees PartyList WR
organizer PartyList WR
overriddencreatedon DateTime WR
ownerid Owner WR
owneridtype EntityName WR
partners PartyList WR
prioritycode Picklist WR
processid Uniqueidentifier WR
regardingobjectid Lookup WR
regardingobjecttypecode EntityName WR
requiredattendees PartyList WR
resources PartyList WR
scheduledend DateTime WR
scheduledstart DateTime WR
serviceid Lookup WR
slaid Lookup WR
sortdate DateTime WR
stageid Uniqueidentifier WR
statecode State WR
statuscode Status WR
subcategory String WR
subject String WR
timezoneruleversionnumber Integer WR
to PartyList WR
transactioncurrencyid Lookup WR
traversedpath String WR
utcconversiontimezonecode Integer WR
activitytypecode EntityName -R
actualrevenue_base Money -R
createdby Lookup -R
createdbyexternalparty Lookup -R
createdon DateTime -R
createdonbehalfby Lookup -R
deliverylastattemptedon DateTime -R
exchangerate Decimal -R
instancetypecode Picklist -R
isregularactivity Boolean -R false
modifiedby Lookup -R
modifiedbyexternalparty Lookup -R
modifiedon DateTime -R
modifiedonbehalfby Lookup -R
onholdtime Integer -R
opportunityidtype EntityName -R
owneridname String -R
owneridyominame String -R
owningbusinessunit Lookup -R
owningteam Lookup -R
owninguser Lookup -R
postponeactivityprocessinguntil DateTime -R
scheduleddurationminutes Integer -R
sendermailboxid Lookup -R
senton DateTime -R
seriesid Uniqueidentifier -R
slainvokedid Lookup -R
versionnumber BigInt -R
`,
};
