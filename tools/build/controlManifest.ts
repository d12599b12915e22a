/** Reads a built PCF ControlManifest.xml for the names the solution folder is keyed by. */
import { BuildError } from "./errors";
import { firstChild, readXmlFile } from "./xml";

export interface ControlIdentity {
  namespace: string;
  constructorName: string;
}

export function readControlIdentity(manifestFile: string): ControlIdentity {
  const root = readXmlFile(manifestFile).documentElement!;
  const control = root.localName === "manifest" ? firstChild(root, "control") : undefined;
  if (!control) throw new BuildError("not a control manifest: expected <manifest><control …>", manifestFile);
  const namespace = control.getAttribute("namespace") ?? "";
  const constructorName = control.getAttribute("constructor") ?? "";
  if (!namespace || !constructorName) {
    throw new BuildError("<control> needs both a namespace and a constructor attribute", manifestFile);
  }
  return { namespace, constructorName };
}

/** The folder (and CustomControl Name) a control gets in a solution: `<prefix>_<namespace>.<constructor>`. */
export function solutionControlName(prefix: string, identity: ControlIdentity): string {
  return `${prefix}_${identity.namespace}.${identity.constructorName}`;
}
