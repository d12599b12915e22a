/** Platform tables: users, solution components the import writes, the plug-in registry and system jobs. */
import {
  activeInactive,
  audit,
  booleans,
  datetimes,
  entityNames,
  guids,
  integers,
  label,
  lookup,
  memos,
  option,
  picklist,
  polymorphic,
  primaryKey,
  solutionAware,
  stateAndStatus,
  strings,
} from "./builders";
import type { EntityMetadata } from "./types";

export const systemuser: EntityMetadata = {
  logicalName: "systemuser",
  entitySetName: "systemusers",
  primaryIdAttribute: "systemuserid",
  primaryNameAttribute: "fullname",
  ownership: "organization",
  attributes: [
    primaryKey("systemuserid"),
    ...strings("fullname", "firstname", "lastname", "domainname", "internalemailaddress"),
    ...guids("applicationid", "azureactivedirectoryobjectid"),
    ...booleans("isdisabled"),
    picklist("accessmode", [
      option(0, "Read-Write", "Luku ja kirjoitus"),
      option(1, "Administrative", "Hallinnollinen"),
      option(2, "Read", "Luku"),
      option(3, "Support User", "Tukikäyttäjä"),
      option(4, "Non-interactive", "Ei-vuorovaikutteinen"),
      option(5, "Delegated Admin", "Delegoitu järjestelmänvalvoja"),
    ]),
    ...audit("organization"),
  ],
};

/** Personal options; `uilanguageid` decides the language of formatted values. */
export const usersettings: EntityMetadata = {
  logicalName: "usersettings",
  entitySetName: "usersettingscollection",
  primaryIdAttribute: "systemuserid",
  primaryNameAttribute: "systemuserid",
  ownership: "organization",
  attributes: [primaryKey("systemuserid"), ...integers("uilanguageid", "localeid"), ...audit("organization")],
};

export const solution: EntityMetadata = {
  logicalName: "solution",
  entitySetName: "solutions",
  primaryIdAttribute: "solutionid",
  primaryNameAttribute: "friendlyname",
  ownership: "organization",
  attributes: [
    primaryKey("solutionid"),
    ...strings("uniquename", "friendlyname", "version", "publisheruniquename"),
    ...memos("description"),
    ...booleans("ismanaged", "isvisible"),
    ...datetimes("installedon"),
    ...audit("organization"),
  ],
};

export const savedquery: EntityMetadata = {
  logicalName: "savedquery",
  entitySetName: "savedqueries",
  primaryIdAttribute: "savedqueryid",
  primaryNameAttribute: "name",
  ownership: "organization",
  attributes: [
    primaryKey("savedqueryid"),
    ...strings("name"),
    ...memos("description", "fetchxml", "layoutxml", "columnsetxml"),
    ...entityNames("returnedtypecode"),
    ...integers("querytype"),
    ...booleans("isdefault", "isquickfindquery", "iscustomizable"),
    ...activeInactive(),
    ...solutionAware(),
    ...audit("organization"),
  ],
};

/**
 * System charts (learn.microsoft.com/power-apps/developer/data-platform/reference/entities/savedqueryvisualization):
 * the data description (aggregate FetchXML, categories, measures) and the presentation (Chart Controls XML)
 * as an import writes them. `name` is English, as the sandbox stores every localizable name (see viewData.ts).
 */
export const savedqueryvisualization: EntityMetadata = {
  logicalName: "savedqueryvisualization",
  entitySetName: "savedqueryvisualizations",
  primaryIdAttribute: "savedqueryvisualizationid",
  primaryNameAttribute: "name",
  ownership: "organization",
  attributes: [
    primaryKey("savedqueryvisualizationid"),
    ...strings("name"),
    ...memos("description", "datadescription", "presentationdescription"),
    ...entityNames("primaryentitytypecode"),
    picklist("charttype", [option(0, "ASP.NET Charts", "ASP.NET Charts"), option(1, "Power BI", "Power BI")]),
    ...booleans("isdefault"),
    ...solutionAware(),
    ...audit("organization"),
  ],
};

export const webresource: EntityMetadata = {
  logicalName: "webresource",
  entitySetName: "webresourceset",
  primaryIdAttribute: "webresourceid",
  primaryNameAttribute: "name",
  ownership: "organization",
  attributes: [
    primaryKey("webresourceid"),
    ...strings("name", "displayname"),
    ...memos("description", "content"),
    ...integers("languagecode"),
    picklist("webresourcetype", [
      option(1, "Webpage (HTML)", "Verkkosivu (HTML)"),
      option(2, "Style Sheet (CSS)", "Tyylisivu (CSS)"),
      option(3, "Script (JScript)", "Komentosarja (JScript)"),
      option(4, "Data (XML)", "Tiedot (XML)"),
      option(5, "PNG format", "PNG-muoto"),
      option(6, "JPG format", "JPG-muoto"),
      option(7, "GIF format", "GIF-muoto"),
      option(8, "Silverlight (XAP)", "Silverlight (XAP)"),
      option(9, "Style Sheet (XSL)", "Tyylisivu (XSL)"),
      option(10, "ICO format", "ICO-muoto"),
      option(11, "Vector format (SVG)", "Vektorimuoto (SVG)"),
      option(12, "String (RESX)", "Merkkijono (RESX)"),
    ]),
    ...solutionAware(),
    ...audit("organization"),
  ],
};

export const systemform: EntityMetadata = {
  logicalName: "systemform",
  entitySetName: "systemforms",
  primaryIdAttribute: "formid",
  primaryNameAttribute: "name",
  ownership: "organization",
  attributes: [
    primaryKey("formid"),
    ...strings("name"),
    ...memos("description", "formxml", "formjson"),
    ...entityNames("objecttypecode"),
    picklist("type", [
      // 0 Dashboard: a system dashboard (our *Commerce B2B onboarding*), objecttypecode none (systemform.md Type options).
      option(0, "Dashboard", "Koontinäyttö"),
      option(2, "Main", "Pää"),
      option(5, "Mobile", "Mobiili"),
      option(6, "Quick View Form", "Pikanäkymälomake"),
      option(7, "Quick Create", "Pikaluonti"),
      option(11, "Card", "Kortti"),
    ]),
    picklist("formactivationstate", [option(0, "Inactive", "Passiivinen"), option(1, "Active", "Aktiivinen")]),
    ...booleans("isdefault"),
    ...solutionAware(),
    ...audit("organization"),
  ],
};

export const customcontrol: EntityMetadata = {
  logicalName: "customcontrol",
  entitySetName: "customcontrols",
  primaryIdAttribute: "customcontrolid",
  primaryNameAttribute: "name",
  ownership: "organization",
  attributes: [
    primaryKey("customcontrolid"),
    ...strings("name", "compatibledatatypes", "version"),
    ...memos("manifest", "clientjson"),
    ...solutionAware(),
    ...audit("organization"),
  ],
};

/** The RibbonDiffXml a solution ships for one entity (stored as Dataverse stores the diff per entity). */
export const ribboncustomization: EntityMetadata = {
  logicalName: "ribboncustomization",
  entitySetName: "ribboncustomizations",
  primaryIdAttribute: "ribboncustomizationid",
  primaryNameAttribute: "entity",
  ownership: "organization",
  attributes: [
    primaryKey("ribboncustomizationid"),
    ...entityNames("entity"),
    ...memos("ribbondiffxml"),
    ...solutionAware(),
    ...audit("organization"),
  ],
};

/**
 * Security roles. Dataverse keeps one copy of a role per business unit; `parentrootroleid` names the
 * root role every copy was made from, and a root role names itself. The sandbox has one business unit,
 * so every role (imported or created) is a root role: its `parentrootroleid` is its own id.
 */
export const role: EntityMetadata = {
  logicalName: "role",
  entitySetName: "roles",
  primaryIdAttribute: "roleid",
  primaryNameAttribute: "name",
  ownership: "organization",
  attributes: [
    primaryKey("roleid"),
    ...strings("name"),
    ...memos("privilegesxml"),
    { ...lookup("parentrootroleid", "role"), systemManaged: true },
    ...solutionAware(),
    ...audit("organization"),
  ],
};

/** Teams (owner, access, Microsoft Entra group teams); roles and members through many-to-many relationships. */
export const team: EntityMetadata = {
  logicalName: "team",
  entitySetName: "teams",
  primaryIdAttribute: "teamid",
  primaryNameAttribute: "name",
  ownership: "organization",
  attributes: [
    primaryKey("teamid"),
    ...strings("name", "emailaddress"),
    ...memos("description"),
    ...guids("azureactivedirectoryobjectid"),
    picklist("teamtype", [
      option(0, "Owner", "Omistaja"),
      option(1, "Access", "Käyttöoikeus"),
      option(2, "AAD Security Group", "AAD-suojausryhmä"),
      option(3, "AAD Office Group", "AAD Office -ryhmä"),
    ]),
    ...booleans("isdefault"),
    ...audit("organization"),
  ],
};

/** An intersect table: its own key, the two participating keys, and the row version. */
function intersect(logicalName: string, entitySetName: string, primaryIdAttribute: string, keys: [string, string]): EntityMetadata {
  return {
    logicalName,
    entitySetName,
    primaryIdAttribute,
    primaryNameAttribute: primaryIdAttribute,
    ownership: "organization",
    intersect: true,
    attributes: [primaryKey(primaryIdAttribute), ...guids(...keys), { logicalName: "versionnumber", type: "bigint", systemManaged: true }],
  };
}

/** A user's own security roles (`systemuserroles_association`). */
export const systemuserroles = intersect("systemuserroles", "systemuserrolescollection", "systemuserroleid", ["systemuserid", "roleid"]);
/** Team members (`teammembership_association`). */
export const teammembership = intersect("teammembership", "teammemberships", "teammembershipid", ["teamid", "systemuserid"]);
/** A team's security roles (`teamroles_association`). */
export const teamroles = intersect("teamroles", "teamrolescollection", "teamroleid", ["teamid", "roleid"]);

/**
 * Model-driven apps as an import stores them (Microsoft Learn, "Model-driven App (AppModule) table/entity
 * reference" and "appmodule EntityType"): the app, its components (AppModuleComponent), the roles it is
 * shared with (AppModuleRoles) and its site map (SiteMap). Only the columns a solution's <AppModule> /
 * <AppModuleSiteMap> carries are modelled.
 */
export const appmodule: EntityMetadata = {
  logicalName: "appmodule",
  entitySetName: "appmodules",
  primaryIdAttribute: "appmoduleid",
  primaryNameAttribute: "name",
  ownership: "organization",
  attributes: [
    primaryKey("appmoduleid"),
    ...strings("name", "uniquename", "introducedversion"),
    ...memos("description"),
    ...guids("webresourceid"),
    ...integers("clienttype", "formfactor"),
    ...solutionAware(),
    ...audit("organization"),
  ],
};

/** One table, view, form or site map an app lists; `objectid` is the component's id (for a table, its metadata id). */
export const appmodulecomponent: EntityMetadata = {
  logicalName: "appmodulecomponent",
  entitySetName: "appmodulecomponents",
  primaryIdAttribute: "appmodulecomponentid",
  primaryNameAttribute: "appmodulecomponentid",
  ownership: "organization",
  attributes: [
    primaryKey("appmodulecomponentid"),
    ...integers("componenttype"),
    ...guids("objectid"),
    lookup("appmoduleidunique", "appmodule"),
    ...solutionAware(),
    ...audit("organization"),
  ],
};

/** A security role an app is shared with (the appmoduleroles_association rows). */
export const appmoduleroles: EntityMetadata = {
  logicalName: "appmoduleroles",
  entitySetName: "appmodulerolescollection",
  primaryIdAttribute: "appmoduleroleid",
  primaryNameAttribute: "appmoduleroleid",
  ownership: "organization",
  attributes: [
    primaryKey("appmoduleroleid"),
    lookup("appmoduleid", "appmodule"),
    lookup("roleid", "role"),
    ...solutionAware(),
    ...audit("organization"),
  ],
};

/** An app's site map (Microsoft Learn, "SiteMap table/entity reference"). */
export const sitemap: EntityMetadata = {
  logicalName: "sitemap",
  entitySetName: "sitemaps",
  primaryIdAttribute: "sitemapid",
  primaryNameAttribute: "sitemapname",
  ownership: "organization",
  attributes: [
    primaryKey("sitemapid"),
    ...strings("sitemapname", "sitemapnameunique"),
    ...memos("sitemapxml"),
    ...booleans("isappaware", "enablecollapsiblegroups", "showhome", "showpinned", "showrecents"),
    ...solutionAware(),
    ...audit("organization"),
  ],
};

/** The record ImportSolution keeps when the caller passes an ImportJobId: progress and the result log. */
export const importjob: EntityMetadata = {
  logicalName: "importjob",
  entitySetName: "importjobs",
  primaryIdAttribute: "importjobid",
  primaryNameAttribute: "name",
  ownership: "organization",
  attributes: [
    primaryKey("importjobid"),
    ...strings("name", "solutionname"),
    ...memos("data"),
    { logicalName: "progress", type: "decimal" },
    ...datetimes("startedon", "completedon"),
    ...guids("solutionid"),
    ...audit("organization"),
  ],
};

export const serviceendpoint: EntityMetadata = {
  logicalName: "serviceendpoint",
  entitySetName: "serviceendpoints",
  primaryIdAttribute: "serviceendpointid",
  primaryNameAttribute: "name",
  ownership: "organization",
  attributes: [
    primaryKey("serviceendpointid"),
    ...strings("name", "url", "namespaceaddress", "path", "solutionnamespace", "saskeyname"),
    ...memos("description"),
    // The webhook key or header settings: written by deploy, never returned (IsValidForRead False in the
    // ServiceEndpoint table reference).
    { logicalName: "authvalue", type: "memo", notValidForRead: true },
    picklist("contract", [
      option(1, "OneWay", "Yksisuuntainen"),
      option(2, "Queue", "Jono"),
      option(3, "Rest", "Rest"),
      option(4, "TwoWay", "Kaksisuuntainen"),
      option(5, "Topic", "Aihe"),
      option(6, "Queue (Persistent)", "Jono (pysyvä)"),
      option(7, "Event Hub", "Event Hub"),
      option(8, "Webhook", "Webhook"),
      option(9, "Event Grid", "Event Grid"),
    ]),
    picklist("authtype", [
      option(1, "ACS", "ACS"),
      option(2, "SAS Key", "SAS-avain"),
      option(3, "SAS Token", "SAS-tunnus"),
      option(4, "Webhook Key", "Webhook-avain"),
      option(5, "Http Header", "HTTP-otsikko"),
      option(6, "Http Query String", "HTTP-kyselymerkkijono"),
      option(7, "Connection String", "Yhteysmerkkijono"),
      option(8, "Access Key", "Käyttöavain"),
      option(9, "Managed Identity", "Hallittu identiteetti"),
    ]),
    picklist("messageformat", [option(1, ".NETBinary", ".NETBinary"), option(2, "Json", "Json"), option(3, "XML", "XML")]),
    picklist("userclaim", [option(1, "None", "Ei mitään"), option(2, "UserId", "UserId"), option(3, "UserInfo", "UserInfo")]),
    ...solutionAware(),
    ...audit("organization"),
  ],
};

export const sdkmessage: EntityMetadata = {
  logicalName: "sdkmessage",
  entitySetName: "sdkmessages",
  primaryIdAttribute: "sdkmessageid",
  primaryNameAttribute: "name",
  ownership: "organization",
  attributes: [primaryKey("sdkmessageid"), ...strings("name"), ...audit("organization")],
};

export const sdkmessagefilter: EntityMetadata = {
  logicalName: "sdkmessagefilter",
  entitySetName: "sdkmessagefilters",
  primaryIdAttribute: "sdkmessagefilterid",
  primaryNameAttribute: "sdkmessagefilterid",
  ownership: "organization",
  attributes: [
    primaryKey("sdkmessagefilterid"),
    lookup("sdkmessageid", "sdkmessage"),
    ...entityNames("primaryobjecttypecode", "secondaryobjecttypecode"),
    ...audit("organization"),
  ],
};

export const sdkmessageprocessingstep: EntityMetadata = {
  logicalName: "sdkmessageprocessingstep",
  entitySetName: "sdkmessageprocessingsteps",
  primaryIdAttribute: "sdkmessageprocessingstepid",
  primaryNameAttribute: "name",
  ownership: "organization",
  stateTypeName: "SdkMessageProcessingStepState",
  attributes: [
    primaryKey("sdkmessageprocessingstepid"),
    ...strings("name", "filteringattributes"),
    ...memos("description", "configuration"),
    ...integers("rank"),
    picklist("stage", [
      option(10, "Pre-validation", "Esivahvistus"),
      option(20, "Pre-operation", "Ennen toimintoa"),
      option(30, "Main Operation", "Päätoiminto"),
      option(40, "Post-operation", "Toiminnon jälkeen"),
    ]),
    picklist("mode", [option(0, "Synchronous", "Synkroninen"), option(1, "Asynchronous", "Asynkroninen")]),
    picklist("supporteddeployment", [
      option(0, "Server Only", "Vain palvelin"),
      option(1, "Microsoft Dynamics 365 Client for Outlook Only", "Vain Outlook-asiakas"),
      option(2, "Both", "Molemmat"),
    ]),
    ...booleans("asyncautodelete"),
    lookup("sdkmessageid", "sdkmessage"),
    lookup("sdkmessagefilterid", "sdkmessagefilter"),
    polymorphic("eventhandler", ["serviceendpoint"]),
    ...stateAndStatus([
      {
        value: 0,
        invariantName: "Enabled",
        label: label("Enabled", "Käytössä"),
        defaultStatus: 1,
        statuses: [{ value: 1, label: label("Enabled", "Käytössä") }],
      },
      {
        value: 1,
        invariantName: "Disabled",
        label: label("Disabled", "Poissa käytöstä"),
        defaultStatus: 2,
        statuses: [{ value: 2, label: label("Disabled", "Poissa käytöstä") }],
      },
    ]),
    ...solutionAware(),
    ...audit("organization"),
  ],
};

export const sdkmessageprocessingstepimage: EntityMetadata = {
  logicalName: "sdkmessageprocessingstepimage",
  entitySetName: "sdkmessageprocessingstepimages",
  primaryIdAttribute: "sdkmessageprocessingstepimageid",
  primaryNameAttribute: "name",
  ownership: "organization",
  attributes: [
    primaryKey("sdkmessageprocessingstepimageid"),
    ...strings("name", "entityalias", "attributes", "messagepropertyname"),
    picklist("imagetype", [
      option(0, "PreImage", "Esikuva"),
      option(1, "PostImage", "Jälkikuva"),
      option(2, "Both", "Molemmat"),
    ]),
    lookup("sdkmessageprocessingstepid", "sdkmessageprocessingstep"),
    ...solutionAware(),
    ...audit("organization"),
  ],
};

export const environmentvariabledefinition: EntityMetadata = {
  logicalName: "environmentvariabledefinition",
  entitySetName: "environmentvariabledefinitions",
  primaryIdAttribute: "environmentvariabledefinitionid",
  primaryNameAttribute: "schemaname",
  ownership: "user",
  attributes: [
    primaryKey("environmentvariabledefinitionid"),
    ...strings("schemaname", "displayname"),
    ...memos("description", "defaultvalue"),
    picklist("type", [
      option(100000000, "String", "Merkkijono"),
      option(100000001, "Number", "Luku"),
      option(100000002, "Boolean", "Totuusarvo"),
      option(100000003, "JSON", "JSON"),
      option(100000004, "Data source", "Tietolähde"),
      option(100000005, "Secret", "Salaisuus"),
    ]),
    ...booleans("isrequired"),
    ...activeInactive(),
    ...solutionAware(),
    ...audit("user"),
  ],
};

export const environmentvariablevalue: EntityMetadata = {
  logicalName: "environmentvariablevalue",
  entitySetName: "environmentvariablevalues",
  primaryIdAttribute: "environmentvariablevalueid",
  primaryNameAttribute: "schemaname",
  ownership: "user",
  attributes: [
    primaryKey("environmentvariablevalueid"),
    ...strings("schemaname"),
    ...memos("value"),
    // Dataverse spells this navigation property in schema-name case.
    lookup("environmentvariabledefinitionid", "environmentvariabledefinition", "EnvironmentVariableDefinitionId"),
    ...activeInactive(),
    ...solutionAware(),
    ...audit("user"),
  ],
};

/** System jobs: asynchronous webhook steps are recorded here. */
export const asyncoperation: EntityMetadata = {
  logicalName: "asyncoperation",
  entitySetName: "asyncoperations",
  primaryIdAttribute: "asyncoperationid",
  primaryNameAttribute: "name",
  ownership: "user",
  stateTypeName: "AsyncOperationState",
  attributes: [
    primaryKey("asyncoperationid"),
    ...strings("name", "messagename", "primaryentitytype", "friendlymessage"),
    ...memos("message", "data"),
    ...integers("retrycount", "errorcode", "depth"),
    ...datetimes("startedon", "completedon"),
    ...guids("correlationid", "requestid"),
    picklist("operationtype", [
      option(1, "System Event", "Järjestelmätapahtuma"),
      option(10, "Workflow", "Työnkulku"),
      option(54, "Execute Async Request", "Suorita asynkroninen pyyntö"),
    ]),
    lookup("owningextensionid", "sdkmessageprocessingstep"),
    polymorphic("regardingobjectid", ["lead", "opportunity", "account", "contact"]),
    ...stateAndStatus([
      {
        value: 0,
        invariantName: "Ready",
        label: label("Ready", "Valmiina"),
        defaultStatus: 0,
        statuses: [{ value: 0, label: label("Waiting For Resources", "Odottaa resursseja") }],
      },
      {
        value: 1,
        invariantName: "Suspended",
        label: label("Suspended", "Keskeytetty"),
        defaultStatus: 10,
        statuses: [{ value: 10, label: label("Waiting", "Odottaa") }],
      },
      {
        value: 2,
        invariantName: "Locked",
        label: label("Locked", "Lukittu"),
        defaultStatus: 20,
        statuses: [
          { value: 20, label: label("In Progress", "Käynnissä") },
          { value: 21, label: label("Pausing", "Keskeytetään") },
          { value: 22, label: label("Canceling", "Peruutetaan") },
        ],
      },
      {
        value: 3,
        invariantName: "Completed",
        label: label("Completed", "Valmis"),
        defaultStatus: 30,
        statuses: [
          { value: 30, label: label("Succeeded", "Onnistui") },
          { value: 31, label: label("Failed", "Epäonnistui") },
          { value: 32, label: label("Canceled", "Peruutettu") },
        ],
      },
    ]),
    ...audit("user"),
  ],
};
