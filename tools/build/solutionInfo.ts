/** What the build needs to know from the solution's own Solution.xml. */
import { join } from "node:path";
import { BuildError } from "./errors";
import { childText, firstChild, readXmlFile } from "./xml";

export interface SolutionInfo {
  uniqueName: string;
  version: string;
  publisherPrefix: string;
}

export function readSolutionInfo(solutionFolder: string): SolutionInfo {
  const file = join(solutionFolder, "Other", "Solution.xml");
  const manifest = firstChild(readXmlFile(file).documentElement!, "SolutionManifest");
  if (!manifest) throw new BuildError("no <SolutionManifest> element", file);
  const publisher = firstChild(manifest, "Publisher");
  const uniqueName = childText(manifest, "UniqueName");
  const version = childText(manifest, "Version");
  const publisherPrefix = publisher ? childText(publisher, "CustomizationPrefix") : undefined;
  if (!uniqueName) throw new BuildError("<UniqueName> is missing or empty", file);
  if (!version) throw new BuildError("<Version> is missing or empty", file);
  if (!publisherPrefix) throw new BuildError("<Publisher><CustomizationPrefix> is missing or empty", file);
  return { uniqueName, version, publisherPrefix };
}
