/**
 * Opportunity's published columns, transcribed by hand (no generator) from Microsoft's table reference:
 * https://learn.microsoft.com/dynamics365/developer/reference/entities/opportunity
 * (MicrosoftDocs/dynamics-365-customer-engagement, ce/developer/reference/entities/opportunity.md @ 57fe25c).
 * Line format: see ./format.ts.
 */
import type { PublishedTableSource } from "./format";

export const opportunity: PublishedTableSource = {
  logicalName: "opportunity",
  entitySetName: "opportunities",
  sources: ["https://learn.microsoft.com/dynamics365/developer/reference/entities/opportunity"],
  columns: `
actualclosedate DateTime WR
actualvalue Money WR
budgetamount Money WR
budgetstatus Picklist WR
campaignid Lookup WR
captureproposalfeedback Boolean WR false
closeprobability Integer WR
completefinalproposal Boolean WR false
completeinternalreview Boolean WR false
confirminterest Boolean WR false
currentsituation Memo WR
customerid Customer WR
customeridtype EntityName WR
customerneed Memo WR
customerpainpoints Memo WR
decisionmaker Boolean WR false
description Memo WR
developproposal Boolean WR false
discountamount Money WR
discountpercentage Decimal WR
emailaddress String WR
estimatedclosedate DateTime WR
estimatedvalue Money WR
evaluatefit Boolean WR false
filedebrief Boolean WR false
finaldecisiondate DateTime WR
freightamount Money WR
identifycompetitors Boolean WR false
identifycustomercontacts Boolean WR false
identifypursuitteam Boolean WR false
importsequencenumber Integer WR
initialcommunication Picklist WR
isrevenuesystemcalculated Boolean WR false
lastonholdtime DateTime WR
msdyn_forecastcategory Picklist WR
msdyn_gdproptout Boolean WR false
msdyn_opportunitygrade Picklist WR
msdyn_opportunitykpiid Lookup WR
msdyn_opportunityscore Integer WR
msdyn_opportunityscoretrend Picklist WR
msdyn_predictivescoreid Lookup WR
msdyn_scorehistory Memo WR
msdyn_scorereasons Memo WR
msdyn_segmentid Lookup WR
msdyn_similaropportunities Memo WR
name String WR
need Picklist WR
opportunityid Uniqueidentifier WR
opportunityratingcode Picklist WR
originatingleadid Lookup WR
overriddencreatedon DateTime WR
ownerid Owner WR
owneridtype EntityName WR
parentaccountid Lookup WR
parentcontactid Lookup WR
participatesinworkflow Boolean WR false
presentfinalproposal Boolean WR false
presentproposal Boolean WR false
pricelevelid Lookup WR
pricingerrorcode Picklist WR
prioritycode Picklist WR
processid Uniqueidentifier WR
proposedsolution Memo WR
purchaseprocess Picklist WR
purchasetimeframe Picklist WR
pursuitdecision Boolean WR false
qualificationcomments Memo WR
quotecomments Memo WR
resolvefeedback Boolean WR false
salesstage Picklist WR
salesstagecode Picklist WR
schedulefollowup_prospect DateTime WR
schedulefollowup_qualify DateTime WR
scheduleproposalmeeting DateTime WR
sendthankyounote Boolean WR false
skippricecalculation Picklist WR
slaid Lookup WR
stageid Uniqueidentifier WR
statecode State WR
statuscode Status WR
stepid Uniqueidentifier WR
stepname String WR
teamsfollowed Integer WR
timeline Picklist WR
timezoneruleversionnumber Integer WR
totalamount Money WR
totalamountlessfreight Money WR
totaldiscountamount Money WR
totallineitemamount Money WR
totallineitemdiscountamount Money WR
totaltax Money WR
transactioncurrencyid Lookup WR
traversedpath String WR
utcconversiontimezonecode Integer WR
accountid Lookup -R
actualvalue_base Money -R
budgetamount_base Money -R
contactid Lookup -R
createdby Lookup -R
createdon DateTime -R
createdonbehalfby Lookup -R
customeridname String -R
customeridyominame String -R
discountamount_base Money -R
estimatedvalue_base Money -R
exchangerate Decimal -R
freightamount_base Money -R
isprivate Boolean -- false
modifiedby Lookup -R
modifiedon DateTime -R
modifiedonbehalfby Lookup -R
onholdtime Integer -R
owneridname String -R
owneridyominame String -R
owningbusinessunit Lookup -R
owningteam Lookup -R
owninguser Lookup -R
slainvokedid Lookup -R
timespentbymeonemailandmeetings String -R
totalamount_base Money -R
totalamountlessfreight_base Money -R
totaldiscountamount_base Money -R
totallineitemamount_base Money -R
totallineitemdiscountamount_base Money -R
totaltax_base Money -R
versionnumber BigInt -R
`,
};
