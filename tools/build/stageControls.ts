/**
 * Puts each built PCF control where SolutionPackager expects it:
 * `Controls/<prefix>_<namespace>.<constructor>/` next to the `ControlManifest.xml.data.xml` from source.
 */
import { cpSync, existsSync } from "node:fs";
import { join } from "node:path";
import { readControlIdentity, solutionControlName } from "./controlManifest";
import { BuildError } from "./errors";
import { listFiles, listFolders } from "./fileTree";

const MANIFEST = "ControlManifest.xml";
const DATA_XML = "ControlManifest.xml.data.xml";

export interface StagedControl {
  name: string;
  files: string[];
}

/** `source` is the solution source the staging folder was copied from: errors name the file to fix there. */
export function stageControls(builtControls: string, staging: string, source: string, prefix: string): StagedControl[] {
  const stagedControls = join(staging, "Controls");
  const staged: StagedControl[] = [];
  for (const folder of listFolders(builtControls)) {
    const builtFolder = join(builtControls, folder);
    const manifest = join(builtFolder, MANIFEST);
    if (!existsSync(manifest)) throw new BuildError(`built control has no ${MANIFEST}`, builtFolder);
    const name = solutionControlName(prefix, readControlIdentity(manifest));
    const target = join(stagedControls, name);
    if (!existsSync(join(target, DATA_XML))) {
      throw new BuildError(
        `built control "${name}" has no solution metadata: add solution/src/Controls/${name}/${DATA_XML}`,
        manifest,
      );
    }
    cpSync(builtFolder, target, { recursive: true });
    staged.push({ name, files: listFiles(builtFolder) });
  }
  // The reverse: metadata in source whose control was never built.
  for (const name of listFolders(stagedControls)) {
    if (!existsSync(join(stagedControls, name, MANIFEST))) {
      throw new BuildError(
        `no built control for this metadata: "npm run build:controls" should leave a control in ${builtControls} whose manifest gives "${name}"`,
        join(source, "Controls", name, DATA_XML),
      );
    }
  }
  return staged;
}
