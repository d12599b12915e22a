/**
 * A staged copy of the solution for tests that pack it, independent of whether `npm run build` ran.
 *
 * customizations.xml and solution.xml only carry the *metadata* of web resources and controls (the
 * `.data.xml` files in source); their content is opaque to both. So where a built file exists in out/
 * it is used, and where it does not (a fresh clone, tests run before the build) a small marked stand-in
 * file takes its place — enough for the packer, never shipped anywhere.
 */
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { listFiles, listFolders, replaceWithCopy } from "../../../tools/build/fileTree";
import { buildPaths } from "../../../tools/build/paths";
import { readControlIdentity, solutionControlName } from "../../../tools/build/controlManifest";
import { readSolutionInfo } from "../../../tools/build/solutionInfo";
import { solutionSource } from "./paths";

const STAND_IN = "stand-in written by solution/test/helpers/stageForTest.ts: the real file comes from npm run build";

function builtControlsByName(prefix: string): Map<string, string> {
  const { builtControls } = buildPaths();
  const byName = new Map<string, string>();
  for (const folder of listFolders(builtControls)) {
    const manifest = join(builtControls, folder, "ControlManifest.xml");
    if (existsSync(manifest)) byName.set(solutionControlName(prefix, readControlIdentity(manifest)), join(builtControls, folder));
  }
  return byName;
}

export function stageForTest(staging: string): void {
  const { builtWebResources } = buildPaths();
  replaceWithCopy(solutionSource, staging);
  const { publisherPrefix } = readSolutionInfo(staging);

  const built = builtControlsByName(publisherPrefix);
  for (const name of listFolders(join(staging, "Controls"))) {
    const target = join(staging, "Controls", name);
    if (existsSync(join(target, "ControlManifest.xml"))) continue;
    const source = built.get(name);
    if (source) {
      cpSync(source, target, { recursive: true });
      continue;
    }
    const [namespace, constructorName] = name.slice(publisherPrefix.length + 1).split(".");
    writeFileSync(
      join(target, "ControlManifest.xml"),
      `<?xml version="1.0" encoding="utf-8"?>\n<!-- ${STAND_IN} -->\n<manifest><control namespace="${namespace}" constructor="${constructorName}" version="0.0.0" display-name-key="${constructorName}" control-type="virtual"><resources><code path="bundle.js" order="1" /></resources></control></manifest>\n`,
    );
    writeFileSync(join(target, "bundle.js"), `/* ${STAND_IN} */\n`);
  }

  const webResources = join(staging, "WebResources");
  for (const metadata of listFiles(webResources).filter((f) => f.endsWith(".data.xml"))) {
    const content = metadata.slice(0, -".data.xml".length);
    const target = join(webResources, content);
    if (existsSync(target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    if (existsSync(join(builtWebResources, content))) cpSync(join(builtWebResources, content), target);
    else writeFileSync(target, `/* ${STAND_IN} */\n`);
  }
}
