import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { translator, type Translate } from "../src/text";

/** The control's strings for one language, read from strings/HandOffStageCells.<lcid>.resx. */
export function readResx(lcid: 1033 | 1035): Map<string, string> {
  const xml = readFileSync(join(__dirname, "..", "strings", `HandOffStageCells.${lcid}.resx`), "utf8");
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const strings = new Map<string, string>();
  for (const data of Array.from(doc.getElementsByTagName("data"))) {
    strings.set(data.getAttribute("name") ?? "", data.getElementsByTagName("value")[0]?.textContent ?? "");
  }
  return strings;
}

/** What `context.resources` gives the control in that language, as a translator. */
export function translatorFor(lcid: 1033 | 1035): Translate {
  const strings = readResx(lcid);
  return translator({ getString: (key: string) => strings.get(key) ?? "", getResource: () => undefined });
}
