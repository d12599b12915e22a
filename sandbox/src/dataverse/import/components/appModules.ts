/**
 * Model-driven apps (`<AppModules><AppModule>`) and their site maps (`<AppModuleSiteMaps><AppModuleSiteMap>`),
 * stored as Dataverse stores them: `appmodule`, `appmodulecomponent`, `appmoduleroles` and `sitemap`
 * rows. What the sandbox does not model (component types other than tables, views, forms and site maps,
 * app settings, event handlers, …) is refused by name rather than dropped.
 */
import { XMLSerializer, type Element } from "@xmldom/xmldom";
import { entityByLogicalName } from "../../metadata";
import { deterministicId } from "../../storage/seed";
import { attribute, childElements, childText as rawChildText, firstChild } from "../../xml";
import { importRefused, localized } from "../solutionPackage";
import { bit, guidOf, type ComponentRow } from "./types";

/** Solution component types an app may list that the sandbox stores (componenttype values). */
const Table = 1;
const View = 26;
/** Charts (appmodulecomponent componenttype 59; solution/PLATFORM-FACTS.md). */
const Chart = 59;
const Form = 60;
const SiteMap = 62;

/** `<AppModule>` children the sandbox stores; any other child with content is refused by name. */
const APP_MODULE_ELEMENTS = new Set([
  "UniqueName",
  "IntroducedVersion",
  "WebResourceId",
  "FormFactor",
  "ClientType",
  "AppModuleComponents",
  "AppModuleRoleMaps",
  "LocalizedNames",
  "Descriptions",
]);
const SITE_MAP_ELEMENTS = new Set([
  "SiteMapUniqueName",
  "SiteMapName",
  "SiteMap",
  "LocalizedNames",
  "EnableCollapsibleGroups",
  "ShowHome",
  "ShowPinned",
  "ShowRecents",
]);

/** Trimmed text of a child element; undefined when missing or empty. */
const childText = (element: Element, tagName: string): string | undefined => rawChildText(element, tagName)?.trim() || undefined;

const hasContent = (element: Element): boolean => childElements(element).length > 0 || (element.textContent ?? "").trim() !== "" || element.attributes.length > 0;

function refuseUnmodelled(element: Element, known: Set<string>, what: string): void {
  const unknown = childElements(element).filter((child) => !known.has(child.tagName) && hasContent(child));
  if (unknown.length > 0) {
    throw importRefused(`${what} has <${unknown.map((child) => child.tagName).join(">, <")}>, which the sandbox does not import.`);
  }
}

export const siteMapId = (uniqueName: string): string => deterministicId(`sitemap:${uniqueName.toLowerCase()}`);
const appModuleId = (uniqueName: string): string => deterministicId(`appmodule:${uniqueName.toLowerCase()}`);

export function appModuleSiteMaps(customizations: Element): ComponentRow[] {
  const container = firstChild(customizations, "AppModuleSiteMaps");
  if (!container) return [];
  return childElements(container, "AppModuleSiteMap").map((component) => {
    const uniqueName = childText(component, "SiteMapUniqueName");
    const siteMap = firstChild(component, "SiteMap");
    if (!uniqueName || !siteMap) throw importRefused("An AppModuleSiteMap in customizations.xml needs SiteMapUniqueName and SiteMap.");
    refuseUnmodelled(component, SITE_MAP_ELEMENTS, `The site map '${uniqueName}'`);
    const flag = (name: string, fallback: boolean) => {
      const text = childText(component, name);
      return text === undefined ? fallback : bit(text);
    };
    return {
      entity: "sitemap",
      record: {
        sitemapid: siteMapId(uniqueName),
        sitemapnameunique: uniqueName,
        sitemapname: childText(component, "SiteMapName") ?? localized(component, "LocalizedNames", "LocalizedName") ?? uniqueName,
        sitemapxml: new XMLSerializer().serializeToString(siteMap),
        isappaware: true,
        enablecollapsiblegroups: flag("EnableCollapsibleGroups", false),
        showhome: flag("ShowHome", true),
        showpinned: flag("ShowPinned", true),
        showrecents: flag("ShowRecents", true),
      },
    };
  });
}

function componentObjectId(appName: string, component: Element, siteMaps: Set<string>): { type: number; objectid: string } {
  const type = Number(attribute(component, "type"));
  const schemaName = (attribute(component, "schemaName") ?? "").trim();
  const id = guidOf(attribute(component, "id"));
  switch (type) {
    case Table: {
      const logicalName = schemaName.toLowerCase();
      if (!entityByLogicalName(logicalName)) {
        throw importRefused(`The app '${appName}' lists the table '${schemaName}', which does not exist in this environment.`);
      }
      // The sandbox keeps no EntityMetadata.MetadataId; this stable id stands in for the table's.
      return { type, objectid: deterministicId(`entity:${logicalName}`) };
    }
    case View:
    case Chart:
    case Form:
      if (!id) throw importRefused(`The app '${appName}' lists a component of type ${type} without an id.`);
      return { type, objectid: id };
    case SiteMap:
      if (!siteMaps.has(schemaName.toLowerCase())) {
        throw importRefused(`The app '${appName}' lists the site map '${schemaName}', which is not in the solution file.`);
      }
      return { type, objectid: siteMapId(schemaName) };
    default:
      throw importRefused(`The app '${appName}' lists a component of type ${attribute(component, "type") ?? "(none)"}, which the sandbox does not import.`);
  }
}

export function appModules(customizations: Element): ComponentRow[] {
  const container = firstChild(customizations, "AppModules");
  if (!container) return [];
  const siteMapContainer = firstChild(customizations, "AppModuleSiteMaps");
  const siteMaps = new Set(
    (siteMapContainer ? childElements(siteMapContainer, "AppModuleSiteMap") : []).map((s) => (childText(s, "SiteMapUniqueName") ?? "").toLowerCase()),
  );
  return childElements(container, "AppModule").flatMap((app) => {
    const uniqueName = childText(app, "UniqueName");
    if (!uniqueName) throw importRefused("An AppModule in customizations.xml needs a UniqueName.");
    refuseUnmodelled(app, APP_MODULE_ELEMENTS, `The app '${uniqueName}'`);
    const appmoduleid = appModuleId(uniqueName);
    const appRef = { logicalName: "appmodule", id: appmoduleid };
    const number = (name: string) => {
      const text = childText(app, name);
      return text === undefined ? null : Number(text);
    };
    const rows: ComponentRow[] = [
      {
        entity: "appmodule",
        record: {
          appmoduleid,
          uniquename: uniqueName,
          name: localized(app, "LocalizedNames", "LocalizedName") ?? uniqueName,
          description: localized(app, "Descriptions", "Description"),
          introducedversion: childText(app, "IntroducedVersion") ?? null,
          webresourceid: guidOf(childText(app, "WebResourceId")) ?? null,
          clienttype: number("ClientType"),
          formfactor: number("FormFactor"),
        },
      },
    ];
    const components = firstChild(app, "AppModuleComponents");
    for (const component of components ? childElements(components, "AppModuleComponent") : []) {
      const { type, objectid } = componentObjectId(uniqueName, component, siteMaps);
      rows.push({
        entity: "appmodulecomponent",
        record: {
          appmodulecomponentid: deterministicId(`appmodulecomponent:${appmoduleid}:${type}:${objectid}`),
          componenttype: type,
          objectid,
          appmoduleidunique: appRef,
        },
      });
    }
    const roleMaps = firstChild(app, "AppModuleRoleMaps");
    for (const role of roleMaps ? childElements(roleMaps, "Role") : []) {
      const roleid = guidOf(attribute(role, "id"));
      if (!roleid) throw importRefused(`The app '${uniqueName}' is shared with a role without an id.`);
      rows.push({
        entity: "appmoduleroles",
        record: {
          appmoduleroleid: deterministicId(`appmoduleroles:${appmoduleid}:${roleid}`),
          appmoduleid: appRef,
          roleid: { logicalName: "role", id: roleid },
        },
      });
    }
    return rows;
  });
}
