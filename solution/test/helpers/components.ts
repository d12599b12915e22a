/**
 * Which components the solution source ships, derived from SolutionPackager's folder layout, and which
 * root components Solution.xml declares — so a test can say "every shipped component is declared, and
 * nothing else is".
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Element } from "@xmldom/xmldom";
import { childElements, childText, firstChild, parseXml } from "../../../tools/build/xml";
import { normalizeId } from "./source";

/** Solution component types (solutioncomponent.componenttype) this project ships. */
export const ComponentType = {
  Entity: 1,
  Role: 20,
  SavedQuery: 26,
  SavedQueryVisualization: 59,
  SystemForm: 60,
  WebResource: 61,
  SiteMap: 62,
  CustomControl: 66,
  AppModule: 80,
  SdkMessageProcessingStep: 92,
  ServiceEndpoint: 95,
  EnvironmentVariableDefinition: 380,
} as const;

export interface ComponentRef {
  type: number;
  /** schemaName (lower-cased where Dataverse compares case-insensitively) or the normalized id. */
  key: string;
}

export interface ShippedComponents {
  /** Must each appear as a root component. */
  roots: ComponentRef[];
  /** Subcomponents of an entity in the solution: may appear as root components, need not. */
  subcomponents: ComponentRef[];
  /** Top-level folders this helper does not know how to read. */
  unknownFolders: string[];
}

const KNOWN_FOLDERS = new Set([
  "Other",
  "Entities",
  "WebResources",
  "Controls",
  "Roles",
  "SdkMessageProcessingSteps",
  "environmentvariabledefinitions",
  "AppModules",
  "AppModuleSiteMaps",
  "Dashboards",
]);

export const refKey = (ref: ComponentRef): string => `${ref.type}:${ref.key}`;

function readRoot(file: string): Element {
  return parseXml(readFileSync(file, "utf8"), file).documentElement!;
}

function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(suffix) && statSync(join(dir, f)).isFile())
    .map((f) => join(dir, f))
    .sort();
}

function folders(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => statSync(join(dir, f)).isDirectory()).sort() : [];
}

export function shippedComponents(source: string): ShippedComponents {
  const roots: ComponentRef[] = [];
  const subcomponents: ComponentRef[] = [];

  for (const entity of folders(join(source, "Entities"))) {
    const root = readRoot(join(source, "Entities", entity, "Entity.xml"));
    roots.push({ type: ComponentType.Entity, key: (childText(root, "Name") ?? entity).toLowerCase() });
    for (const file of filesUnder(join(source, "Entities", entity, "SavedQueries"), ".xml")) {
      for (const query of childElements(readRoot(file), "savedquery")) {
        subcomponents.push({ type: ComponentType.SavedQuery, key: normalizeId(childText(query, "savedqueryid") ?? "") });
      }
    }
    for (const file of filesUnder(join(source, "Entities", entity, "Visualizations"), ".xml")) {
      const chart = readRoot(file);
      subcomponents.push({ type: ComponentType.SavedQueryVisualization, key: normalizeId(childText(chart, "savedqueryvisualizationid") ?? "") });
    }
    for (const file of filesUnder(join(source, "Entities", entity, "FormXml"), ".xml")) {
      for (const form of readRoot(file).getElementsByTagName("systemform")) {
        subcomponents.push({ type: ComponentType.SystemForm, key: normalizeId(childText(form, "formid") ?? "") });
      }
    }
  }
  // A system dashboard is a form of no table (systemform type 0), so a root of its own.
  for (const file of filesUnder(join(source, "Dashboards"), ".xml")) {
    roots.push({ type: ComponentType.SystemForm, key: normalizeId(childText(readRoot(file), "FormId") ?? "") });
  }
  for (const file of filesUnder(join(source, "WebResources"), ".data.xml")) {
    roots.push({ type: ComponentType.WebResource, key: (childText(readRoot(file), "Name") ?? "").toLowerCase() });
  }
  for (const control of folders(join(source, "Controls"))) {
    roots.push({ type: ComponentType.CustomControl, key: control.toLowerCase() });
  }
  for (const file of filesUnder(join(source, "Roles"), ".xml")) {
    roots.push({ type: ComponentType.Role, key: normalizeId(readRoot(file).getAttribute("id") ?? "") });
  }
  for (const file of filesUnder(join(source, "SdkMessageProcessingSteps"), ".xml")) {
    roots.push({ type: ComponentType.SdkMessageProcessingStep, key: normalizeId(readRoot(file).getAttribute("SdkMessageProcessingStepId") ?? "") });
  }
  for (const app of folders(join(source, "AppModules"))) {
    const root = readRoot(join(source, "AppModules", app, "AppModule.xml"));
    roots.push({ type: ComponentType.AppModule, key: (childText(root, "UniqueName") ?? "").toLowerCase() });
  }
  for (const siteMap of folders(join(source, "AppModuleSiteMaps"))) {
    const root = readRoot(join(source, "AppModuleSiteMaps", siteMap, "AppModuleSiteMap.xml"));
    roots.push({ type: ComponentType.SiteMap, key: (childText(root, "SiteMapUniqueName") ?? "").toLowerCase() });
  }
  for (const variable of folders(join(source, "environmentvariabledefinitions"))) {
    roots.push({ type: ComponentType.EnvironmentVariableDefinition, key: variable.toLowerCase() });
  }
  const customizations = readRoot(join(source, "Other", "Customizations.xml"));
  const endpoints = firstChild(customizations, "ServiceEndpoints");
  for (const endpoint of endpoints ? childElements(endpoints, "ServiceEndpoint") : []) {
    roots.push({ type: ComponentType.ServiceEndpoint, key: normalizeId(endpoint.getAttribute("ServiceEndpointId") ?? "") });
  }

  const unknownFolders = folders(source).filter((f) => !KNOWN_FOLDERS.has(f));
  return { roots, subcomponents, unknownFolders };
}

/** `<RootComponent>`s of a Solution.xml manifest, keyed the same way. */
export function declaredRootComponents(manifest: Element): (ComponentRef & { behavior: string })[] {
  const list = firstChild(manifest, "RootComponents");
  return (list ? childElements(list, "RootComponent") : []).map((rc) => {
    const type = Number(rc.getAttribute("type"));
    const id = rc.getAttribute("id");
    // Plug-in assemblies carry both; everything else here is keyed by one of them.
    const key = id && type !== ComponentType.Entity ? normalizeId(id) : (rc.getAttribute("schemaName") ?? "").toLowerCase();
    return { type, key, behavior: rc.getAttribute("behavior") ?? "" };
  });
}
