/** Web resources (content from their zip part), custom controls, security roles and environment variables. */
import { XMLSerializer, type Element } from "@xmldom/xmldom";
import { deterministicId } from "../../storage/seed";
import { attribute, childElements, childText, firstChild, parseXml, XmlError } from "../../xml";
import { decodeXml, importRefused } from "../solutionPackage";
import { bit, guidOf, type ComponentRow } from "./types";

const partPath = (fileName: string): string => fileName.trim().replace(/^\//, "");

export function webResources(customizations: Element, parts: Map<string, Buffer>): ComponentRow[] {
  const container = firstChild(customizations, "WebResources");
  if (!container) return [];
  return childElements(container, "WebResource").map((resource) => {
    const webresourceid = guidOf(childText(resource, "WebResourceId"));
    const name = childText(resource, "Name");
    const fileName = childText(resource, "FileName");
    if (!webresourceid || !name || !fileName) throw importRefused("A WebResource in customizations.xml needs WebResourceId, Name and FileName.");
    const content = parts.get(partPath(fileName));
    if (!content) throw importRefused(`The web resource '${name}' refers to '${fileName}', which is not in the solution file.`);
    const language = childText(resource, "LanguageCode");
    return {
      entity: "webresource",
      record: {
        webresourceid,
        name,
        displayname: childText(resource, "DisplayName") ?? name,
        description: childText(resource, "Description") ?? null,
        webresourcetype: Number(childText(resource, "WebResourceType") ?? "3"),
        languagecode: language ? Number(language) : null,
        content: content.toString("base64"),
      },
    };
  });
}

/** Web resource types Dataverse gives a control's files, by extension. */
const controlFileTypes: Record<string, number> = {
  html: 1, htm: 1, css: 2, js: 3, xml: 4, png: 5, jpg: 6, jpeg: 6, gif: 7, xsl: 9, ico: 10, svg: 11, resx: 12,
};

/** The files a control manifest's <resources> lists (code, css, html, img, resx); platform libraries are not files. */
const RESOURCE_FILE_ELEMENTS = ["code", "css", "html", "img", "resx"];

/**
 * A control's files become web resources named `cc_<namespace>.<constructor>/<path>` (the name a form
 * loads `…/WebResources/cc_Cb2b.DualWriteProvenance/bundle.js` by), with the content from the zip's
 * Controls/<control>/ folder next to the manifest.
 */
function controlFileWebResources(controlElement: Element, manifestPath: string, parts: Map<string, Buffer>): ComponentRow[] {
  const namespace = attribute(controlElement, "namespace");
  const constructorName = attribute(controlElement, "constructor");
  if (!namespace || !constructorName) throw importRefused(`The control manifest ${manifestPath} needs a namespace and a constructor.`);
  const folder = manifestPath.replace(/[^/]*$/, "");
  const resources = firstChild(controlElement, "resources");
  const files = resources ? childElements(resources).filter((element) => RESOURCE_FILE_ELEMENTS.includes(element.tagName)) : [];
  return files.map((file) => {
    const path = (attribute(file, "path") ?? "").replace(/\\/g, "/").replace(/^\.?\//, "");
    if (!path || path.split("/").includes("..")) throw importRefused(`The control manifest ${manifestPath} lists a resource without a usable path.`);
    const content = parts.get(`${folder}${path}`);
    if (!content) throw importRefused(`The control manifest ${manifestPath} lists '${path}', which is not in the solution file.`);
    const name = `cc_${namespace}.${constructorName}/${path}`;
    const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1].toLowerCase() ?? "";
    return {
      entity: "webresource",
      record: {
        webresourceid: deterministicId(`webresource:${name}`),
        name,
        displayname: name,
        description: null,
        webresourcetype: controlFileTypes[extension] ?? 3,
        languagecode: null,
        content: content.toString("base64"),
      },
    };
  });
}

export function customControls(customizations: Element, parts: Map<string, Buffer>): ComponentRow[] {
  const container = firstChild(customizations, "CustomControls");
  if (!container) return [];
  return childElements(container, "CustomControl").flatMap((control) => {
    const name = childText(control, "Name");
    const fileName = childText(control, "FileName");
    if (!name || !fileName) throw importRefused("A CustomControl in customizations.xml needs Name and FileName.");
    const manifestPath = partPath(fileName);
    const manifestBytes = parts.get(manifestPath);
    if (!manifestBytes) throw importRefused(`The custom control '${name}' refers to '${fileName}', which is not in the solution file.`);
    const manifestText = decodeXml(manifestBytes);
    let controlElement: Element | undefined;
    try {
      const manifest = parseXml(manifestText, `The control manifest ${fileName}`).documentElement as Element;
      controlElement = firstChild(manifest, "control");
    } catch (error) {
      if (error instanceof XmlError) throw importRefused(error.message);
      throw error;
    }
    const version = controlElement ? (attribute(controlElement, "version") ?? null) : null;
    return [
      {
        entity: "customcontrol",
        record: { customcontrolid: deterministicId(`customcontrol:${name}`), name, version, manifest: manifestText },
      },
      ...(controlElement ? controlFileWebResources(controlElement, manifestPath, parts) : []),
    ];
  });
}

export function roles(customizations: Element): ComponentRow[] {
  const container = firstChild(customizations, "Roles");
  if (!container) return [];
  return childElements(container, "Role").map((role) => {
    const roleid = guidOf(attribute(role, "id"));
    const name = attribute(role, "name");
    if (!roleid || !name) throw importRefused("A Role in customizations.xml needs an id and a name.");
    const privileges = firstChild(role, "RolePrivileges");
    return {
      entity: "role",
      // Imported into the one business unit the sandbox has: the root role, its own parent root.
      record: {
        roleid,
        name,
        privilegesxml: privileges ? new XMLSerializer().serializeToString(privileges) : null,
        parentrootroleid: { logicalName: "role", id: roleid },
      },
    };
  });
}

interface ValueJson {
  "@environmentvariablevalueid"?: string;
  "@schemaname"?: string;
  environmentvariablevalueid?: string;
  schemaname?: string;
  value?: string;
}

/** `environmentvariabledefinitions/<schema>/environmentvariabledefinition.xml` (+ `environmentvariablevalues.json`). */
export function environmentVariables(parts: Map<string, Buffer>): ComponentRow[] {
  const rows: ComponentRow[] = [];
  for (const [path, bytes] of parts) {
    const match = /^environmentvariabledefinitions\/([^/]+)\/environmentvariabledefinition\.xml$/i.exec(path);
    if (!match) continue;
    let definition: Element;
    try {
      definition = parseXml(decodeXml(bytes), path).documentElement as Element;
    } catch (error) {
      if (error instanceof XmlError) throw importRefused(`The import file is invalid. ${error.message}`);
      throw error;
    }
    const schemaname = attribute(definition, "schemaname") ?? match[1];
    const definitionId = deterministicId(`environmentvariabledefinition:${schemaname}`);
    const displayName = firstChild(definition, "displayname");
    const description = firstChild(definition, "description");
    rows.push({
      entity: "environmentvariabledefinition",
      record: {
        environmentvariabledefinitionid: definitionId,
        schemaname,
        displayname: displayName ? (attribute(displayName, "default") ?? schemaname) : schemaname,
        description: description ? (attribute(description, "default") ?? null) : null,
        defaultvalue: childText(definition, "defaultvalue") ?? null,
        type: Number(childText(definition, "type") ?? "100000000"),
        isrequired: bit(childText(definition, "isrequired")),
      },
    });
    const valuesBytes = parts.get(path.replace(/environmentvariabledefinition\.xml$/i, "environmentvariablevalues.json"));
    if (!valuesBytes) continue;
    let parsed: { environmentvariablevalues?: { environmentvariablevalue?: ValueJson | ValueJson[] } };
    try {
      parsed = JSON.parse(valuesBytes.toString("utf8").replace(/^\uFEFF/, "")) as typeof parsed;
    } catch {
      throw importRefused(`The import file is invalid: ${path.replace(/[^/]+$/, "")}environmentvariablevalues.json is not valid JSON.`);
    }
    const values = parsed.environmentvariablevalues?.environmentvariablevalue;
    for (const value of Array.isArray(values) ? values : values ? [values] : []) {
      const valueId = guidOf(value["@environmentvariablevalueid"] ?? value.environmentvariablevalueid) ?? deterministicId(`environmentvariablevalue:${schemaname}`);
      rows.push({
        entity: "environmentvariablevalue",
        record: {
          environmentvariablevalueid: valueId,
          schemaname: value["@schemaname"] ?? value.schemaname ?? schemaname,
          value: value.value ?? null,
          environmentvariabledefinitionid: { logicalName: "environmentvariabledefinition", id: definitionId },
        },
      });
    }
  }
  return rows;
}
