/**
 * Components a solution carries as folders of its zip, with no container in customizations.xml the
 * import would refuse: custom APIs (`customapis/<name>/customapi.xml`, as in scottdurow/dataverse-ify's
 * exported cdsifyintegrationtests) and column masking rules (`maskingrules/`, as in
 * microsoft/PowerApps-Samples' ColumnLevelSecuritySampleSolution). The sandbox models neither, so a
 * solution with them is refused by name rather than imported without them.
 */
import { importRefused } from "./solutionPackage";

const UNMODELLED_FOLDERS: Record<string, string> = {
  customapis: "custom APIs",
  maskingrules: "column masking rules",
};

export function refuseUnmodelledParts(paths: Iterable<string>): void {
  const found = new Set<string>();
  for (const path of paths) {
    const folder = path.split("/")[0].toLowerCase();
    if (path.includes("/") && UNMODELLED_FOLDERS[folder]) found.add(folder);
  }
  if (found.size > 0) {
    throw importRefused(`The solution file has components the sandbox does not import: ${[...found].map((f) => `${UNMODELLED_FOLDERS[f]} (${f}/)`).join(", ")}.`);
  }
}
