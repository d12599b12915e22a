/**
 * Note (annotation)'s published columns, transcribed by hand (no generator) from Microsoft's table reference:
 * https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/annotation
 * (MicrosoftDocs/powerapps-docs, powerapps-docs/developer/data-platform/reference/entities/annotation.md @ 000a09f).
 * Line format: see ./format.ts.
 */
import type { PublishedTableSource } from "./format";

export const annotation: PublishedTableSource = {
  logicalName: "annotation",
  entitySetName: "annotations",
  sources: ["https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/annotation"],
  columns: `
annotationid Uniqueidentifier WR
documentbody String WR
filename String WR
importsequencenumber Integer WR
isdocument Boolean WR false
langid String WR
mimetype String WR
notetext Memo WR
objectid Lookup WR
objectidtypecode EntityName WR
objecttypecode EntityName WR
overriddencreatedon DateTime WR
ownerid Owner WR
owneridtype EntityName WR
stepid String WR
subject String WR
createdby Lookup -R
createdon DateTime -R
createdonbehalfby Lookup -R
dummyfilename String --
dummyregarding String --
filepointer String --
filesize Integer -R
isprivate Boolean -- false
modifiedby Lookup -R
modifiedon DateTime -R
modifiedonbehalfby Lookup -R
owneridname String -R
owneridyominame String -R
owningbusinessunit Lookup -R
owningteam Lookup -R
owninguser Lookup -R
prefix String -R
storagepointer String --
versionnumber BigInt -R
`,
};
