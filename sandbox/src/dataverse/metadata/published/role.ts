/**
 * Security role's published columns, transcribed by hand (no generator) from Microsoft's table reference:
 * https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/role
 * (MicrosoftDocs/powerapps-docs, powerapps-docs/developer/data-platform/reference/entities/role.md @ 09770ae).
 * Line format: see ./format.ts.
 */
import type { PublishedTableSource } from "./format";

export const role: PublishedTableSource = {
  logicalName: "role",
  entitySetName: "roles",
  sources: ["https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/role"],
  columns: `
businessunitid Lookup C-R
canbedeleted ManagedProperty CUR
importsequencenumber Integer C-R
iscustomizable ManagedProperty CUR
isinherited Picklist CUR
name String CUR
overriddencreatedon DateTime C-R
roleid Uniqueidentifier C-R
businessunitidname String -R
componentstate Picklist -R
createdby Lookup -R
createdbyname String -R
createdbyyominame String -R
createdon DateTime -R
createdonbehalfby Lookup -R
createdonbehalfbyname String -R
createdonbehalfbyyominame String -R
ismanaged Boolean -R false
modifiedby Lookup -R
modifiedbyname String -R
modifiedbyyominame String -R
modifiedon DateTime -R
modifiedonbehalfby Lookup -R
modifiedonbehalfbyname String -R
modifiedonbehalfbyyominame String -R
organizationid Uniqueidentifier -R
organizationidname String -R
overwritetime DateTime -R
parentroleid Lookup -R
parentroleidname String -R
parentrootroleid Lookup -R
parentrootroleidname String -R
roleidunique Uniqueidentifier -R
roletemplateid Lookup -R
solutionid Uniqueidentifier -R
supportingsolutionid Uniqueidentifier --
versionnumber BigInt -R
`,
};
