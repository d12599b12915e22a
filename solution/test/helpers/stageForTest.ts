/**
 * A staged copy of the solution for tests that pack it, independent of `npm run build`.
 *
 * customizations.xml and solution.xml carry only the *metadata* of web resources and controls (the
 * `.data.xml` files in source); the built content is opaque to both. So each content file the build would
 * add gets a small marked stand-in instead. The tests never read out/, so they give the same answer
 * before, after or while a build runs.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { listFiles, listFolders, replaceWithCopy } from "../../../tools/build/fileTree";
import { readSolutionInfo } from "../../../tools/build/solutionInfo";
import { solutionSource } from "./paths";

const STAND_IN = "stand-in written by solution/test/helpers/stageForTest.ts: the real file comes from npm run build";

export function stageForTest(staging: string): void {
  replaceWithCopy(solutionSource, staging);
  const { publisherPrefix } = readSolutionInfo(staging);

  for (const name of listFolders(join(staging, "Controls"))) {
    const target = join(staging, "Controls", name);
    if (existsSync(join(target, "ControlManifest.xml"))) continue;
    const [namespace, constructorName] = name.slice(publisherPrefix.length + 1).split(".");
    writeFileSync(
      join(target, "ControlManifest.xml"),
      `<?xml version="1.0" encoding="utf-8"?>\n<!-- ${STAND_IN} -->\n<manifest><control namespace="${namespace}" constructor="${constructorName}" version="0.0.0" display-name-key="${constructorName}" control-type="virtual"><resources><code path="bundle.js" order="1" /></resources></control></manifest>\n`,
    );
    writeFileSync(join(target, "bundle.js"), `/* ${STAND_IN} */\n`);
  }

  const webResources = join(staging, "WebResources");
  for (const metadata of listFiles(webResources).filter((f) => f.endsWith(".data.xml"))) {
    const target = join(webResources, metadata.slice(0, -".data.xml".length));
    if (existsSync(target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `/* ${STAND_IN} */\n`);
  }
}
