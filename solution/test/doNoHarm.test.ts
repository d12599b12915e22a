/**
 * "Do no harm" (ARCHITECTURE.md): the solution never redefines Microsoft's components and never loads
 * a library it does not own. A CommandDefinition with a Microsoft id (`Mscrm.*`) would replace Sales'
 * own command, rules and actions under our managed layer; a `$webresource:` outside our `cb2b_` prefix
 * would load code we do not ship (or that does not exist).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { solutionSource } from "./helpers/paths";

const OUR_PREFIX = "cb2b_";

/** Ids of CommandDefinitions in a RibbonDiffXml that belong to Microsoft (`Mscrm.` in any case). */
function microsoftCommandIds(ribbonDiffXml: string): string[] {
  const root = new DOMParser().parseFromString(ribbonDiffXml, "text/xml").documentElement as unknown as Element;
  return Array.from(root.getElementsByTagName("CommandDefinition"))
    .map((command) => (command as Element).getAttribute("Id") ?? "")
    .filter((id) => /^mscrm\./i.test(id));
}

/** Web resources a text loads that are not ours: `$webresource:<name>` and form `<Library name="…">`. */
function foreignLibraries(text: string): string[] {
  const names = [
    ...Array.from(text.matchAll(/\$webresource:([^"'\s<>]+)/gi), (m) => m[1]),
    ...Array.from(text.matchAll(/<Library\b[^>]*\bname="([^"]*)"/g), (m) => m[1]),
  ];
  return names.filter((name) => !name.startsWith(OUR_PREFIX));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const TEXT_FILE = /\.(xml|xaml|json|js|html?|css|resx|svg|ts|txt)$/i;
const sourceFiles = filesUnder(solutionSource).filter((file) => TEXT_FILE.test(file));
const ribbonDiffs = sourceFiles.filter((file) => file.endsWith("RibbonDiff.xml"));
const name = (file: string) => relative(solutionSource, file).split("\\").join("/");

describe("the checks themselves", () => {
  it("find a redefined Sales command and a Sales library, and pass our own", () => {
    const overriding = `<RibbonDiffXml><CommandDefinitions>
        <CommandDefinition Id="Mscrm.Form.lead.ConvertQuick"><Actions>
          <JavaScriptFunction FunctionName="isNaN" Library="$webresource:Sales/Lead/Lead.js" />
          <JavaScriptFunction FunctionName="Cb2b.x" Library="$webresource:cb2b_/scripts/LeadForm.js" />
        </Actions></CommandDefinition>
        <CommandDefinition Id="cb2b.lead.Form.Own" />
      </CommandDefinitions></RibbonDiffXml>`;
    expect(microsoftCommandIds(overriding)).toEqual(["Mscrm.Form.lead.ConvertQuick"]);
    expect(foreignLibraries(overriding)).toEqual(["Sales/Lead/Lead.js"]);
    expect(foreignLibraries('<formLibraries><Library name="msdyn_/Lead.js" libraryUniqueId="{1}" /></formLibraries>')).toEqual(["msdyn_/Lead.js"]);
    expect(foreignLibraries('<Library name="cb2b_/scripts/LeadForm.js" libraryUniqueId="{1}" />')).toEqual([]);
  });
});

describe("solution/src does no harm to Sales", () => {
  it("has the lead and opportunity RibbonDiff.xml to check", () => {
    expect(ribbonDiffs.map(name)).toEqual(expect.arrayContaining(["Entities/Lead/RibbonDiff.xml", "Entities/Opportunity/RibbonDiff.xml"]));
  });

  it.each(ribbonDiffs.map((file) => [name(file), file]))("%s redefines no Microsoft command (Mscrm.*)", (_name, file) => {
    expect(microsoftCommandIds(readFileSync(file, "utf8"))).toEqual([]);
  });

  it("references no web resource library outside our cb2b_ prefix, in any file", () => {
    const foreign = sourceFiles.flatMap((file) => foreignLibraries(readFileSync(file, "utf8")).map((library) => `${name(file)}: ${library}`));
    expect(foreign).toEqual([]);
  });
});
