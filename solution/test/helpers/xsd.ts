/**
 * Validation against Microsoft's customization schemas with xmllint-wasm (libxml2 2.13).
 *
 * libxml2 refuses to compile FormXml.xsd as published: the content model of a control's
 * `<parameters>` (FormXml.xsd, FormXmlControlType) is a choice of choices that share element names,
 * which breaks XSD's unique particle attribution rule ("content model is not determinist"). Since every
 * schema here includes FormXml.xsd, nothing would validate. We therefore relax exactly that one
 * content model, in memory, to "any elements" — the reference files stay untouched, and every other
 * rule (savedquery, fetch, layout, entities, web resources, …) is checked as published.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateXML, type XMLValidationResult } from "xmllint-wasm";
import { schemaDir } from "./paths";

const INCLUDED = ["isv.config.xsd", "SiteMapType.xsd", "FormXml.xsd", "Fetch.xsd", "RibbonCore.xsd", "RibbonTypes.xsd", "RibbonWSS.xsd"];

export function relaxFormParameters(formXmlXsd: string): string {
  const anchor = formXmlXsd.indexOf('<xs:element name="parameters" minOccurs="0" maxOccurs="1">');
  if (anchor < 0) throw new Error("FormXml.xsd: the <parameters> element this fix expects is not there any more");
  const start = formXmlXsd.indexOf("<xs:choice", anchor);
  const tags = /<xs:choice\b[^>]*?(\/?)>|<\/xs:choice>/g;
  tags.lastIndex = start;
  let depth = 0;
  let end = -1;
  for (let match = tags.exec(formXmlXsd); match; match = tags.exec(formXmlXsd)) {
    if (match[0].startsWith("</")) depth -= 1;
    else if (match[1] !== "/") depth += 1;
    if (depth === 0) {
      end = tags.lastIndex;
      break;
    }
  }
  if (end < 0) throw new Error("FormXml.xsd: unbalanced <xs:choice> under <parameters>");
  const relaxed = '<xs:sequence><xs:any processContents="lax" minOccurs="0" maxOccurs="unbounded" /></xs:sequence>';
  return formXmlXsd.slice(0, start) + relaxed + formXmlXsd.slice(end);
}

function schemaFile(name: string): { fileName: string; contents: string } {
  const contents = readFileSync(join(schemaDir, name), "utf8");
  return { fileName: name, contents: name === "FormXml.xsd" ? relaxFormParameters(contents) : contents };
}

/** Validates `xml` against one of the schemas in ../shared/reference/schemas/libxml2-compat. */
export function validateAgainst(schema: "CustomizationsSolution.xsd" | "Fetch.xsd", xml: string, fileName: string): Promise<XMLValidationResult> {
  return validateXML({
    xml: [{ fileName, contents: xml.replace(/^\uFEFF/, "") }],
    schema: [schemaFile(schema)],
    preload: INCLUDED.filter((name) => name !== schema).map(schemaFile),
    maxMemoryPages: 1024,
  });
}

/**
 * Validates a `<SiteMap>` document against SiteMapType.xsd. That schema only declares the type (customizations
 * use it under <SiteMap> and <AppModuleSiteMap>), so a one-line wrapper schema declares the root element.
 */
export function validateSiteMap(xml: string, fileName: string): Promise<XMLValidationResult> {
  const wrapper =
    '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">' +
    '<xs:include schemaLocation="SiteMapType.xsd" /><xs:element name="SiteMap" type="SiteMapType" /></xs:schema>';
  return validateXML({
    xml: [{ fileName, contents: xml.replace(/^\uFEFF/, "") }],
    schema: [{ fileName: "SiteMapRoot.xsd", contents: wrapper }],
    preload: [schemaFile("SiteMapType.xsd")],
    maxMemoryPages: 1024,
  });
}
