/**
 * Team's published columns, transcribed by hand (no generator) from Microsoft's table reference:
 * https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/team
 * (MicrosoftDocs/powerapps-docs, powerapps-docs/developer/data-platform/reference/entities/team.md @ 09770ae).
 * Line format: see ./format.ts.
 */
import type { PublishedTableSource } from "./format";

export const team: PublishedTableSource = {
  logicalName: "team",
  entitySetName: "teams",
  sources: ["https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/team"],
  columns: `
administratorid Lookup CUR
azureactivedirectoryobjectid Uniqueidentifier C-R
businessunitid Lookup CUR
description Memo CUR
emailaddress String CUR
importsequencenumber Integer C-R
membershiptype Picklist C-R
name String CUR
overriddencreatedon DateTime C-R
processid Uniqueidentifier CUR
queueid Lookup CUR
regardingobjectid Lookup C-R
regardingobjecttypecode EntityName C-R
stageid Uniqueidentifier CUR
teamid Uniqueidentifier C-R
teamtemplateid Lookup C-R
teamtype Picklist C-R
transactioncurrencyid Lookup CUR
traversedpath String CUR
yominame String CUR
administratoridname String -R
administratoridyominame String -R
businessunitidname String -R
createdby Lookup -R
createdbyname String -R
createdbyyominame String -R
createdon DateTime -R
createdonbehalfby Lookup -R
createdonbehalfbyname String -R
createdonbehalfbyyominame String -R
exchangerate Decimal -R
isdefault Boolean -R false
issastokenset Boolean -R false
modifiedby Lookup -R
modifiedbyname String -R
modifiedbyyominame String -R
modifiedon DateTime -R
modifiedonbehalfby Lookup -R
modifiedonbehalfbyname String -R
modifiedonbehalfbyyominame String -R
organizationid Uniqueidentifier -R
organizationidname String -R
queueidname String -R
sastoken String --
sharelinkqualifier String -R
systemmanaged Boolean -R false
transactioncurrencyidname String -R
versionnumber BigInt -R
`,
};
