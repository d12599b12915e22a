/**
 * Dataverse messages (Web API actions and functions) the sandbox does not run. Calling one, bound or
 * unbound, is a 501 naming it, never the 404 "Resource not found for the segment" an unknown name gets.
 *
 * Sources: the "Messages" table of each table reference page transcribed in this folder (lead,
 * opportunity, opportunityclose, account, contact, annotation, systemuser, team, role; messages whose
 * Web API column is empty, being SDK-only, are left out), the Web API Function Reference
 * (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/functions) and the
 * action pages CloseIncident (https://learn.microsoft.com/previous-versions/dynamicscrm-2016/developers-guide/mt607498(v=crm.8))
 * and RetrieveTotalRecordCount (its response type page,
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/retrievetotalrecordcountresponse).
 * Messages the sandbox does run (WhoAmI, QualifyLead, WinOpportunity, LoseOpportunity, ImportSolution,
 * ImportSolutionAsync, PublishXml, PublishAllXml) are routed before this list is consulted.
 */
export const unmodelledMessages: ReadonlySet<string> = new Set([
  // On the Sales and common tables' reference pages
  "AddMembersTeam",
  "AddPrivilegesRole",
  "CalculateActualValueOpportunity",
  "CalculatePrice",
  "ConvertOwnerTeamToAccessTeam",
  "CreateMultiple",
  "GetQuantityDecimal",
  "GrantAccess",
  "IsValidStateTransition",
  "Merge",
  "ModifyAccess",
  "ReassignObjectsSystemUser",
  "RemoveMembersTeam",
  "RemoveParent",
  "RemovePrivilegeRole",
  "ReplacePrivilegesRole",
  "Restore",
  "RetrieveAadUserRoles",
  "RetrieveAllChildUsersSystemUser",
  "RetrievePrincipalAccess",
  "RetrieveRolePrivilegesRole",
  "RetrieveSharedPrincipalsAndAccess",
  "RevokeAccess",
  "Rollup",
  "SetBusinessSystemUser",
  "SetParentSystemUser",
  "SetParentTeam",
  "UpdateMultiple",
  "UpsertMultiple",
  "WinQuote",
  // Web API Function Reference
  "CalculateRollupField",
  "CheckIncomingEmail",
  "CheckPromoteEmail",
  "DownloadReportDefinition",
  "ExecuteCosmosSqlQuery",
  "ExpandCalendar",
  "ExportFieldTranslation",
  "FetchXmlToQueryExpression",
  "FormatAddress",
  "GetAllTimeZonesWithDisplayName",
  "GetDistinctValuesImportFile",
  "RetrieveTotalRecordCount",
  // Action pages
  "CloseIncident",
]);
