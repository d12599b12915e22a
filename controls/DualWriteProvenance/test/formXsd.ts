/**
 * Validates a `<form>` against Microsoft's FormXml.xsd (libxml2-compatible copy) with xmllint-wasm.
 *
 * libxml2 cannot compile FormXml.xsd as published: the `<parameters>` of a cell control is a choice of
 * choices sharing element names ("content model is not determinist"). Only that one content model is
 * opened up to "any elements", in memory; every other rule of the schema applies as published.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { validateXML } from "xmllint-wasm";

export const schemaDir = resolve(__dirname, "../../../../shared/reference/schemas/libxml2-compat");
export const schemasPresent = existsSync(join(schemaDir, "FormXml.xsd"));

function openControlParameters(xsd: string): string {
  const anchor = xsd.indexOf('<xs:complexType name="FormXmlControlType">');
  const parameters = xsd.indexOf('<xs:element name="parameters"', anchor);
  const start = xsd.indexOf("<xs:complexType>", parameters);
  const tags = /<xs:complexType\b[^>]*?(\/?)>|<\/xs:complexType>/g;
  tags.lastIndex = start;
  let depth = 0;
  for (let m = tags.exec(xsd); m; m = tags.exec(xsd)) {
    depth += m[0].startsWith("</") ? -1 : m[1] === "/" ? 0 : 1;
    if (depth === 0) {
      const open = '<xs:complexType><xs:sequence><xs:any processContents="lax" minOccurs="0" maxOccurs="unbounded" /></xs:sequence></xs:complexType>';
      return xsd.slice(0, start) + open + xsd.slice(tags.lastIndex);
    }
  }
  throw new Error("FormXml.xsd: the control <parameters> type this test opens up was not found");
}

export async function validateForm(formXml: string, fileName: string): Promise<string[]> {
  const read = (name: string) => readFileSync(join(schemaDir, name), "utf8");
  const result = await validateXML({
    xml: [{ fileName, contents: formXml }],
    schema: [{ fileName: "FormXml.xsd", contents: openControlParameters(read("FormXml.xsd")) }],
    preload: ["RibbonCore.xsd", "RibbonTypes.xsd", "RibbonWSS.xsd"].map((name) => ({ fileName: name, contents: read(name) })),
    maxMemoryPages: 1024,
  });
  return result.errors.map((e) => e.rawMessage);
}
