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

export const role: EntityMetadata = {
  logicalName: "role",
  entitySetName: "roles",
  primaryIdAttribute: "roleid",
  primaryNameAttribute: "name",
  ownership: "organization",
  attributes: [primaryKey("roleid"), ...strings("name"), ...memos("privilegesxml"), ...solutionAware(), ...audit("organization")],
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
    ...memos("description", "authvalue"),
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
