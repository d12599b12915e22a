/**
 * Which grid customizer a view assigns, read from its layoutxml as the Power Apps grid control reads
 * its configuration: `<grid><controlDescriptions><controlDescription><customControl formFactor="0"
 * name="Microsoft.PowerApps.PowerAppsOneGrid"><parameters><GridCustomizerControlFullName>` (the
 * *Customizer control* property; solution/PLATFORM-FACTS.md, issue 17). formFactor 0 is the web client,
 * the one these pages are.
 */
export const PowerAppsGridControl = "Microsoft.PowerApps.PowerAppsOneGrid";
const WEB = "0";

const elements = (parent: Element, tag: string): Element[] => Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).tagName === tag);

/** The customizer's full logical name (`cb2b_Cb2b.HandOffStageCells`), or null when the view assigns none. */
export function gridCustomizerName(layoutXml: string): string | null {
  const doc = new DOMParser().parseFromString(layoutXml, "text/xml");
  if (doc.getElementsByTagName("parsererror").length > 0) return null;
  for (const descriptions of elements(doc.documentElement, "controlDescriptions")) {
    for (const description of elements(descriptions, "controlDescription")) {
      const grid = elements(description, "customControl").find((c) => c.getAttribute("name") === PowerAppsGridControl && c.getAttribute("formFactor") === WEB);
      const parameters = grid ? elements(grid, "parameters")[0] : undefined;
      const name = parameters ? elements(parameters, "GridCustomizerControlFullName")[0]?.textContent?.trim() : undefined;
      if (name) return name;
    }
  }
  return null;
}

/** The request that reads a control's definition (its manifest) by name, as the form's PCF host does. */
export function controlDefinitionPath(controlName: string): string {
  return `customcontrols?$select=name,manifest&$filter=${encodeURIComponent(`name eq '${controlName.replace(/'/g, "''")}'`)}`;
}
