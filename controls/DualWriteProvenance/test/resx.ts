import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";

/** The control's strings for one language, read from strings/DualWriteProvenance.<lcid>.resx. */
export function readResx(lcid: 1033 | 1035): Map<string, string> {
  const xml = readFileSync(join(__dirname, "..", "strings", `DualWriteProvenance.${lcid}.resx`), "utf8");
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const strings = new Map<string, string>();
  for (const data of Array.from(doc.getElementsByTagName("data"))) {
    strings.set(data.getAttribute("name") ?? "", data.getElementsByTagName("value")[0]?.textContent ?? "");
  }
  return strings;
}
