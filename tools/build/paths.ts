/** Where the build reads from and writes to, relative to the repository root. */
import { join, resolve } from "node:path";

export interface BuildPaths {
  /** Repository root (holds package.json). */
  root: string;
  /** Solution source in SolutionPackager's unpacked layout. */
  solutionSource: string;
  /** Built PCF controls: one folder per control holding the built ControlManifest.xml. */
  builtControls: string;
  /** Built web resources, laid out by web resource name (e.g. `cb2b_/scripts/LeadForm.js`). */
  builtWebResources: string;
  /** Where the packed zips go. */
  solutionOut: string;
  /** The unpacked folder the packer reads: source plus built content. */
  staging: string;
}

export function buildPaths(root: string = resolve(__dirname, "..", "..")): BuildPaths {
  const out = join(root, "out");
  return {
    root,
    solutionSource: join(root, "solution", "src"),
    builtControls: join(out, "controls"),
    builtWebResources: join(out, "webresources"),
    solutionOut: join(out, "solution"),
    staging: join(out, "solution", "staging"),
  };
}
